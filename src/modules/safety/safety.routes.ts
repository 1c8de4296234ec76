import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { DateTime } from "luxon";
import { z } from "zod";
import type { ImpostorAccountRow } from "../../db/schema/index.ts";
import { invalidField } from "../../lib/errors.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";
import { actorOf } from "../audit/record-audit-event.ts";
import { decodeCursor, encodeCursor, maskedText } from "../inbox/inbox.presenter.ts";
import { analyzeMessage } from "./analyze-message.ts";
import { decideImpostor } from "./decide-impostor.ts";
import { revealMessage } from "./reveal-message.ts";
import {
  ZAnalyzeRequest,
  ZAnalyzeResponse,
  ZImpostor,
  ZImpostorDecision,
  ZImpostorStatus,
  ZIncidentItem,
  ZIncidentQuery,
  ZMonthQuery,
  ZPersonalDataReport,
  ZPraiseFeedQuery,
  ZPraiseItem,
  ZPraiseReport,
  ZRevealParams,
  ZRevealRequest,
  ZRevealResponse,
  ZSafetySettings,
  ZUpdateSafetySettingsRequest,
} from "./safety.schemas.ts";
import type { SafetySettings } from "./safety-settings.ts";
import { updateSafetySettings } from "./update-safety-settings.ts";

const presentSettings = (s: SafetySettings) => ({
  personalDataPolicy: s.policy,
  revealRoles: s.revealRoles,
  defaultRegion: s.detect.defaultRegion ?? "DE",
  allowlist: [...(s.detect.allowlist ?? [])],
  customPatterns: (s.detect.customPatterns ?? []).map((p) => ({
    name: p.name,
    regex: String(p.regex instanceof RegExp ? p.regex.source : p.regex),
    ...(p.flags ? { flags: p.flags } : {}),
  })),
  brandHandles: [...s.brand.handles],
  brandNames: [...s.brand.names],
  brandCustomized: s.brandCustomized,
});

const presentImpostor = (r: ImpostorAccountRow) => ({
  id: r.id,
  channel: r.kind,
  handle: r.handle,
  displayName: r.displayName,
  platformUserId: r.platformUserId,
  contactId: r.contactId,
  status: r.status as "suspected" | "confirmed" | "dismissed",
  reason: r.reason,
  score: r.score,
  evidence: r.evidence,
  seenCount: r.seenCount,
  firstSeenAt: r.firstSeenAt.toISOString(),
  lastSeenAt: r.lastSeenAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

/** [start, end) of a YYYY-MM month in the workspace's time zone. */
function monthRange(month: string | undefined, timeZone: string) {
  const start = month
    ? DateTime.fromFormat(month, "yyyy-MM", { zone: timeZone })
    : DateTime.now().setZone(timeZone).startOf("month");
  return {
    month: start.toFormat("yyyy-MM"),
    from: start.toJSDate(),
    to: start.plus({ months: 1 }).toJSDate(),
  };
}

export const safetyRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["safety"];

  app.post(
    "/analyze",
    {
      // Who may ask is checked before the body is validated: a stranger learns nothing.
      preValidation: async (request) => {
        requireRole(request, ["agent", "moderator", "admin"]);
      },
      schema: {
        tags,
        summary: "Language, sentiment, praise and personal data of a message (agents and above)",
        body: ZAnalyzeRequest,
        response: { 200: ZAnalyzeResponse },
      },
    },
    async (request) => analyzeMessage(request.body),
  );

  app.post(
    "/conversations/:id/messages/:messageId/reveal",
    {
      preValidation: async (request) => {
        requireRole(request, STAFF_ROLES);
      },
      schema: {
        tags,
        summary:
          "Show a message's masked personal data (admins, and the roles the workspace allows); audited",
        params: ZRevealParams,
        body: ZRevealRequest,
        response: { 200: ZRevealResponse },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      return revealMessage(services, user, actorOf(user, request), {
        conversationId: request.params.id,
        messageId: request.params.messageId,
        reason: request.body?.reason,
      });
    },
  );

  app.get(
    "/admin/safety",
    {
      schema: {
        tags,
        summary: "Trust-and-safety settings: personal-data policy, reveal roles, brand",
        response: { 200: ZSafetySettings },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      return presentSettings(await services.safetySettings.get(admin.workspaceId));
    },
  );

  app.patch(
    "/admin/safety",
    {
      preValidation: async (request) => {
        requireRole(request, ["admin"]);
      },
      schema: {
        tags,
        summary: "Change trust-and-safety settings (audited)",
        body: ZUpdateSafetySettingsRequest,
        response: { 200: ZSafetySettings },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      return presentSettings(
        await updateSafetySettings(services, admin, actorOf(admin, request), request.body),
      );
    },
  );

  app.get(
    "/admin/impostors",
    {
      schema: {
        tags,
        summary: "Accounts that look like the brand, newest activity first",
        querystring: z.object({
          status: ZImpostorStatus.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(ZImpostor) }) },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      const rows = await services.safety.listImpostors(
        admin.workspaceId,
        request.query.status,
        request.query.limit,
      );
      return { items: rows.map(presentImpostor) };
    },
  );

  for (const [verb, decision] of [
    ["confirm", "confirmed"],
    ["dismiss", "dismissed"],
  ] as const) {
    app.post(
      `/admin/impostors/:id/${verb}`,
      {
        preValidation: async (request) => {
          requireRole(request, ["admin"]);
        },
        schema: {
          tags,
          summary:
            decision === "confirmed"
              ? "Confirm an impostor: its contact is flagged in the inbox (audited)"
              : "Dismiss an impostor alert (audited)",
          params: z.object({ id: z.uuid({ message: "must be an impostor id" }) }),
          body: ZImpostorDecision,
          response: { 200: ZImpostor },
        },
      },
      async (request) => {
        const admin = requireRole(request, ["admin"]);
        const row = await decideImpostor(services, admin, actorOf(admin, request), {
          id: request.params.id,
          decision,
          note: request.body?.note,
        });
        return presentImpostor(row);
      },
    );
  }

  app.get(
    "/reports/praise",
    {
      schema: {
        tags: ["reports"],
        summary: "Praise messages in a month, by channel",
        querystring: ZMonthQuery,
        response: { 200: ZPraiseReport },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      const settings = await services.safetySettings.get(user.workspaceId);
      const range = monthRange(request.query.month, settings.timeZone);
      const byChannel = await services.safety.countPraise(user.workspaceId, range.from, range.to);
      return {
        month: range.month,
        total: byChannel.reduce((sum, c) => sum + c.count, 0),
        byChannel,
      };
    },
  );

  app.get(
    "/reports/personal-data",
    {
      schema: {
        tags: ["reports"],
        summary: "Public messages with personal data in a month, by type",
        querystring: ZMonthQuery,
        response: { 200: ZPersonalDataReport },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      const settings = await services.safetySettings.get(user.workspaceId);
      const range = monthRange(request.query.month, settings.timeZone);
      const counts = await services.safety.countIncidents(user.workspaceId, range.from, range.to);
      return { month: range.month, ...counts };
    },
  );

  app.get(
    "/personal-data/incidents",
    {
      schema: {
        tags,
        summary: "Public messages in which personal data was found, newest first (masked)",
        querystring: ZIncidentQuery,
        response: {
          200: z.object({ items: z.array(ZIncidentItem), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      const cursor = decodeCursor(request.query.cursor);
      if (cursor === "invalid") throw invalidField("cursor", "is not a cursor this API returned");
      const { limit } = request.query;
      const rows = await services.safety.listIncidents(
        user.workspaceId,
        { channel: request.query.channel, before: cursor },
        limit + 1,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.incident.id,
          messageId: r.message.id,
          conversationId: r.message.conversationId,
          channel: r.channelKind,
          channelName: r.channelName,
          author: r.author,
          text: maskedText(r.message.text, r.message.personalData),
          types: r.incident.types,
          actions: r.incident.actions,
          createdAt: r.incident.createdAt.toISOString(),
        })),
        nextCursor:
          rows.length > limit && last
            ? encodeCursor({ at: last.cursorAt, id: last.incident.id })
            : null,
      };
    },
  );

  app.get(
    "/praise",
    {
      schema: {
        tags,
        summary: "The praise feed: customers' thanks and compliments, newest first",
        querystring: ZPraiseFeedQuery,
        response: {
          200: z.object({ items: z.array(ZPraiseItem), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      const cursor = decodeCursor(request.query.cursor);
      if (cursor === "invalid") throw invalidField("cursor", "is not a cursor this API returned");
      const { limit } = request.query;
      const rows = await services.safety.praiseFeed(
        user.workspaceId,
        { channel: request.query.channel, before: cursor },
        limit + 1,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.message.id,
          conversationId: r.message.conversationId,
          channel: r.channelKind,
          author: r.author,
          text: maskedText(r.message.text, r.message.personalData),
          language: r.message.language,
          sentimentScore: r.message.sentimentScore,
          createdAt: r.message.createdAt.toISOString(),
        })),
        nextCursor:
          rows.length > limit && last
            ? encodeCursor({ at: last.message.createdAt.toISOString(), id: last.message.id })
            : null,
      };
    },
  );
};

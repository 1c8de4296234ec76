import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { toCsv } from "../../lib/csv.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";
import { getOverviewReport } from "./get-overview-report.ts";
import { getResponseTimesReport } from "./get-response-times-report.ts";
import { getSpikeStatus } from "./get-spike-status.ts";
import { getVolumeReport } from "./get-volume-report.ts";
import { groupRecentMessages } from "./group-recent-messages.ts";
import {
  ZOverviewQuery,
  ZOverviewReport,
  ZResponseTimesQuery,
  ZResponseTimesReport,
  ZVolumeQuery,
  ZVolumeReport,
} from "./reports.schemas.ts";

const LEADS = ["moderator", "admin"] as const;
/** A download; a string body with a non-JSON type skips the JSON response schema. */
function sendCsv(reply: FastifyReply, name: string, body: string) {
  return reply
    .header("content-type", "text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${name}.csv"`)
    .send(body);
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

/** Reports for team leads: JSON for the console, `?format=csv` for spreadsheets. */
export const reportsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["reports"];

  app.get(
    "/reports/volume",
    {
      schema: {
        tags,
        summary: "Inbound messages per hour/day/month by channel (moderators, admins)",
        querystring: ZVolumeQuery,
        response: { 200: ZVolumeReport },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, LEADS);
      const report = await getVolumeReport(services, user.workspaceId, request.query);
      if (request.query.format !== "csv") return report;
      return sendCsv(
        reply as FastifyReply,
        `volume-${report.bucket}`,
        toCsv(
          ["start", "total", ...report.channels],
          report.items.map((i) => [
            i.start,
            i.total,
            ...report.channels.map((c) => i.byChannel[c]),
          ]),
        ),
      );
    },
  );

  app.get(
    "/reports/overview",
    {
      schema: {
        tags,
        summary:
          "SLA attainment, praise / personal data / impostors per month, community solved by customers vs staff, incidents (moderators, admins)",
        querystring: ZOverviewQuery,
        response: { 200: ZOverviewReport },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, LEADS);
      const report = await getOverviewReport(services, user.workspaceId, request.query);
      if (request.query.format !== "csv") return report;
      return sendCsv(
        reply as FastifyReply,
        "overview-months",
        toCsv(
          ["month", "praise", "personal_data_incidents", "impostor_alerts"],
          report.months.map((m) => [m.month, m.praise, m.personalData, m.impostors]),
        ),
      );
    },
  );

  app.get(
    "/reports/response-times",
    {
      schema: {
        tags,
        summary: "First-response and resolution median/p90 in business hours (moderators, admins)",
        querystring: ZResponseTimesQuery,
        response: { 200: ZResponseTimesReport },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, LEADS);
      const report = await getResponseTimesReport(
        services,
        user.workspaceId,
        request.query,
        services.clock.now(),
      );
      if (request.query.format !== "csv") return report;
      const rows = [{ ...report, channel: "all" }, ...report.byChannel].map((r) => [
        r.channel,
        r.conversations,
        r.firstResponse.count,
        seconds(r.firstResponse.medianMs),
        seconds(r.firstResponse.p90Ms),
        r.resolution.count,
        seconds(r.resolution.medianMs),
        seconds(r.resolution.p90Ms),
      ]);
      return sendCsv(
        reply as FastifyReply,
        "response-times",
        toCsv(
          [
            "channel",
            "conversations",
            "answered",
            "first_response_median_seconds",
            "first_response_p90_seconds",
            "solved",
            "resolution_median_seconds",
            "resolution_p90_seconds",
          ],
          rows,
        ),
      );
    },
  );

  app.get(
    "/operations/spike",
    {
      schema: {
        tags,
        summary: "Last 60 minutes of inbound volume against the same hour in past weeks (staff)",
        querystring: z.object({
          factor: z.coerce.number().gt(1).max(100).optional(),
          weeks: z.coerce.number().int().min(1).max(12).optional(),
          teamId: z.uuid({ message: "must be a team id" }).optional(),
        }),
        response: {
          200: z.object({
            isSpike: z.boolean(),
            count: z.number(),
            baseline: z.number(),
            source: z.enum(["same-hour-median", "overall-average", "default"]),
            ratio: z.number(),
            factor: z.number(),
            samples: z.array(z.number()),
            windowStart: z.iso.datetime(),
            windowEnd: z.iso.datetime(),
            timeZone: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      return getSpikeStatus(services, user.workspaceId, request.query);
    },
  );

  app.get(
    "/operations/near-duplicates",
    {
      schema: {
        tags,
        summary: "Near-identical inbound messages of the last hours, grouped (staff; preview)",
        querystring: z.object({
          hours: z.coerce.number().gt(0).max(72).default(2),
          threshold: z.coerce.number().gt(0).max(1).default(0.5),
          limit: z.coerce.number().int().min(1).max(10_000).default(2000),
        }),
        response: {
          200: z.object({
            messages: z.number(),
            groups: z.array(
              z.object({
                size: z.number(),
                representative: z.object({ id: z.uuid(), text: z.string(), channel: z.string() }),
                minSimilarity: z.number(),
                messages: z.array(
                  z.object({
                    id: z.uuid(),
                    conversationId: z.uuid(),
                    channel: z.string(),
                    createdAt: z.iso.datetime(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      return groupRecentMessages(services, user.workspaceId, request.query);
    },
  );

  app.get(
    "/reports/backlog",
    {
      schema: {
        tags,
        summary: "Conversations waiting now (new, open, pending) by status and channel",
        response: {
          200: z.object({
            total: z.number(),
            byStatus: z.object({ new: z.number(), open: z.number(), pending: z.number() }),
            byChannel: z.record(z.string(), z.number()),
            oldestCreatedAt: z.iso.datetime().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, LEADS);
      const rows = await services.reports.backlog(user.workspaceId);
      const byStatus = { new: 0, open: 0, pending: 0 } as Record<
        "new" | "open" | "pending",
        number
      >;
      const byChannel: Record<string, number> = {};
      let oldest: Date | null = null;
      for (const r of rows) {
        byStatus[r.status as keyof typeof byStatus] += r.count;
        byChannel[r.channel] = (byChannel[r.channel] ?? 0) + r.count;
        if (!oldest || r.oldest < oldest) oldest = r.oldest;
      }
      return {
        total: rows.reduce((n, r) => n + r.count, 0),
        byStatus,
        byChannel,
        oldestCreatedAt: oldest?.toISOString() ?? null,
      };
    },
  );
};

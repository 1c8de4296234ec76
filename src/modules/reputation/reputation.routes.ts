import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { invalidField, notFound } from "../../lib/errors.ts";
import { requireRole, requireUser } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { actorOf } from "../audit/record-audit-event.ts";
import { communityWorkspace } from "../community/community-context.ts";
import { findBoard } from "../community/find-board.ts";
import { awardManualBadge, createBadge } from "./award-badge.ts";
import { detectAndReverseSerialVoting } from "./detect-serial-voting.ts";
import { getLeaderboard } from "./get-leaderboard.ts";
import { getMyReputation, getReputationSummary } from "./get-reputation.ts";
import { presentBadge } from "./reputation.presenter.ts";
import {
  ZAwardBadgeRequest,
  ZBadge,
  ZCreateBadgeRequest,
  ZIdParams,
  ZLeaderboard,
  ZLeaderboardQuery,
  ZMyReputation,
  ZReputationSettingsPatch,
  ZReputationSummary,
  ZSettingsResponse,
} from "./reputation.schemas.ts";
import { updateReputationSettings } from "./update-settings.ts";

const MODERATORS = ["moderator", "admin"] as const;

/** Points, ranks, badges, leaderboards, settings and the serial-voting check. */
export const reputationRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["reputation"];
  const { ledger } = services.reputation;

  app.get(
    "/reputation/me",
    {
      schema: {
        tags,
        summary: "My points, rank, badges, privileges and ledger",
        response: { 200: ZMyReputation },
      },
    },
    async (request) => getMyReputation(services, requireUser(request)),
  );

  app.get(
    "/reputation/users/:id",
    {
      schema: {
        tags,
        summary: "A member's points, rank and badges (public)",
        params: ZIdParams,
        response: { 200: ZReputationSummary },
      },
    },
    async (request) => {
      const member = await services.accounts.findUserById(request.params.id);
      const ws = await communityWorkspace(services, request.auth?.user);
      if (!member || member.workspaceId !== ws.id) throw notFound("Member");
      return getReputationSummary(services, member);
    },
  );

  app.get(
    "/reputation/leaderboard",
    {
      schema: {
        tags,
        summary: "Points earned this week, this month or all time; per board (public)",
        querystring: ZLeaderboardQuery,
        response: { 200: ZLeaderboard },
      },
    },
    async (request) => {
      const ws = await communityWorkspace(services, request.auth?.user);
      const { period, board: slug, limit } = request.query;
      let boardId: string | null = null;
      if (slug) {
        const board = await findBoard(services, ws.id, slug);
        if (!board) throw invalidField("board", "is not a board of this community");
        boardId = board.id;
      }
      const items = await getLeaderboard(services, ws.id, { period, boardId, limit });
      return { period, board: slug ?? null, items };
    },
  );

  app.get(
    "/reputation/badges",
    {
      schema: {
        tags,
        summary: "The workspace's badges: rule badges and manual ones (public)",
        response: { 200: z.object({ items: z.array(ZBadge) }) },
      },
    },
    async (request) => {
      const ws = await communityWorkspace(services, request.auth?.user);
      await services.db.transaction((tx) => ledger.ensureDefaultBadges(tx, ws.id));
      return { items: (await ledger.listBadges(ws.id)).map(presentBadge) };
    },
  );

  app.post(
    "/reputation/badges",
    {
      schema: {
        tags,
        summary: "Define a badge: manual (no rule) or with a combined rule (moderators)",
        body: ZCreateBadgeRequest,
        response: { 201: ZBadge },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, MODERATORS);
      const badge = await createBadge(services, user, request.body, actorOf(user, request));
      return reply.code(201).send(presentBadge(badge));
    },
  );

  app.post(
    "/reputation/badges/:key/awards",
    {
      schema: {
        tags,
        summary: "Award a manual badge to a member (moderators); they are notified",
        params: z.object({ key: z.string().max(40) }),
        body: ZAwardBadgeRequest,
        response: {
          201: z.object({ badge: ZBadge, userId: z.uuid(), awardedAt: z.iso.datetime() }),
        },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, MODERATORS);
      const { award, badge } = await awardManualBadge(
        services,
        user,
        {
          badgeKey: request.params.key,
          userId: request.body.userId,
          reason: request.body.reason ?? null,
        },
        actorOf(user, request),
      );
      return reply.code(201).send({
        badge: presentBadge(badge),
        userId: award.userId,
        awardedAt: award.createdAt.toISOString(),
      });
    },
  );

  app.get(
    "/reputation/settings",
    {
      schema: {
        tags,
        summary: "Reputation rules in force, and the workspace's overrides (admins)",
        response: { 200: ZSettingsResponse },
      },
    },
    async (request) => {
      const user = requireRole(request, ["admin"]);
      const overrides = await ledger.storedSettings(user.workspaceId);
      return { settings: await ledger.settings(user.workspaceId), overrides };
    },
  );

  app.put(
    "/reputation/settings",
    {
      schema: {
        tags,
        summary: "Replace the workspace's overrides; left-out parts use the defaults (admins)",
        body: ZReputationSettingsPatch,
        response: { 200: ZSettingsResponse },
      },
    },
    async (request) => {
      const user = requireRole(request, ["admin"]);
      return updateReputationSettings(services, user, request.body, actorOf(user, request));
    },
  );

  app.get(
    "/reputation/serial-voting",
    {
      schema: {
        tags,
        summary: "Serial-voting cases the nightly check found and reversed (moderators)",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                voterId: z.uuid(),
                authorId: z.uuid(),
                votes: z.number().int(),
                pointsReversed: z.number().int(),
                createdAt: z.iso.datetime(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, MODERATORS);
      const rows = await ledger.listSerialCases(user.workspaceId, request.query.limit);
      return {
        items: rows.map((r) => ({
          id: r.id,
          voterId: r.voterId,
          authorId: r.authorId,
          votes: r.votes,
          pointsReversed: r.pointsReversed,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    "/reputation/serial-voting/run",
    {
      schema: {
        tags,
        summary: "Run the serial-voting check now (admins); what the nightly job does",
        response: {
          200: z.object({
            cases: z.array(
              z.object({
                voterId: z.uuid(),
                authorId: z.uuid(),
                votes: z.number().int(),
                pointsReversed: z.number().int(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, ["admin"]);
      const reports = await detectAndReverseSerialVoting(services, {
        actor: actorOf(user, request),
        workspaceId: user.workspaceId,
      });
      return { cases: reports.find((r) => r.workspaceId === user.workspaceId)?.cases ?? [] };
    },
  );
};

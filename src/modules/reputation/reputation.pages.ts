import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { actorOf } from "../audit/record-audit-event.ts";
import { communityWorkspace } from "../community/community-context.ts";
import { findBoard } from "../community/find-board.ts";
import { pageContext, sendHtml } from "../community/pages/page-context.ts";
import { getLeaderboard, LEADERBOARD_PERIODS, type LeaderboardPeriod } from "./get-leaderboard.ts";
import { leaderboardPage, requestedNotice, rewardsPage } from "./pages/reputation.views.ts";
import { requestReward } from "./request-reward.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Public server-rendered pages: the leaderboard and the rewards catalogue, where a
 * signed-in member requests a reward with a plain form post (no JavaScript needed).
 */
export async function reputationPages(app: FastifyInstance, { services }: { services: Services }) {
  const hide = { schema: { hide: true } };

  app.get<{ Querystring: { period?: string; board?: string } }>(
    "/community/leaderboard",
    hide,
    async (request, reply) => {
      const ctx = await pageContext(services, request, reply);
      const ws = await communityWorkspace(services, ctx.user);
      const period = (LEADERBOARD_PERIODS as readonly string[]).includes(request.query.period ?? "")
        ? (request.query.period as LeaderboardPeriod)
        : "week";
      const slug = request.query.board || null;
      const board = slug ? await findBoard(services, ws.id, slug) : null;
      const items = await getLeaderboard(services, ws.id, {
        period,
        boardId: board?.id ?? null,
        limit: 50,
      });
      const boards = await services.community.posts.listBoards(ws.id);
      return sendHtml(
        reply,
        leaderboardPage(ctx, {
          period,
          board: board ? board.slug : null,
          boards: boards.map((b) => ({ slug: b.slug, name: b.name })),
          items,
        }),
      );
    },
  );

  async function showRewards(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { notice: string | null; error: string | null; status?: number },
  ) {
    const ctx = await pageContext(services, request, reply);
    const ws = await communityWorkspace(services, ctx.user);
    const { rewards, ledger } = services.reputation;
    const [list, total, mine] = await Promise.all([
      rewards.list(ws.id, { activeOnly: true }),
      ctx.user ? ledger.total(ctx.user.id) : undefined,
      ctx.user
        ? rewards.listRedemptions(ws.id, { status: null, userId: ctx.user.id, limit: 20 })
        : [],
    ]);
    return sendHtml(
      reply,
      rewardsPage(ctx, {
        rewards: list,
        points: ctx.user ? (total?.points ?? 0) : null,
        requests: mine.map((r) => ({
          rewardName: r.rewardName,
          status: r.redemption.status,
          message: r.redemption.message,
        })),
        notice: state.notice,
        error: state.error,
      }),
      state.status ?? 200,
    );
  }

  app.get<{ Querystring: { requested?: string } }>(
    "/community/rewards",
    hide,
    async (request, reply) =>
      showRewards(request, reply, {
        notice:
          request.query.requested === "1"
            ? requestedNotice(await pageContext(services, request, reply))
            : null,
        error: null,
      }),
  );

  app.post<{ Params: { id: string } }>(
    "/community/rewards/:id/request",
    { ...hide, config: { rateLimit: { max: 20, timeWindow: "1 minute" } } },
    async (request, reply) => {
      if (!request.auth) return reply.redirect("/signin?next=%2Fcommunity%2Frewards", 303);
      try {
        if (!UUID.test(request.params.id))
          throw new AppError(404, "not_found", "Reward was not found.");
        await requestReward(
          services,
          request.auth.user,
          request.params.id,
          actorOf(request.auth.user, request),
        );
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        // The catalogue again, with the reason next to it, and the HTTP status it means.
        return showRewards(request, reply, {
          notice: null,
          error: err.message,
          status: err.statusCode,
        });
      }
      // Post/redirect/get: a reload does not send the request twice.
      return reply.redirect("/community/rewards?requested=1", 303);
    },
  );
}

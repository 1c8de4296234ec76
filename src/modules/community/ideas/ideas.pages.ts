import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { BoardRow } from "../../../db/schema/index.ts";
import { AppError, type FieldProblem } from "../../../lib/errors.ts";
import { escapeHtml } from "../../../lib/html.ts";
import { parseIdSlug } from "../../../lib/slug.ts";
import type { Services } from "../../../server/services.ts";
import { communityWorkspace } from "../community-context.ts";
import type { PageContext } from "../pages/layout.ts";
import { notFoundPage, pager } from "../pages/list.views.ts";
import { pageContext, sendHtml } from "../pages/page-context.ts";
import { redirectToCanonical } from "../serve-question-page.ts";
import { changeIdeaStatus } from "./change-idea-status.ts";
import { getIdea } from "./get-idea.ts";
import { ideaPath, presentIdeaSummary } from "./ideas.presenter.ts";
import { IDEA_LIMIT } from "./ideas.routes.ts";
import {
  IDEA_STATUSES,
  ZChangeIdeaStatusRequest,
  ZCreateIdeaRequest,
  ZIdeaStatus,
} from "./ideas.schemas.ts";
import {
  ideaPage,
  ideasBoardPage,
  notificationsPage,
  type SubmitIdeaValues,
  submitIdeaPage,
} from "./ideas.views.ts";
import { submitIdea } from "./submit-idea.ts";
import { unvoteIdea, voteIdea } from "./vote-idea.ts";

const PAGE_SIZE = 20;
type Form = Record<string, string | undefined>;
const field = (body: unknown, name: string) => {
  const v = (body as Form | undefined)?.[name];
  return typeof v === "string" ? v : "";
};
const issuesToProblems = (issues: { path: PropertyKey[]; message: string }[], fallback: string) =>
  issues.map((i) => ({ field: String(i.path[0] ?? fallback), message: i.message }));

/** The ideas board page (`/community/b/:slug` of a board whose kind is `ideas`). */
export async function renderIdeasBoard(
  services: Services,
  ctx: PageContext,
  board: BoardRow,
  query: Form,
): Promise<string> {
  const status = ZIdeaStatus.safeParse(query.status).data;
  const sort = query.sort === "newest" ? "newest" : "votes";
  const page = Math.min(Math.max(Number.parseInt(query.page ?? "1", 10) || 1, 1), 500);
  const rows = await services.community.ideas.list({
    workspaceId: board.workspaceId,
    boardId: board.id,
    status,
    sort,
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
  });
  const items = rows.slice(0, PAGE_SIZE).map(presentIdeaSummary);
  const voted = ctx.user
    ? await services.community.ideas.votedAmong(
        ctx.user.id,
        items.map((i) => i.id),
      )
    : new Set<string>();
  const path = `/community/b/${encodeURIComponent(board.slug)}`;
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (sort !== "votes") params.set("sort", sort);
  return ideasBoardPage(ctx, {
    board,
    items,
    voted,
    status,
    sort,
    canonical: `${ctx.publicUrl}${path}${params.size ? `?${params}` : ""}`,
    pager: pager(ctx, path, params, page, rows.length > PAGE_SIZE),
  });
}

/**
 * Server-rendered ideas pages and their plain form posts (they work without
 * JavaScript; the CSRF token travels in the `_csrf` field): the idea page with its
 * status history, submitting, voting, the team's status form and my notifications.
 */
export async function ideasPages(app: FastifyInstance, { services }: { services: Services }) {
  const hide = { schema: { hide: true } };
  const signInRedirect = (reply: FastifyReply, next: string) =>
    reply.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);

  async function ideaBoards(request: FastifyRequest) {
    const ws = await communityWorkspace(services, request.auth?.user);
    const boards = await services.community.posts.listBoards(ws.id);
    return boards.filter((b) => b.kind === "ideas").map((b) => ({ slug: b.slug, name: b.name }));
  }

  const following = async (ctx: PageContext, ideaId: string) =>
    ctx.user ? services.community.follows.isFollowing(ctx.user.id, "idea", ideaId) : false;

  async function notFound(request: FastifyRequest, reply: FastifyReply) {
    return sendHtml(reply, notFoundPage(await pageContext(services, request, reply)), 404);
  }

  app.get<{ Params: { idSlug: string } }>("/community/i/:idSlug", hide, async (request, reply) => {
    const ref = parseIdSlug(request.params.idSlug);
    const ctx = await pageContext(services, request, reply);
    if (!ref) return sendHtml(reply, notFoundPage(ctx), 404);
    try {
      const idea = await getIdea(services, ctx.user, { number: ref.id });
      if (redirectToCanonical(request, reply, idea.url)) return reply;
      return sendHtml(reply, ideaPage(ctx, idea, { following: await following(ctx, idea.id) }));
    } catch (err) {
      if (err instanceof AppError && err.statusCode === 404)
        return sendHtml(reply, notFoundPage(ctx), 404);
      throw err;
    }
  });

  app.get<{ Querystring: Form }>("/community/ideas/new", hide, async (request, reply) => {
    const ctx = await pageContext(services, request, reply);
    const boards = await ideaBoards(request);
    const values = {
      board: request.query.board ?? boards[0]?.slug ?? "",
      title: (request.query.title ?? "").slice(0, 200),
      body: "",
    };
    return sendHtml(reply, submitIdeaPage(ctx, boards, values));
  });

  app.post("/community/ideas/new", { ...hide, config: IDEA_LIMIT }, async (request, reply) => {
    if (!request.auth) return signInRedirect(reply, "/community/ideas/new");
    const ctx = await pageContext(services, request, reply);
    const values: SubmitIdeaValues = {
      board: field(request.body, "board"),
      title: field(request.body, "title"),
      body: field(request.body, "body"),
    };
    const parsed = ZCreateIdeaRequest.safeParse(values);
    let problems: FieldProblem[];
    if (parsed.success) {
      try {
        const idea = await submitIdea(services, request.auth.user, parsed.data);
        return reply.redirect(ideaPath(idea), 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode !== 400) throw err;
        problems = (err.details as FieldProblem[] | undefined) ?? [
          { field: "title", message: err.message },
        ];
      }
    } else {
      problems = issuesToProblems(parsed.error.issues, "title");
    }
    return sendHtml(reply, submitIdeaPage(ctx, await ideaBoards(request), values, problems), 400);
  });

  /** Voting without JavaScript: voting again takes the vote back (a toggle). */
  app.post("/community/actions/idea-vote", hide, async (request, reply) => {
    const backField = field(request.body, "back");
    // Only paths of this site: never an open redirect.
    const back = /^\/community\/[^/]/.test(backField) ? backField : "/community";
    if (!request.auth) return signInRedirect(reply, back);
    const ideaId = field(request.body, "ideaId");
    try {
      if (!/^[0-9a-f-]{36}$/i.test(ideaId)) throw new AppError(404, "not_found", "Idea");
      if (await services.community.ideas.hasVoted(ideaId, request.auth.user.id))
        await unvoteIdea(services, request.auth.user, ideaId);
      else await voteIdea(services, request.auth.user, ideaId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const ctx = await pageContext(services, request, reply);
      const page = `<!doctype html><html lang="${ctx.locale}"><meta charset="utf-8"><title>${ctx.t.error}</title>
<link rel="stylesheet" href="/community/assets/community.css"><main><h1>${ctx.t.error}</h1>
<p>${escapeHtml(err.message)}</p><p><a href="${escapeHtml(back)}">${ctx.t.back}</a></p></main></html>`;
      return sendHtml(reply, page, err.statusCode);
    }
    return reply.redirect(back, 303);
  });

  app.post<{ Params: { number: string } }>(
    "/community/i/:number/status",
    hide,
    async (request, reply) => {
      const number = Number(request.params.number);
      if (!Number.isSafeInteger(number) || number < 1) return notFound(request, reply);
      if (!request.auth) return signInRedirect(reply, `/community/i/${number}`);
      const ctx = await pageContext(services, request, reply);
      const idea = await getIdea(services, ctx.user, { number }).catch(() => undefined);
      if (!idea) return sendHtml(reply, notFoundPage(ctx), 404);
      const draft = {
        status: field(request.body, "status"),
        comment: field(request.body, "comment"),
      };
      const parsed = ZChangeIdeaStatusRequest.safeParse(draft);
      let problems: FieldProblem[];
      let status = 400;
      if (parsed.success) {
        try {
          const change = await changeIdeaStatus(services, request.auth.user, idea.id, parsed.data);
          return reply.redirect(`${idea.url}#status-${change.id}`, 303);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          status = err.statusCode;
          problems = (err.details as FieldProblem[] | undefined) ?? [
            { field: "status", message: err.message },
          ];
        }
      } else {
        problems = issuesToProblems(parsed.error.issues, "comment");
      }
      if (!(IDEA_STATUSES as readonly string[]).includes(draft.status)) draft.status = idea.status;
      return sendHtml(
        reply,
        ideaPage(ctx, idea, { problems, draft, following: await following(ctx, idea.id) }),
        status,
      );
    },
  );

  app.get("/community/notifications", hide, async (request, reply) => {
    if (!request.auth) return signInRedirect(reply, "/community/notifications");
    const ctx = await pageContext(services, request, reply);
    const rows = await services.community.ideas.listNotifications(request.auth.user.id, {
      unreadOnly: false,
      limit: 50,
    });
    return sendHtml(
      reply,
      notificationsPage(
        ctx,
        rows.map((r) => ({
          url: ideaPath(r.idea),
          title: r.idea.title,
          to: r.change.toStatus,
          comment: r.change.comment,
          actorName: r.by.name,
          read: r.readAt !== null,
          createdAt: r.createdAt.toISOString(),
        })),
      ),
    );
  });
}

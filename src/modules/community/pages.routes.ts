import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../lib/errors.ts";
import { HANDLE_PATTERN } from "../../lib/mentions.ts";
import { parseIdSlug } from "../../lib/slug.ts";
import type { Services } from "../../server/services.ts";
import { articlePath } from "../kb/kb.presenter.ts";
import { getTeamStatus } from "../operations/get-team-status.ts";
import { teamStateText } from "../operations/team-page.ts";
import { getReputationSummary, rankNames } from "../reputation/get-reputation.ts";
import { reputationSection } from "../reputation/pages/reputation.views.ts";
import {
  boardPath,
  presentAuthor,
  presentBoard,
  presentQuestionSummary,
  questionPath,
  tagPath,
  userPath,
} from "./community.presenter.ts";
import type { ListQuestionsFilter } from "./community.repository.ts";
import { communityWorkspace } from "./community-context.ts";
import { findSimilarQuestions } from "./find-similar-questions.ts";
import { getQuestion } from "./get-question.ts";
import { renderIdeasBoard } from "./ideas/ideas.pages.ts";
import { ideaPath } from "./ideas/ideas.presenter.ts";
import { followForm } from "./pages/follow.view.ts";
import type { PageContext } from "./pages/layout.ts";
import {
  homePage,
  listPage,
  notFoundPage,
  pager,
  profilePage,
  searchPage,
} from "./pages/list.views.ts";
import { pageContext, sendHtml } from "./pages/page-context.ts";
import { questionPage } from "./pages/question.view.ts";
import { questionPageExtras } from "./question-page-extras.ts";
import { RelatedQuestionsQueue, relatedForPage } from "./related-questions.ts";
import { redirectToCanonical, serveAnonymousQuestionPage } from "./serve-question-page.ts";

const PAGE_SIZE = 20;
const SORTS = ["activity", "newest", "priority", "votes"] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ASSETS = new URL("./pages/assets/", import.meta.url);

type Query = Record<string, string | undefined>;

const pageNumber = (q: Query) =>
  Math.min(Math.max(Number.parseInt(q.page ?? "1", 10) || 1, 1), 500);
const sortOf = (q: Query) =>
  (SORTS as readonly string[]).includes(q.sort ?? "")
    ? (q.sort as (typeof SORTS)[number])
    : "activity";

/**
 * Public, server-rendered community pages. They are registered explicitly, so they win
 * over the web app's catch-all; they read well without JavaScript.
 */
export async function communityPages(app: FastifyInstance, { services }: { services: Services }) {
  const { posts } = services.community;
  const asset = (file: string, type: string) => {
    const body = readFileSync(new URL(file, ASSETS));
    return {
      type,
      body,
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`,
    };
  };
  const assets = {
    "community.js": asset("community.js", "text/javascript; charset=utf-8"),
    "community.css": asset("community.css", "text/css; charset=utf-8"),
  };
  const hide = { schema: { hide: true } };

  app.get<{ Params: { file: string } }>("/community/assets/:file", hide, async (request, reply) => {
    const found = assets[request.params.file as keyof typeof assets];
    if (!found) return reply.status(404).type("text/plain; charset=utf-8").send("Not found");
    // An hour without asking, then a cheap revalidation (304) until the file changes.
    reply.header("cache-control", "public, max-age=3600").header("etag", found.etag);
    if (request.headers["if-none-match"] === found.etag) return reply.status(304).send();
    return reply.type(found.type).send(found.body);
  });

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    fn: (ctx: PageContext) => Promise<string | undefined>,
  ) {
    const ctx = await pageContext(services, request, reply);
    try {
      const body = await fn(ctx);
      if (body === undefined) return reply;
      return sendHtml(reply, body);
    } catch (err) {
      if (err instanceof AppError && err.statusCode === 404)
        return sendHtml(reply, notFoundPage(ctx), 404);
      throw err;
    }
  }

  async function list(
    ctx: PageContext,
    filter: Omit<
      ListQuestionsFilter,
      "workspaceId" | "limit" | "offset" | "includeHidden" | "sort"
    >,
    q: Query,
  ) {
    const ws = await communityWorkspace(services, ctx.user);
    const page = pageNumber(q);
    const rows = await posts.listQuestions({
      workspaceId: ws.id,
      ...filter,
      sort: sortOf(q),
      limit: PAGE_SIZE + 1,
      offset: (page - 1) * PAGE_SIZE,
      includeHidden: false,
    });
    const shown = rows.slice(0, PAGE_SIZE);
    ctx.ranks = await rankNames(
      services,
      ws.id,
      shown.map((r) => r.author.id),
    );
    return {
      items: shown.map(presentQuestionSummary),
      hasMore: rows.length > PAGE_SIZE,
      page,
    };
  }

  // Similar questions are stored per question and computed in the background; the
  // anonymous render (what visitors and crawlers get) is kept in memory
  // (services.questionPages).
  const relatedQueue = new RelatedQuestionsQueue(services);
  app.addHook("onClose", () => relatedQueue.stop());

  /** The follow button of a board (by id, posted as its slug) or tag page. */
  async function followControl(ctx: PageContext, type: "board" | "tag", key: string, ref: string) {
    const following = ctx.user
      ? await services.community.follows.isFollowing(ctx.user.id, type, key)
      : false;
    const api = `/api/v1/community/${type}s/${encodeURIComponent(ref)}/follow`;
    return followForm(ctx, { type, target: ref, following, api });
  }

  const sortLinks = (ctx: PageContext, base: string, current: string) =>
    SORTS.map((s) => ({
      label: ctx.t.sorts[s],
      href: s === "activity" ? base : `${base}?sort=${s}`,
      current: s === current,
    }));

  app.get("/community", hide, (request, reply) =>
    render(request, reply, async (ctx) => {
      const ws = await communityWorkspace(services, ctx.user);
      const base = { workspaceId: ws.id, limit: 10, offset: 0, includeHidden: false } as const;
      const [boards, counts, ideaCounts, recent, unanswered, tags, teams] = await Promise.all([
        posts.listBoards(ws.id),
        posts.countQuestionsByBoard(ws.id),
        services.community.ideas.countByBoard(ws.id),
        posts.listQuestions({ ...base, sort: "activity" }),
        posts.listQuestions({ ...base, sort: "priority", unanswered: true }),
        posts.popularTags(ws.id, 20),
        services.operations.listTeams(ws.id, { publicOnly: true }),
      ]);
      const now = services.clock.now();
      const hoursLocale = ctx.locale === "de" ? "de-DE" : "en-GB";
      return homePage(ctx, {
        teams: teams.map((team) => {
          const status = getTeamStatus(team, now);
          return {
            name: team.name,
            open: status.open,
            state: teamStateText(status, hoursLocale, now),
          };
        }),
        boards: boards.map((b) =>
          presentBoard(b, (b.kind === "ideas" ? ideaCounts : counts).get(b.id) ?? 0),
        ),
        recent: recent.map(presentQuestionSummary),
        unanswered: unanswered.map(presentQuestionSummary),
        tags,
      });
    }),
  );

  app.get<{ Params: { slug: string }; Querystring: Query }>(
    "/community/b/:slug",
    hide,
    (request, reply) =>
      render(request, reply, async (ctx) => {
        const ws = await communityWorkspace(services, ctx.user);
        const board = await posts.findBoardBySlug(ws.id, request.params.slug);
        if (!board) throw new AppError(404, "not_found", "Board");
        if (board.kind === "ideas") return renderIdeasBoard(services, ctx, board, request.query);
        const { items, hasMore, page } = await list(ctx, { boardId: board.id }, request.query);
        const path = boardPath(board);
        const sort = sortOf(request.query);
        return listPage(ctx, {
          follow: await followControl(ctx, "board", board.id, board.slug),
          heading: board.name,
          description: board.description,
          canonical: `${ctx.publicUrl}${path}${page > 1 ? `?page=${page}` : ""}`,
          items,
          sortLinks: sortLinks(ctx, path, sort),
          pager: pager(
            ctx,
            path,
            new URLSearchParams(sort === "activity" ? {} : { sort }),
            page,
            hasMore,
          ),
        });
      }),
  );

  app.get<{ Params: { tag: string }; Querystring: Query }>(
    "/community/t/:tag",
    hide,
    (request, reply) =>
      render(request, reply, async (ctx) => {
        const tag = request.params.tag.toLowerCase();
        const { items, hasMore, page } = await list(ctx, { tag }, request.query);
        if (!items.length && page === 1) throw new AppError(404, "not_found", "Tag");
        return listPage(ctx, {
          follow: await followControl(ctx, "tag", tag, tag),
          heading: ctx.t.tag(tag),
          description: "",
          canonical: `${ctx.publicUrl}${tagPath(tag)}`,
          items,
          pager: pager(ctx, tagPath(tag), new URLSearchParams(), page, hasMore),
        });
      }),
  );

  app.get<{ Params: { idSlug: string } }>("/community/q/:idSlug", hide, async (request, reply) => {
    const ref = parseIdSlug(request.params.idSlug);
    if (ref && !request.auth?.user) {
      const served = await serveAnonymousQuestionPage(
        { services, queue: relatedQueue },
        request,
        reply,
        ref.id,
      );
      if (served) return reply;
    }
    return render(request, reply, async (ctx) => {
      if (!ref) throw new AppError(404, "not_found", "Question");
      const { detail } = await getQuestion(services, ctx.user, { number: ref.id });
      const canonical = questionPath(detail);
      if (redirectToCanonical(request, reply, canonical)) return undefined;
      const extras = await questionPageExtras(services, ctx, detail);
      return questionPage(
        ctx,
        detail,
        await relatedForPage(services, relatedQueue, detail),
        extras,
      );
    });
  });

  app.get<{ Params: { id: string } }>("/community/u/:id", hide, (request, reply) =>
    render(request, reply, async (ctx) => {
      const ws = await communityWorkspace(services, ctx.user);
      // `/community/u/@handle` (where mentions in posts link): the profile of whoever
      // holds the handle now; a temporary redirect, since handles can change.
      if (request.params.id.startsWith("@")) {
        const handle = request.params.id.slice(1).toLowerCase();
        const [id] = HANDLE_PATTERN.test(handle)
          ? await services.community.follows.findUserIdsByHandles(ws.id, [handle])
          : [];
        if (!id) throw new AppError(404, "not_found", "Member");
        reply.redirect(userPath(id), 302);
        return undefined;
      }
      if (!UUID.test(request.params.id)) throw new AppError(404, "not_found", "Member");
      const member = await services.accounts.findUserById(request.params.id);
      if (!member || member.workspaceId !== ws.id || member.disabledAt)
        throw new AppError(404, "not_found", "Member");
      const [stats, questions, answers, reputation, handle] = await Promise.all([
        posts.authorStats(member.id),
        posts.listQuestions({
          workspaceId: ws.id,
          authorId: member.id,
          sort: "newest",
          limit: 10,
          offset: 0,
          includeHidden: false,
        }),
        posts.listAnswersByAuthor(member.id, 10),
        getReputationSummary(services, member),
        services.community.follows.handleOf(member.id),
      ]);
      return profilePage(ctx, {
        name: member.name,
        handle,
        team: presentAuthor(member).team,
        memberSince: member.createdAt.toISOString(),
        stats,
        questions: questions.map(presentQuestionSummary),
        answers: answers.map((a) => ({
          url: `${questionPath(a.question)}#answer-${a.answer.id}`,
          title: a.question.title,
          createdAt: a.answer.createdAt.toISOString(),
        })),
        canonical: `${ctx.publicUrl}${userPath(member.id)}`,
        reputation: reputationSection(ctx, reputation),
      });
    }),
  );

  app.get<{ Querystring: Query }>("/community/search", hide, (request, reply) =>
    render(request, reply, async (ctx) => {
      const q = (request.query.q ?? "").trim().slice(0, 300);
      const ws = await communityWorkspace(services, ctx.user);
      const items = q
        ? await findSimilarQuestions(services, {
            workspaceId: ws.id,
            title: q,
            limit: 20,
            fallbackConfig: ws.defaultLocale === "en" ? "english" : "german",
          })
        : [];
      return searchPage(ctx, q, items);
    }),
  );

  app.get("/sitemap.xml", hide, async (_request, reply) => {
    const ws = await communityWorkspace(services, null);
    const [boards, questions, articles, ideas] = await Promise.all([
      posts.listBoards(ws.id),
      posts.listSitemapQuestions(ws.id, 40_000),
      services.kb.listSitemapArticles(ws.id, 5_000),
      services.community.ideas.listForSitemap(ws.id, 5_000),
    ]);
    const base = services.config.publicUrl;
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const url = (loc: string, lastmod?: Date) =>
      `<url><loc>${esc(`${base}${loc}`)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ""}</url>`;
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      url("/community"),
      ...boards.map((b) => url(boardPath(b))),
      ...questions.map((q) => url(questionPath(q), q.lastActivityAt)),
      url("/help"),
      ...articles.map((a) => url(articlePath(a), a.updatedAt)),
      ...ideas.map((i) => url(ideaPath(i), i.updatedAt)),
      "</urlset>",
    ].join("\n");
    return reply
      .header("cache-control", "public, max-age=300")
      .type("application/xml; charset=utf-8")
      .send(body);
  });
}

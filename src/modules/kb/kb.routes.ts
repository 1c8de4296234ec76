import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { invalidField, notFound } from "../../lib/errors.ts";
import { diffLines, formatDiff } from "../../lib/line-diff.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { communityWorkspace } from "../community/community-context.ts";
import { changeArticleStatus } from "./change-article-status.ts";
import { isWriter, kbPolicy } from "./kb.policy.ts";
import {
  presentArticle,
  presentArticleSummary,
  presentCategory,
  presentRevision,
} from "./kb.presenter.ts";
import {
  ZArticle,
  ZArticleSummary,
  ZCategory,
  ZChangeStatusRequest,
  ZCreateArticleRequest,
  ZCreateCategoryRequest,
  ZFeedbackRequest,
  ZIdParams,
  ZListArticlesQuery,
  ZPromoteRequest,
  ZRevision,
  ZRevisionParams,
  ZUpdateArticleRequest,
} from "./kb.schemas.ts";
import { promoteAnswer } from "./promote-answer.ts";
import { rateArticle } from "./rate-article.ts";
import { readerKey } from "./reader.ts";
import { restoreRevision } from "./restore-revision.ts";
import { createArticle, loadArticleForTeam, updateArticle } from "./save-article.ts";

const TEAM = ["agent", "moderator", "admin"] as const;

/** Categories, articles, revisions, workflow, feedback, promotion and the attention list. */
export const kbRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["knowledge base"];
  const { kb } = services;

  async function detail(article: Awaited<ReturnType<typeof kb.findArticle>> & {}) {
    const [category, translations, successor] = await Promise.all([
      article.categoryId ? kb.findCategory(article.workspaceId, { id: article.categoryId }) : null,
      kb.listTranslations(article.translationGroup),
      article.successorId ? kb.findArticle(article.successorId) : null,
    ]);
    return presentArticle(article, { category, translations, successor });
  }

  async function revisionsWithDiffs(articleId: string) {
    const rows = await kb.listRevisions(articleId);
    const authors = new Map(
      (
        await Promise.all(
          [...new Set(rows.map((r) => r.authorId))].map((id) => services.accounts.findUserById(id)),
        )
      )
        .filter((u) => u !== undefined)
        .map((u) => [u.id, u]),
    );
    // Newest first; each revision is compared with the one before it.
    return rows.map((r, i) => {
      const before = rows[i + 1];
      const text = (x: { title: string; body: string }) => `# ${x.title}\n\n${x.body}`;
      return presentRevision(
        r,
        authors.get(r.authorId),
        formatDiff(diffLines(before ? text(before) : "", text(r))),
      );
    });
  }

  // --- categories ------------------------------------------------------------

  app.get(
    "/kb/categories",
    {
      schema: {
        tags,
        summary: "Categories, in order; public",
        response: { 200: z.object({ items: z.array(ZCategory) }) },
      },
    },
    async (request) => {
      const ws = await communityWorkspace(services, request.auth?.user);
      return { items: (await kb.listCategories(ws.id)).map(presentCategory) };
    },
  );

  app.post(
    "/kb/categories",
    {
      schema: {
        tags,
        summary: "Create a category (moderators and admins)",
        body: ZCreateCategoryRequest,
        response: { 201: ZCategory },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, ["moderator", "admin"]);
      const row = await kb.insertCategory({ workspaceId: user.workspaceId, ...request.body });
      if (!row) throw invalidField("slug", "is already used by another category");
      return reply.status(201).send(presentCategory(row));
    },
  );

  // --- articles --------------------------------------------------------------

  app.get(
    "/kb/articles",
    {
      schema: {
        tags,
        summary: "Articles; the team sees every status, everyone else published ones",
        querystring: ZListArticlesQuery,
        response: { 200: z.object({ items: z.array(ZArticleSummary) }) },
      },
    },
    async (request) => {
      const viewer = request.auth?.user ?? null;
      const ws = await communityWorkspace(services, viewer);
      const { category: slug, ...query } = request.query;
      const category = slug ? await kb.findCategory(ws.id, { slug }) : undefined;
      if (slug && !category) throw notFound("Category");
      const rows = await kb.listArticles({
        workspaceId: ws.id,
        ...query,
        categoryId: category?.id,
        publicOnly: !(viewer && isWriter(viewer.role)),
      });
      return { items: rows.map(presentArticleSummary) };
    },
  );

  app.post(
    "/kb/articles",
    {
      schema: {
        tags,
        summary: "Write an article (starts as a draft; the team)",
        body: ZCreateArticleRequest,
        response: { 201: ZArticle },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, TEAM);
      const article = await createArticle(services, user, request.body);
      return reply.status(201).send(await detail(article));
    },
  );

  app.get(
    "/kb/articles/:id",
    {
      schema: {
        tags,
        summary: "An article with its language versions; public once published",
        params: ZIdParams,
        response: { 200: ZArticle },
      },
    },
    async (request) => {
      const viewer = request.auth?.user ?? null;
      const ws = await communityWorkspace(services, viewer);
      const article = await kb.findArticle(request.params.id);
      if (!article || article.workspaceId !== ws.id || !kbPolicy.canSee(viewer, article))
        throw notFound("Article");
      return detail(article);
    },
  );

  app.patch(
    "/kb/articles/:id",
    {
      schema: {
        tags,
        summary: "Edit an article; every save is a revision (the team)",
        params: ZIdParams,
        body: ZUpdateArticleRequest,
        response: { 200: ZArticle },
      },
    },
    async (request) => {
      const user = requireRole(request, TEAM);
      return detail(await updateArticle(services, user, request.params.id, request.body));
    },
  );

  app.post(
    "/kb/articles/:id/status",
    {
      schema: {
        tags,
        summary:
          "Move through draft → review → published → archived; publishing and archiving need a moderator or admin",
        params: ZIdParams,
        body: ZChangeStatusRequest,
        response: { 200: ZArticle },
      },
    },
    async (request) => {
      const user = requireRole(request, TEAM);
      return detail(await changeArticleStatus(services, user, request.params.id, request.body));
    },
  );

  app.get(
    "/kb/articles/:id/revisions",
    {
      schema: {
        tags,
        summary: "Revisions, newest first, each with its diff to the one before (the team)",
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZRevision) }) },
      },
    },
    async (request) => {
      const user = requireRole(request, TEAM);
      const article = await loadArticleForTeam(services, user, request.params.id);
      return { items: await revisionsWithDiffs(article.id) };
    },
  );

  app.post(
    "/kb/articles/:id/revisions/:number/restore",
    {
      schema: {
        tags,
        summary: "Restore a revision's text as the newest revision (the team)",
        params: ZRevisionParams,
        response: { 200: ZArticle },
      },
    },
    async (request) => {
      const user = requireRole(request, TEAM);
      return detail(
        await restoreRevision(services, user, request.params.id, request.params.number),
      );
    },
  );

  app.post(
    "/kb/articles/:id/feedback",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 hour" } },
      schema: {
        tags,
        summary: "Was this helpful? One answer per reader; a second replaces the first. Public",
        params: ZIdParams,
        body: ZFeedbackRequest,
        response: { 200: z.object({ helpfulYes: z.number(), helpfulNo: z.number() }) },
      },
    },
    async (request, reply) => {
      const article = await rateArticle(services, {
        articleId: request.params.id,
        readerKey: readerKey(request, reply),
        helpful: request.body.helpful,
        reason: request.body.reason ?? null,
      });
      return { helpfulYes: article.helpfulYes, helpfulNo: article.helpfulNo };
    },
  );

  app.get(
    "/kb/articles/:id/feedback",
    {
      schema: {
        tags,
        summary: "Readers' answers with their reasons, newest first (the team)",
        params: ZIdParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                helpful: z.boolean(),
                reason: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, TEAM);
      const article = await loadArticleForTeam(services, user, request.params.id);
      const rows = await kb.listFeedback(article.id, 200);
      return {
        items: rows.map((r) => ({
          helpful: r.helpful,
          reason: r.reason,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    "/kb/articles/promote",
    {
      schema: {
        tags,
        summary: "Turn an accepted community answer into an article, with attribution (the team)",
        body: ZPromoteRequest,
        response: { 200: ZArticle, 201: ZArticle },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, TEAM);
      const { article, created } = await promoteAnswer(services, user, request.body);
      return reply.status(created ? 201 : 200).send(await detail(article));
    },
  );

  app.get(
    "/kb/attention",
    {
      schema: {
        tags,
        summary:
          "Articles needing attention (low helpfulness, readers searching again after them) and searches that found nothing",
        response: {
          200: z.object({
            articles: z.array(
              z.object({
                id: z.uuid(),
                title: z.string(),
                url: z.string(),
                language: z.enum(["de", "en"]),
                viewCount: z.number(),
                helpfulYes: z.number(),
                helpfulNo: z.number(),
                searchViews: z.number(),
                failedSearchViews: z.number(),
                reasons: z.array(z.enum(["low_helpfulness", "failed_searches"])),
              }),
            ),
            failedQueries: z.array(z.object({ query: z.string(), searches: z.number() })),
          }),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, TEAM);
      const [rows, failedQueries] = await Promise.all([
        kb.attentionList(user.workspaceId, { minVotes: 3, limit: 50 }),
        kb.failedQueries(user.workspaceId, 20),
      ]);
      return {
        articles: rows.map((r) => ({
          id: r.id,
          title: r.title,
          url: `/help/${r.number}-${r.slug}`,
          language: r.language,
          viewCount: r.viewCount,
          helpfulYes: r.helpfulYes,
          helpfulNo: r.helpfulNo,
          searchViews: r.searchViews,
          failedSearchViews: r.failedSearchViews,
          reasons: [
            ...(r.helpfulYes + r.helpfulNo >= 3 && r.helpfulYes / (r.helpfulYes + r.helpfulNo) < 0.5
              ? (["low_helpfulness"] as const)
              : []),
            ...(r.failedSearchViews >= 3 ? (["failed_searches"] as const) : []),
          ],
        })),
        failedQueries,
      };
    },
  );
};

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../lib/errors.ts";
import { parseIdSlug } from "../../lib/slug.ts";
import type { Services } from "../../server/services.ts";
import { questionPath } from "../community/community.presenter.ts";
import { communityWorkspace } from "../community/community-context.ts";
import type { PageContext } from "../community/pages/layout.ts";
import { notFoundPage } from "../community/pages/list.views.ts";
import { pageContext, sendHtml } from "../community/pages/page-context.ts";
import { changeArticleStatus } from "./change-article-status.ts";
import { findSuggestions } from "./find-suggestions.ts";
import { isPublic, isPublisher, isReadable, isWriter, kbPolicy } from "./kb.policy.ts";
import { articlePath } from "./kb.presenter.ts";
import {
  helpArticlePage,
  helpCategoryPage,
  helpHomePage,
  helpSearchPage,
} from "./pages/help.views.ts";
import { promoteAnswer } from "./promote-answer.ts";
import { rateArticle } from "./rate-article.ts";
import { readerKey } from "./reader.ts";

type Query = Record<string, string | undefined>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Za-z0-9]{4,16}$/;
const FEEDBACK_LIMIT = {
  rateLimit: {
    max: 30,
    timeWindow: "1 hour",
    keyGenerator: (req: FastifyRequest) => `kb-feedback|${req.auth?.user.id ?? req.ip}`,
  },
};

/**
 * The public help centre, server-rendered like the community pages: home, categories,
 * search, articles at stable permalinks, "was this helpful?" without JavaScript, and
 * the short links `/s/<code>`.
 */
export async function kbPages(app: FastifyInstance, { services }: { services: Services }) {
  const { kb } = services;
  const hide = { schema: { hide: true } };

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

  const notFound = () => new AppError(404, "not_found", "Article");

  /** The article behind `/help/<number>…` if this viewer may see it. */
  async function articleFor(ctx: PageContext, number: number) {
    const ws = await communityWorkspace(services, ctx.user);
    const article = await kb.findArticleByNumber(ws.id, number);
    if (!article || !kbPolicy.canSee(ctx.user, article)) throw notFound();
    return article;
  }

  app.get("/help", hide, (request, reply) =>
    render(request, reply, async (ctx) => {
      const ws = await communityWorkspace(services, ctx.user);
      const [categories, popular] = await Promise.all([
        kb.listCategories(ws.id),
        kb.listArticles({
          workspaceId: ws.id,
          publicOnly: true,
          language: ctx.locale,
          limit: 10,
          offset: 0,
        }),
      ]);
      return helpHomePage(ctx, { categories, popular });
    }),
  );

  app.get<{ Params: { slug: string } }>("/help/c/:slug", hide, (request, reply) =>
    render(request, reply, async (ctx) => {
      const ws = await communityWorkspace(services, ctx.user);
      const category = await kb.findCategory(ws.id, { slug: request.params.slug });
      if (!category) throw notFound();
      const articles = await kb.listArticles({
        workspaceId: ws.id,
        categoryId: category.id,
        publicOnly: true,
        limit: 200,
        offset: 0,
      });
      return helpCategoryPage(ctx, { category, articles });
    }),
  );

  app.get<{ Querystring: Query }>("/help/search", hide, (request, reply) =>
    render(request, reply, async (ctx) => {
      const q = (request.query.q ?? "").trim().slice(0, 300);
      const ws = await communityWorkspace(services, ctx.user);
      if (!q) return helpSearchPage(ctx, { q, articles: [], questions: [], searchId: null });
      const found = await findSuggestions(services, {
        workspaceId: ws.id,
        text: q,
        limit: 20,
        fallbackLanguage: ctx.locale,
      });
      const rows = (await Promise.all(found.articles.map((a) => kb.findArticle(a.id)))).filter(
        (a) => a !== undefined,
      );
      const searchId = await kb.logSearch({
        workspaceId: ws.id,
        readerKey: readerKey(request, reply),
        query: q,
        results: rows.length,
      });
      return helpSearchPage(ctx, {
        q,
        articles: rows,
        questions: found.questions.map((x) => ({
          title: x.title,
          url: x.url.slice(services.config.publicUrl.length),
        })),
        searchId,
      });
    }),
  );

  app.get<{ Params: { idSlug: string }; Querystring: Query }>(
    "/help/:idSlug",
    hide,
    (request, reply) =>
      render(request, reply, async (ctx) => {
        const ref = parseIdSlug(request.params.idSlug);
        if (!ref) throw notFound();
        const article = await articleFor(ctx, ref.id);
        // Old slugs (and a bare number) answer with a permanent redirect to the permalink.
        const canonical = articlePath(article);
        if (ref.slug !== article.slug) {
          const query = request.url.includes("?")
            ? request.url.slice(request.url.indexOf("?"))
            : "";
          reply.redirect(`${canonical}${query}`, 301);
          return undefined;
        }
        const reader = readerKey(request, reply);
        const teamViewer = ctx.user !== null && isWriter(ctx.user.role);
        if (isPublic(article) && !teamViewer) {
          await kb.recordView(article.id);
          article.viewCount += 1;
          const searchId = request.query.search;
          if (searchId && UUID.test(searchId)) await kb.attachSearch(searchId, reader, article.id);
        }
        const [category, translations, successor, feedback, attribution] = await Promise.all([
          article.categoryId
            ? kb.findCategory(article.workspaceId, { id: article.categoryId })
            : null,
          kb.listTranslations(article.translationGroup),
          article.successorId ? kb.findArticle(article.successorId) : null,
          kb.findFeedback(article.id, reader),
          attributionOf(article.attributionUserId, article.promotedFromQuestionId),
        ]);
        return helpArticlePage(ctx, {
          article,
          category: category ?? null,
          translations,
          successor: successor && isPublic(successor) ? successor : null,
          attribution,
          myFeedback: feedback ? { helpful: feedback.helpful } : null,
          thanks: request.query.thanks === "1",
          canPublish: ctx.user !== null && isPublisher(ctx.user.role),
        });
      }),
  );

  async function attributionOf(userId: string | null, questionId: string | null) {
    if (!userId || !questionId) return null;
    const [user, question] = await Promise.all([
      services.accounts.findUserById(userId),
      services.community.posts.findQuestionRow(questionId),
    ]);
    if (!user || !question || question.deletedAt || question.hiddenAt) return null;
    return { name: user.name, questionUrl: questionPath(question) };
  }

  app.post<{ Params: { number: string }; Body: Query }>(
    "/help/:number/feedback",
    { ...hide, config: FEEDBACK_LIMIT },
    async (request, reply) => {
      const ctx = await pageContext(services, request, reply);
      const ref = parseIdSlug(request.params.number);
      const helpful = request.body?.helpful;
      if (!ref || (helpful !== "yes" && helpful !== "no")) {
        return sendHtml(reply, notFoundPage(ctx), ref ? 400 : 404);
      }
      try {
        const article = await articleFor(ctx, ref.id);
        await rateArticle(services, {
          articleId: article.id,
          readerKey: readerKey(request, reply),
          helpful: helpful === "yes",
          reason: request.body?.reason ?? null,
        });
        return reply.redirect(`${articlePath(article)}?thanks=1`, 303);
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 404)
          return sendHtml(reply, notFoundPage(ctx), 404);
        throw err;
      }
    },
  );

  // The second of the "two clicks" after promoting an answer: publish from the page.
  app.post<{ Params: { number: string } }>(
    "/help/:number/publish",
    hide,
    async (request, reply) => {
      const user = request.auth?.user;
      if (!user) return reply.redirect(`/signin?next=${encodeURIComponent("/help")}`, 303);
      const ref = parseIdSlug(request.params.number);
      const article = ref ? await kb.findArticleByNumber(user.workspaceId, ref.id) : undefined;
      if (!article) throw notFound();
      const updated = await changeArticleStatus(services, user, article.id, {
        status: "published",
      });
      return reply.redirect(articlePath(updated), 303);
    },
  );

  app.post<{ Params: { number: string } }>(
    "/community/q/:number/promote",
    hide,
    async (request, reply) => {
      const user = request.auth?.user;
      if (!user) return reply.redirect("/signin", 303);
      const ref = parseIdSlug(request.params.number);
      const found = ref ? await services.community.posts.findQuestionByNumber(ref.id) : undefined;
      const answerId = found?.question.acceptedAnswerId;
      if (!found || found.question.workspaceId !== user.workspaceId || !answerId)
        throw new AppError(404, "not_found", "Accepted answer was not found.");
      const { article } = await promoteAnswer(services, user, { answerId, publish: false });
      return reply.redirect(articlePath(article), 303);
    },
  );

  app.get<{ Params: { code: string } }>("/s/:code", hide, async (request, reply) => {
    const code = request.params.code;
    const link = CODE.test(code) ? await kb.findShortLink(code) : undefined;
    const article = link ? await kb.findArticle(link.articleId) : undefined;
    if (!link || !article || !isReadable(article)) {
      const ctx = await pageContext(services, request, reply);
      return sendHtml(reply, notFoundPage(ctx), 404);
    }
    await kb.recordClick(link);
    // Short links are shared publicly; never cache the redirect, or clicks go uncounted.
    return reply
      .header("cache-control", "no-store")
      .header("x-robots-tag", "noindex")
      .redirect(articlePath(article), 302);
  });
}

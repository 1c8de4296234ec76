import type { FastifyInstance } from "fastify";
import { AppError, type FieldProblem } from "../../lib/errors.ts";
import { html } from "../../lib/html.ts";
import { markdownToText, snippet } from "../../lib/markdown.ts";
import type { Services } from "../../server/services.ts";
import { communityPolicy } from "./community.policy.ts";
import { presentAuthor, questionPath } from "./community.presenter.ts";
import { ZResolveFlagRequest } from "./community.schemas.ts";
import { resolveFlag } from "./flag-post.ts";
import { ACTION_MESSAGES } from "./pages/actions.i18n.ts";
import { renderPage } from "./pages/layout.ts";
import { pager } from "./pages/list.views.ts";
import { moderationPage, type QueueItem } from "./pages/moderation.view.ts";
import { pageContext, sendHtml } from "./pages/page-context.ts";
import { actionErrorPage } from "./pages/post-actions.view.ts";

const QUEUE_SIZE = 50;

/**
 * The moderators' review queue as a page (`/community/moderation`): reported and held
 * posts, oldest first, each with approve / hide / dismiss / lock as plain form posts,
 * and questions with a board to move them to.
 */
export async function moderationPages(app: FastifyInstance, { services }: { services: Services }) {
  const hide = { schema: { hide: true } };
  const { posts, moderation } = services.community;
  const PATH = "/community/moderation";

  async function loadPost(type: "question" | "answer" | "comment", id: string) {
    if (type === "question") return posts.findQuestionRow(id);
    if (type === "answer") return posts.findAnswer(id);
    return posts.findComment(id);
  }

  app.get<{ Querystring: { page?: string } }>(PATH, hide, async (request, reply) => {
    if (!request.auth) return reply.redirect(`/signin?next=${encodeURIComponent(PATH)}`, 303);
    const ctx = await pageContext(services, request, reply);
    const user = request.auth.user;
    if (!communityPolicy.canModerate(user)) {
      const m = ACTION_MESSAGES[ctx.locale];
      const main = html`<h1>${m.queueTitle}</h1><p role="alert">${m.notAllowed}</p>`;
      return sendHtml(reply, renderPage(ctx, { title: m.queueTitle, main, noindex: true }), 403);
    }
    const page = Math.min(Math.max(Number.parseInt(request.query.page ?? "1", 10) || 1, 1), 2000);
    const [found, boards] = await Promise.all([
      moderation.listOpen(user.workspaceId, QUEUE_SIZE + 1, (page - 1) * QUEUE_SIZE),
      posts.listBoards(user.workspaceId),
    ]);
    const rows = found.slice(0, QUEUE_SIZE);
    const items: QueueItem[] = await Promise.all(
      rows.map(async ({ flag, reporter, questionTitle, questionNumber }) => {
        const [post, question] = await Promise.all([
          loadPost(flag.postType, flag.postId),
          posts.findQuestionRow(flag.questionId),
        ]);
        const author = post ? await services.accounts.findUserById(post.authorId) : undefined;
        const url = questionPath({ number: questionNumber, title: questionTitle });
        const anchor = flag.postType === "question" ? "" : `#${flag.postType}-${flag.postId}`;
        const board = boards.find((b) => b.id === question?.boardId);
        return {
          id: flag.id,
          kind: flag.kind as QueueItem["kind"],
          postType: flag.postType,
          reason: flag.reason,
          note: flag.note,
          reporter: reporter?.id ? presentAuthor(reporter) : null,
          createdAt: flag.createdAt.toISOString(),
          question: {
            number: questionNumber,
            title: questionTitle,
            url,
            boardSlug: board?.slug ?? "",
            locked: question?.lockedAt != null,
          },
          excerpt: post ? snippet(markdownToText(post.body), 400) : null,
          author: author ? presentAuthor(author) : null,
          postUrl: `${url}${anchor}`,
        };
      }),
    );
    const questionBoards = boards
      .filter((b) => b.kind !== "ideas")
      .map((b) => ({ slug: b.slug, name: b.name }));
    const pages = pager(ctx, PATH, new URLSearchParams(), page, found.length > QUEUE_SIZE);
    return sendHtml(reply, moderationPage(ctx, items, questionBoards, pages));
  });

  app.post<{ Params: { id: string } }>(`${PATH}/:id`, hide, async (request, reply) => {
    if (!request.auth) return reply.redirect(`/signin?next=${encodeURIComponent(PATH)}`, 303);
    const action = (request.body as Record<string, unknown> | undefined)?.action;
    const parsed = ZResolveFlagRequest.safeParse({ action });
    let problems: FieldProblem[];
    let status = 400;
    if (!parsed.success) {
      problems = [{ field: "action", message: "must be approve, hide, dismiss or lock" }];
    } else {
      try {
        if (!/^[0-9a-f-]{36}$/i.test(request.params.id))
          throw new AppError(404, "not_found", "Review item not found.");
        await resolveFlag(services, request.auth.user, request.params.id, parsed.data.action);
        return reply.redirect(PATH, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        status = err.statusCode;
        problems = [{ field: "", message: err.message }];
      }
    }
    const ctx = await pageContext(services, request, reply);
    const back = { href: PATH, label: ACTION_MESSAGES[ctx.locale].queueTitle };
    return sendHtml(reply, actionErrorPage(ctx, problems, back), status);
  });
}

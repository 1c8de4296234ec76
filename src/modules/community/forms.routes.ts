import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, type FieldProblem } from "../../lib/errors.ts";
import { escapeHtml } from "../../lib/html.ts";
import type { Services } from "../../server/services.ts";
import { voteOrigins } from "../reputation/vote-origins.ts";
import { askQuestion } from "./ask-question.ts";
import { questionPath } from "./community.presenter.ts";
import { ANSWER_LIMIT, QUESTION_LIMIT } from "./community.routes.ts";
import { ZCreateAnswerRequest, ZCreateQuestionRequest } from "./community.schemas.ts";
import { communityWorkspace } from "./community-context.ts";
import { getQuestion } from "./get-question.ts";
import { joinQuestion, leaveQuestion } from "./join-question.ts";
import { askPage } from "./pages/ask.view.ts";
import { notFoundPage } from "./pages/list.views.ts";
import { pageContext, sendHtml } from "./pages/page-context.ts";
import { questionPage } from "./pages/question.view.ts";
import { postAnswer } from "./post-answer.ts";
import { removeVote, votePost } from "./vote-post.ts";

type Form = Record<string, string | undefined>;
const field = (body: unknown, name: string) => {
  const v = (body as Form | undefined)?.[name];
  return typeof v === "string" ? v : "";
};

/**
 * Plain HTML form posts behind the community pages (they work without JavaScript):
 * ask, answer, vote and me-too. The CSRF token travels in the `_csrf` field; each
 * action answers with a redirect back to the page (303), or the page with the errors.
 */
export async function communityForms(app: FastifyInstance, { services }: { services: Services }) {
  const hide = { schema: { hide: true } };

  const signInRedirect = (reply: FastifyReply, next: string) =>
    reply.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);

  async function boardsFor(request: FastifyRequest) {
    const ws = await communityWorkspace(services, request.auth?.user);
    const boards = await services.community.posts.listBoards(ws.id);
    return boards
      .filter((b) => b.kind !== "ideas")
      .map((b) => ({
        slug: b.slug,
        name: b.name,
      }));
  }

  app.get<{ Querystring: Form }>("/community/ask", hide, async (request, reply) => {
    const ctx = await pageContext(services, request, reply);
    const boards = await boardsFor(request);
    const values = {
      board: request.query.board ?? boards[0]?.slug ?? "",
      title: (request.query.title ?? "").slice(0, 200),
      body: "",
      tags: "",
    };
    return sendHtml(reply, askPage(ctx, boards, values));
  });

  app.post("/community/ask", { ...hide, config: QUESTION_LIMIT }, async (request, reply) => {
    if (!request.auth) return signInRedirect(reply, "/community/ask");
    const ctx = await pageContext(services, request, reply);
    const values = {
      board: field(request.body, "board"),
      title: field(request.body, "title"),
      body: field(request.body, "body"),
      tags: field(request.body, "tags"),
    };
    const parsed = ZCreateQuestionRequest.safeParse({
      ...values,
      tags: values.tags
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    });
    let problems: FieldProblem[] = [];
    if (parsed.success) {
      try {
        const question = await askQuestion(services, request.auth.user, parsed.data);
        return reply.redirect(questionPath(question), 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode !== 400) throw err;
        problems = (err.details as FieldProblem[] | undefined) ?? [
          { field: "title", message: err.message },
        ];
      }
    } else {
      problems = parsed.error.issues.map((i) => ({
        field: String(i.path[0] ?? "title"),
        message: i.message,
      }));
    }
    return sendHtml(reply, askPage(ctx, await boardsFor(request), values, problems), 400);
  });

  app.post<{ Params: { number: string } }>(
    "/community/q/:number/answers",
    { ...hide, config: ANSWER_LIMIT },
    async (request, reply) => {
      const number = Number(request.params.number);
      const ctx = await pageContext(services, request, reply);
      if (!Number.isSafeInteger(number) || number < 1)
        return sendHtml(reply, notFoundPage(ctx), 404);
      if (!request.auth) return signInRedirect(reply, `/community/q/${number}`);
      const { detail } = await getQuestion(services, request.auth.user, { number }).catch(() => ({
        detail: undefined,
      }));
      if (!detail) return sendHtml(reply, notFoundPage(ctx), 404);
      const body = field(request.body, "body");
      const parsed = ZCreateAnswerRequest.safeParse({ body });
      let error = parsed.success
        ? undefined
        : `${ctx.t.yourAnswer}: ${parsed.error.issues[0]?.message}`;
      let status = 400;
      if (parsed.success) {
        try {
          const answer = await postAnswer(services, request.auth.user, detail.id, parsed.data.body);
          return reply.redirect(`${detail.url}#answer-${answer.id}`, 303);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          // A refusal (locked question: 403, rate limit…) keeps its status; the page
          // shows it beside the answer form with the text kept.
          status = err.statusCode;
          error = `${ctx.t.yourAnswer}: ${err.message}`;
        }
      }
      return sendHtml(
        reply,
        questionPage(ctx, detail, [], { answerError: error, answerDraft: body }),
        status,
      );
    },
  );

  /** Voting without JavaScript: the same vote again takes it back (a toggle). */
  app.post("/community/actions/vote", hide, async (request, reply) => {
    const back = await questionUrl(field(request.body, "question"));
    if (!request.auth) return signInRedirect(reply, back);
    const postType = field(request.body, "postType") === "question" ? "question" : "answer";
    const postId = field(request.body, "postId");
    const value = field(request.body, "value") === "-1" ? -1 : 1;
    try {
      const votes = await services.community.engagement.myVotes(request.auth.user.id, postType, [
        postId,
      ]);
      if (votes.get(postId) === value)
        await removeVote(services, request.auth.user, postType, postId);
      else
        await votePost(
          services,
          request.auth.user,
          postType,
          postId,
          value,
          voteOrigins(request, reply),
        );
    } catch (err) {
      return actionError(request, reply, err, back);
    }
    return reply.redirect(postType === "answer" ? `${back}#answer-${postId}` : back, 303);
  });

  app.post("/community/actions/me-too", hide, async (request, reply) => {
    const back = await questionUrl(field(request.body, "question"));
    if (!request.auth) return signInRedirect(reply, back);
    const id = field(request.body, "questionId");
    try {
      const joined = await services.community.engagement.hasMeToo(id, request.auth.user.id);
      if (joined) await leaveQuestion(services, request.auth.user, id);
      else await joinQuestion(services, request.auth.user, id);
    } catch (err) {
      return actionError(request, reply, err, back);
    }
    return reply.redirect(back, 303);
  });

  async function questionUrl(number: string): Promise<string> {
    const n = Number(number);
    if (!Number.isSafeInteger(n) || n < 1) return "/community";
    const found = await services.community.posts.findQuestionByNumber(n);
    return found ? questionPath(found.question) : "/community";
  }

  async function actionError(
    request: FastifyRequest,
    reply: FastifyReply,
    err: unknown,
    back: string,
  ) {
    if (!(err instanceof AppError)) throw err;
    const ctx = await pageContext(services, request, reply);
    const page = `<!doctype html><html lang="${ctx.locale}"><meta charset="utf-8"><title>${ctx.t.error}</title>
<link rel="stylesheet" href="/community/assets/community.css"><main><h1>${ctx.t.error}</h1>
<p>${escapeHtml(err.message)}</p><p><a href="${escapeHtml(back)}">${ctx.t.back}</a></p></main></html>`;
    return sendHtml(reply, page, err.statusCode);
  }
}

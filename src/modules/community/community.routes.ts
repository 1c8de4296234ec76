import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { invalidField, notFound } from "../../lib/errors.ts";
import { requireRole, requireUser } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { findArticles } from "../kb/find-suggestions.ts";
import { askQuestion } from "./ask-question.ts";
import { isStaff } from "./community.policy.ts";
import {
  presentBoard,
  presentComment,
  presentQuestionSummary,
  presentRevision,
} from "./community.presenter.ts";
import {
  ZAnswer,
  ZBoard,
  ZComment,
  ZCreateAnswerRequest,
  ZCreateBoardRequest,
  ZCreateCommentRequest,
  ZCreateQuestionRequest,
  ZIdParams,
  ZListQuestionsQuery,
  ZQuestionDetail,
  ZQuestionSummary,
  ZRevision,
  ZSimilarRequest,
  ZSimilarResponse,
  ZUpdateAnswerRequest,
  ZUpdateBoardRequest,
  ZUpdateQuestionRequest,
} from "./community.schemas.ts";
import { communityWorkspace } from "./community-context.ts";
import { setPostDeleted } from "./delete-post.ts";
import { editAnswer, editComment, editQuestion } from "./edit-post.ts";
import { findBoard } from "./find-board.ts";
import { findSimilarQuestions } from "./find-similar-questions.ts";
import { getQuestion } from "./get-question.ts";
import { addComment, postAnswer } from "./post-answer.ts";

const ZNoContent = z.null().describe("No content");

/** Per-person limits on posting; the team is not limited. */
export const postingLimit = (max: number, timeWindow: string) => ({
  rateLimit: {
    max,
    timeWindow,
    hook: "preHandler" as const,
    keyGenerator: (req: FastifyRequest) => `community|${req.auth?.user.id ?? req.ip}`,
    allowList: (req: FastifyRequest) => Boolean(req.auth && isStaff(req.auth.user.role)),
  },
});
export const QUESTION_LIMIT = postingLimit(10, "1 hour");
export const ANSWER_LIMIT = postingLimit(30, "1 hour");
export const COMMENT_LIMIT = postingLimit(60, "1 hour");

/** Boards, questions, answers, comments and revisions; similar-question search. */
export const communityRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["community"];
  const { posts } = services.community;

  async function answerDetail(request: FastifyRequest, answerId: string) {
    const answer = await posts.findAnswer(answerId);
    if (!answer) throw notFound("Answer");
    const { detail } = await getQuestion(services, request.auth?.user ?? null, {
      id: answer.questionId,
    });
    const found = detail.answers.find((a) => a.id === answerId);
    if (!found) throw notFound("Answer");
    return found;
  }

  async function commentDetail(commentId: string) {
    const comment = await posts.findComment(commentId);
    if (!comment) throw notFound("Comment");
    const author = await services.accounts.findUserById(comment.authorId);
    return presentComment(comment, author!);
  }

  // --- boards ----------------------------------------------------------------

  app.get(
    "/community/boards",
    {
      schema: {
        tags,
        summary: "Boards, in order",
        response: { 200: z.object({ items: z.array(ZBoard) }) },
      },
    },
    async (request) => {
      const ws = await communityWorkspace(services, request.auth?.user);
      const [boards, counts] = await Promise.all([
        posts.listBoards(ws.id),
        posts.countQuestionsByBoard(ws.id),
      ]);
      return { items: boards.map((b) => presentBoard(b, counts.get(b.id) ?? 0)) };
    },
  );

  app.post(
    "/community/boards",
    {
      schema: {
        tags,
        summary: "Create a board (moderators)",
        body: ZCreateBoardRequest,
        response: { 201: ZBoard },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, ["moderator", "admin"]);
      const { board, created } = await posts.ensureBoard({
        workspaceId: user.workspaceId,
        ...request.body,
      });
      if (!created) throw invalidField("slug", "is already used by another board");
      return reply.status(201).send(presentBoard(board));
    },
  );

  app.patch(
    "/community/boards/:id",
    {
      schema: {
        tags,
        summary: "Change a board (moderators)",
        params: ZIdParams,
        body: ZUpdateBoardRequest,
        response: { 200: ZBoard },
      },
    },
    async (request) => {
      const user = requireRole(request, ["moderator", "admin"]);
      const board = await posts.findBoardById(request.params.id);
      if (!board || board.workspaceId !== user.workspaceId) throw notFound("Board");
      try {
        return presentBoard((await posts.updateBoard(board.id, request.body))!);
      } catch (err) {
        if (
          (err as { code?: string; cause?: { code?: string } }).cause?.code === "23505" ||
          (err as { code?: string }).code === "23505"
        ) {
          throw invalidField("slug", "is already used by another board");
        }
        throw err;
      }
    },
  );

  // --- questions -------------------------------------------------------------

  app.get(
    "/community/questions",
    {
      schema: {
        tags,
        summary:
          "Questions: by board, tag, status; sorted by activity, age, priority (me-too) or votes",
        querystring: ZListQuestionsQuery,
        response: { 200: z.object({ items: z.array(ZQuestionSummary) }) },
      },
    },
    async (request) => {
      const viewer = request.auth?.user ?? null;
      const ws = await communityWorkspace(services, viewer);
      const { board: boardRef, ...query } = request.query;
      const board = boardRef ? await findBoard(services, ws.id, boardRef) : undefined;
      if (boardRef && !board) throw notFound("Board");
      const rows = await posts.listQuestions({
        workspaceId: ws.id,
        ...query,
        boardId: board?.id,
        includeHidden: viewer ? isStaff(viewer.role) : false,
      });
      return { items: rows.map(presentQuestionSummary) };
    },
  );

  app.post(
    "/community/questions",
    {
      config: QUESTION_LIMIT,
      schema: {
        tags,
        summary: "Ask a question",
        body: ZCreateQuestionRequest,
        response: { 201: ZQuestionDetail },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const question = await askQuestion(services, user, request.body);
      return reply
        .status(201)
        .send((await getQuestion(services, user, { id: question.id })).detail);
    },
  );

  app.get(
    "/community/questions/:id",
    {
      schema: {
        tags,
        summary: "A question with its answers and comments",
        params: ZIdParams,
        response: { 200: ZQuestionDetail },
      },
    },
    async (request) =>
      (await getQuestion(services, request.auth?.user ?? null, { id: request.params.id })).detail,
  );

  app.patch(
    "/community/questions/:id",
    {
      schema: {
        tags,
        summary: "Edit a question (author or team); the previous text is kept as a revision",
        params: ZIdParams,
        body: ZUpdateQuestionRequest,
        response: { 200: ZQuestionDetail },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await editQuestion(services, user, request.params.id, request.body);
      return (await getQuestion(services, user, { id: request.params.id })).detail;
    },
  );

  for (const [postType, path] of [
    ["question", "/community/questions/:id"],
    ["answer", "/community/answers/:id"],
    ["comment", "/community/comments/:id"],
  ] as const) {
    app.delete(
      path,
      {
        schema: {
          tags,
          summary: `Delete a ${postType} (author or moderator)`,
          params: ZIdParams,
          response: { 204: ZNoContent },
        },
      },
      async (request, reply) => {
        await setPostDeleted(services, requireUser(request), postType, request.params.id, true);
        return reply.status(204).send(null);
      },
    );
    app.post(
      `${path}/restore`,
      {
        schema: {
          tags,
          summary: `Restore a deleted ${postType} (moderator, or the author who deleted it)`,
          params: ZIdParams,
          response: { 204: ZNoContent },
        },
      },
      async (request, reply) => {
        await setPostDeleted(services, requireUser(request), postType, request.params.id, false);
        return reply.status(204).send(null);
      },
    );
    app.get(
      `${path}/revisions`,
      {
        schema: {
          tags,
          summary: `Earlier versions of a ${postType}, newest first`,
          params: ZIdParams,
          response: { 200: z.object({ items: z.array(ZRevision) }) },
        },
      },
      async (request) => {
        // Seeing the post is the right to see its history.
        if (postType === "question")
          await getQuestion(services, request.auth?.user ?? null, { id: request.params.id });
        else if (postType === "answer") await answerDetail(request, request.params.id);
        else {
          const c = await posts.findComment(request.params.id);
          if (!c) throw notFound("Comment");
          const { detail } = await getQuestion(services, request.auth?.user ?? null, {
            id: c.questionId,
          });
          const visible = [...detail.comments, ...detail.answers.flatMap((a) => a.comments)].some(
            (x) => x.id === c.id,
          );
          if (!visible) throw notFound("Comment");
        }
        const rows = await posts.listRevisions(postType, request.params.id);
        return { items: rows.map((r) => presentRevision(r.revision, r.editor)) };
      },
    );
  }

  // --- answers and comments --------------------------------------------------

  app.post(
    "/community/questions/:id/answers",
    {
      config: ANSWER_LIMIT,
      schema: {
        tags,
        summary: "Answer a question",
        params: ZIdParams,
        body: ZCreateAnswerRequest,
        response: { 201: ZAnswer },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const answer = await postAnswer(services, user, request.params.id, request.body.body);
      return reply.status(201).send(await answerDetail(request, answer.id));
    },
  );

  app.patch(
    "/community/answers/:id",
    {
      schema: {
        tags,
        summary: "Edit an answer (author or team)",
        params: ZIdParams,
        body: ZUpdateAnswerRequest,
        response: { 200: ZAnswer },
      },
    },
    async (request) => {
      await editAnswer(services, requireUser(request), request.params.id, request.body.body);
      return answerDetail(request, request.params.id);
    },
  );

  app.post(
    "/community/questions/:id/comments",
    {
      config: COMMENT_LIMIT,
      schema: {
        tags,
        summary: "Comment on a question",
        params: ZIdParams,
        body: ZCreateCommentRequest,
        response: { 201: ZComment },
      },
    },
    async (request, reply) => {
      const c = await addComment(
        services,
        requireUser(request),
        { questionId: request.params.id },
        request.body.body,
      );
      return reply.status(201).send(await commentDetail(c.id));
    },
  );

  app.post(
    "/community/answers/:id/comments",
    {
      config: COMMENT_LIMIT,
      schema: {
        tags,
        summary: "Comment on an answer",
        params: ZIdParams,
        body: ZCreateCommentRequest,
        response: { 201: ZComment },
      },
    },
    async (request, reply) => {
      const c = await addComment(
        services,
        requireUser(request),
        { answerId: request.params.id },
        request.body.body,
      );
      return reply.status(201).send(await commentDetail(c.id));
    },
  );

  app.patch(
    "/community/comments/:id",
    {
      schema: {
        tags,
        summary: "Edit a comment (author or team)",
        params: ZIdParams,
        body: ZCreateCommentRequest,
        response: { 200: ZComment },
      },
    },
    async (request) => {
      await editComment(services, requireUser(request), request.params.id, request.body.body);
      return commentDetail(request.params.id);
    },
  );

  // --- similar questions -----------------------------------------------------

  app.post(
    "/questions/similar",
    {
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Questions similar to a title (and body), best first; public",
        body: ZSimilarRequest,
        response: { 200: ZSimilarResponse },
      },
    },
    async (request) => {
      const ws = await communityWorkspace(services, request.auth?.user);
      const [items, articles] = await Promise.all([
        findSimilarQuestions(services, {
          workspaceId: ws.id,
          title: request.body.title,
          body: request.body.body,
          limit: request.body.limit,
          fallbackConfig: ws.defaultLocale === "en" ? "english" : "german",
        }),
        findArticles(services, {
          workspaceId: ws.id,
          text: `${request.body.title}\n${request.body.body ?? ""}`,
          limit: request.body.limit,
        }),
      ]);
      return {
        items: items.map(({ number: _n, ...item }) => ({
          ...item,
          url: `${services.config.publicUrl}${item.url}`,
        })),
        articles: articles.map(({ summary: _s, ...a }) => a),
      };
    },
  );
};

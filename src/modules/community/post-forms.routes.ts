import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { UserRow } from "../../db/schema/index.ts";
import { AppError, badRequest, type FieldProblem, invalidField } from "../../lib/errors.ts";
import type { SafeHtml } from "../../lib/html.ts";
import type { Services } from "../../server/services.ts";
import { acceptAnswer, unacceptAnswer } from "./accept-answer.ts";
import { closeQuestion, objectToDuplicate, reopenQuestion } from "./close-question.ts";
import { presentRevision } from "./community.presenter.ts";
import { COMMENT_LIMIT } from "./community.routes.ts";
import {
  ZCloseReason,
  ZCommentBody,
  ZCreateFlagRequest,
  ZUpdateAnswerRequest,
  ZUpdateQuestionRequest,
} from "./community.schemas.ts";
import { setPostDeleted } from "./delete-post.ts";
import { editAnswer, editComment, editQuestion } from "./edit-post.ts";
import { flagPost, moderateQuestion } from "./flag-post.ts";
import { getQuestion } from "./get-question.ts";
import { ACTION_MESSAGES } from "./pages/actions.i18n.ts";
import type { PageContext } from "./pages/layout.ts";
import { notFoundPage } from "./pages/list.views.ts";
import { pageContext, sendHtml } from "./pages/page-context.ts";
import {
  actionErrorPage,
  backToQuestion,
  closeDuplicateForm,
  closeQuestionForm,
  commentForm,
  flagForm,
} from "./pages/post-actions.view.ts";
import { type EditValues, editPage, historyPage, type PostRef } from "./pages/post-pages.view.ts";
import { addComment } from "./post-answer.ts";
import { actionsModel } from "./question-actions.ts";

type Form = Record<string, string | undefined>;
type Detail = Awaited<ReturnType<typeof getQuestion>>["detail"];
const field = (body: unknown, name: string) => {
  const v = (body as Form | undefined)?.[name];
  return typeof v === "string" ? v : "";
};
const ZPostType = z.enum(["question", "answer", "comment"], {
  error: "must be question, answer or comment",
});
const ZId = z.uuid({ message: "must be a UUID" });

/** Parses form fields; a problem is a 400 naming the field. */
function parse<T>(schema: z.ZodType<T>, values: unknown): T {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => ({
    field: String(i.path[0] ?? "form"),
    message: i.message,
  }));
  throw badRequest(problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
}

const problemsOf = (err: AppError): FieldProblem[] =>
  (err.details as FieldProblem[] | undefined)?.length
    ? (err.details as FieldProblem[])
    : [{ field: "", message: err.message }];

/** A post of the question page as the viewer sees it, or undefined. */
function findPost(detail: Detail, type: string, id: string): PostRef | undefined {
  if (type === "question" && id === detail.id)
    return {
      type,
      id,
      anchor: "",
      title: detail.title,
      body: detail.body,
      tags: detail.tags,
    };
  for (const a of detail.answers) {
    if (type === "answer" && a.id === id)
      return { type, id, anchor: `#answer-${id}`, title: null, body: a.body, tags: null };
  }
  if (type !== "comment") return undefined;
  const c = [...detail.comments, ...detail.answers.flatMap((a) => a.comments)].find(
    (x) => x.id === id,
  );
  return c
    ? { type, id, anchor: `#comment-${id}`, title: null, body: c.body, tags: null }
    : undefined;
}

/** `?answer=<id>` or `?comment=<id>`, else the question itself. */
const postOfQuery = (query: Form, detail: Detail) =>
  query.answer
    ? findPost(detail, "answer", query.answer)
    : query.comment
      ? findPost(detail, "comment", query.comment)
      : findPost(detail, "question", detail.id);

/** "42", "/community/q/42-slug", a full URL of a question page, or a question's id. */
async function questionIdFrom(services: Services, input: string): Promise<string> {
  const text = input.trim();
  if (ZId.safeParse(text).success) return text;
  const number = /^(\d+)$/.exec(text)?.[1] ?? /\/community\/q\/(\d+)/.exec(text)?.[1];
  const found = number ? await services.community.posts.findQuestionByNumber(Number(number)) : null;
  if (!found) throw invalidField("duplicateOf", "is not a question of this community");
  return found.question.id;
}

interface ActionInput {
  request: FastifyRequest;
  user: UserRow;
  ctx: PageContext;
  detail: Detail;
  body: unknown;
}

/**
 * The plain form posts of a question page's signed-in controls (see
 * pages/post-actions.view.ts): each checks the CSRF field (auth plugin), runs the same
 * operation as the JSON API, and redirects back to the page (303); a refusal answers
 * with its 4xx status, the problem (naming the field) and the form again.
 */
export async function questionPostForms(
  app: FastifyInstance,
  { services }: { services: Services },
) {
  const hide = { schema: { hide: true } };

  async function loadQuestion(request: FastifyRequest, reply: FastifyReply, raw: string) {
    const ctx = await pageContext(services, request, reply);
    const number = Number(raw);
    if (!Number.isSafeInteger(number) || number < 1) return { ctx, detail: undefined };
    const found = await getQuestion(services, ctx.user, { number }).catch((err) => {
      if (err instanceof AppError && err.statusCode === 404) return undefined;
      throw err;
    });
    return { ctx, detail: found?.detail };
  }

  function action(
    name: string,
    run: (input: ActionInput) => Promise<string>,
    opts: {
      config?: object;
      /** The form again, filled in, for the error page. */
      refill?: (input: ActionInput, problems: FieldProblem[]) => SafeHtml | "";
    } = {},
  ) {
    app.post<{ Params: { number: string } }>(
      `/community/q/:number/${name}`,
      { ...hide, ...(opts.config ? { config: opts.config } : {}) },
      async (request, reply) => {
        if (!request.auth) {
          const n = Number(request.params.number);
          const next = Number.isSafeInteger(n) && n > 0 ? `/community/q/${n}` : "/community";
          return reply.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);
        }
        const { ctx, detail } = await loadQuestion(request, reply, request.params.number);
        if (!detail) return sendHtml(reply, notFoundPage(ctx), 404);
        const input = { request, user: request.auth.user, ctx, detail, body: request.body };
        try {
          return reply.redirect(await run(input), 303);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const problems = problemsOf(err);
          const form = err.statusCode === 400 && opts.refill ? opts.refill(input, problems) : "";
          return sendHtml(
            reply,
            actionErrorPage(ctx, problems, backToQuestion(ctx, detail), form),
            err.statusCode,
          );
        }
      },
    );
  }

  const problem = (problems: FieldProblem[], name: string) =>
    problems.find((p) => p.field === name)?.message;

  action("accept", async ({ user, detail, body }) => {
    const { answerId } = parse(z.object({ answerId: ZId }), { answerId: field(body, "answerId") });
    await acceptAnswer(services, user, detail.id, answerId);
    return `${detail.url}#answer-${answerId}`;
  });

  action("unaccept", async ({ user, detail }) => {
    await unacceptAnswer(services, user, detail.id);
    return detail.url;
  });

  action(
    "comments",
    async ({ user, detail, body }) => {
      const answerId = field(body, "answerId") || undefined;
      const input = parse(z.object({ body: ZCommentBody, answerId: ZId.optional() }), {
        body: field(body, "body"),
        answerId,
      });
      if (answerId && !detail.answers.some((a) => a.id === answerId))
        throw invalidField("answerId", "is not an answer to this question");
      const comment = await addComment(
        services,
        user,
        answerId ? { answerId } : { questionId: detail.id },
        input.body,
      );
      return `${detail.url}#comment-${comment.id}`;
    },
    {
      config: COMMENT_LIMIT,
      refill: ({ ctx, detail, body }, problems) =>
        commentForm(ctx, detail, field(body, "answerId") || null, {
          draft: field(body, "body"),
          error: problem(problems, "body") ?? problems[0]?.message,
          open: true,
        }),
    },
  );

  action(
    "flag",
    async ({ user, detail, body }) => {
      const note = field(body, "note");
      const input = parse(ZCreateFlagRequest, {
        postType: field(body, "postType"),
        postId: field(body, "postId"),
        reason: field(body, "reason"),
        ...(note.trim() ? { note } : {}),
      });
      const post = findPost(detail, input.postType, input.postId);
      if (!post) throw invalidField("postId", "is not a post on this question");
      await flagPost(services, user, input);
      return `${detail.url}?reported=${input.postId}${post.anchor}`;
    },
    {
      config: { rateLimit: { max: 30, timeWindow: "1 hour", hook: "preHandler" } },
      refill: ({ ctx, detail, body }, problems) => {
        const type = ZPostType.safeParse(field(body, "postType")).data;
        const post = type && findPost(detail, type, field(body, "postId"));
        return post
          ? flagForm(ctx, detail, post, {
              reason: field(body, "reason"),
              note: field(body, "note"),
              problems,
            })
          : "";
      },
    },
  );

  action("delete", async ({ user, detail, body }) => {
    const input = parse(
      z.object({
        postType: ZPostType,
        postId: ZId,
        deleted: z.enum(["0", "1"], { error: "must be 1 (delete) or 0 (restore)" }),
      }),
      {
        postType: field(body, "postType"),
        postId: field(body, "postId"),
        deleted: field(body, "deleted"),
      },
    );
    const post = findPost(detail, input.postType, input.postId);
    if (!post) throw invalidField("postId", "is not a post on this question");
    await setPostDeleted(services, user, input.postType, input.postId, input.deleted === "1");
    return `${detail.url}${post.anchor}`;
  });

  action(
    "close",
    async ({ user, detail, body }) => {
      // The team closes a question for another reason than a duplicate.
      if (field(body, "reason") === "closed") {
        const input = parse(
          z.object({ closeReason: ZCloseReason, note: z.string().trim().max(500) }),
          { closeReason: field(body, "closeReason") || "other", note: field(body, "note") },
        );
        await closeQuestion(services, user, detail.id, {
          reason: "closed",
          closeReason: input.closeReason,
          ...(input.note ? { note: input.note } : {}),
        });
        return detail.url;
      }
      const { duplicateOf } = parse(
        z.object({ duplicateOf: z.string().trim().min(1, "is required").max(500) }),
        { duplicateOf: field(body, "duplicateOf") },
      );
      const target = await questionIdFrom(services, duplicateOf);
      await closeQuestion(services, user, detail.id, { reason: "duplicate", duplicateOf: target });
      return detail.url;
    },
    {
      refill: ({ ctx, detail, body }, problems) =>
        field(body, "reason") === "closed"
          ? closeQuestionForm(ctx, detail, {
              reason: field(body, "closeReason"),
              note: field(body, "note"),
              error: problem(problems, "note") ?? problems[0]?.message,
            })
          : closeDuplicateForm(ctx, detail, {
              value: field(body, "duplicateOf"),
              error: problem(problems, "duplicateOf") ?? problems[0]?.message,
            }),
    },
  );

  action("objection", async ({ user, detail, body }) => {
    const { note } = parse(z.object({ note: z.string().max(2000) }), { note: field(body, "note") });
    await objectToDuplicate(services, user, detail.id, note.trim() || undefined);
    return detail.url;
  });

  action("reopen", async ({ user, detail }) => {
    await reopenQuestion(services, user, detail.id);
    return detail.url;
  });

  const ZFlagValue = z.enum(["0", "1"], { error: "must be 1 or 0" }).optional();
  action("moderation", async ({ user, detail, body }) => {
    const input = parse(
      z
        .object({ locked: ZFlagValue, hidden: ZFlagValue })
        .refine((v) => v.locked || v.hidden, { message: "send locked and/or hidden" }),
      {
        locked: field(body, "locked") || undefined,
        hidden: field(body, "hidden") || undefined,
      },
    );
    await moderateQuestion(services, user, detail.id, {
      ...(input.locked ? { locked: input.locked === "1" } : {}),
      ...(input.hidden ? { hidden: input.hidden === "1" } : {}),
    });
    return detail.url;
  });

  /** Moving to another board (an edit of the question: moderators, or whoever may edit it). */
  action("move", async ({ user, detail, body }) => {
    const { board } = parse(z.object({ board: z.string().trim().min(1, "is required").max(60) }), {
      board: field(body, "board"),
    });
    await editQuestion(services, user, detail.id, { board });
    return field(body, "back") === "/community/moderation" ? "/community/moderation" : detail.url;
  });

  // --- editing and the history -------------------------------------------------

  const notAllowed = (ctx: PageContext, detail: Detail) =>
    actionErrorPage(
      ctx,
      [{ field: "", message: ACTION_MESSAGES[ctx.locale].notAllowed }],
      backToQuestion(ctx, detail),
    );

  app.get<{ Params: { number: string }; Querystring: Form }>(
    "/community/q/:number/edit",
    hide,
    async (request, reply) => {
      const n = Number(request.params.number);
      if (!request.auth)
        return reply.redirect(`/signin?next=${encodeURIComponent(request.url)}`, 303);
      const { ctx, detail } = await loadQuestion(request, reply, String(n));
      const post = detail && postOfQuery(request.query, detail);
      if (!detail || !post) return sendHtml(reply, notFoundPage(ctx), 404);
      const model = await actionsModel(services, request.auth.user, detail);
      if (!model.posts.get(post.id)?.edit) return sendHtml(reply, notAllowed(ctx, detail), 403);
      const values = {
        title: post.title ?? "",
        body: post.body,
        tags: (post.tags ?? []).join(", "),
      };
      return sendHtml(reply, editPage(ctx, detail, post, values));
    },
  );

  app.post<{ Params: { number: string } }>(
    "/community/q/:number/edit",
    hide,
    async (request, reply) => {
      if (!request.auth)
        return reply.redirect(`/signin?next=/community/q/${Number(request.params.number)}`, 303);
      const { ctx, detail } = await loadQuestion(request, reply, request.params.number);
      if (!detail) return sendHtml(reply, notFoundPage(ctx), 404);
      const body = request.body;
      const type = ZPostType.safeParse(field(body, "postType")).data;
      const post = type && findPost(detail, type, field(body, "postId"));
      const values: EditValues = {
        title: field(body, "title"),
        body: field(body, "body"),
        tags: field(body, "tags"),
      };
      const user = request.auth.user;
      try {
        if (!post) throw invalidField("postId", "is not a post on this question");
        if (post.type === "question") {
          const input = parse(ZUpdateQuestionRequest, {
            title: values.title,
            body: values.body,
            tags: values.tags
              .split(",")
              .map((t) => t.trim())
              .filter(Boolean),
          });
          await editQuestion(services, user, post.id, input);
        } else if (post.type === "answer") {
          const input = parse(ZUpdateAnswerRequest, { body: values.body });
          await editAnswer(services, user, post.id, input.body);
        } else {
          const input = parse(z.object({ body: ZCommentBody }), { body: values.body });
          await editComment(services, user, post.id, input.body);
        }
        return reply.redirect(`${detail.url}${post.anchor}`, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const problems = problemsOf(err);
        const page =
          post && err.statusCode === 400
            ? editPage(ctx, detail, post, values, problems)
            : actionErrorPage(ctx, problems, backToQuestion(ctx, detail));
        return sendHtml(reply, page, err.statusCode);
      }
    },
  );

  app.get<{ Params: { number: string }; Querystring: Form }>(
    "/community/q/:number/history",
    hide,
    async (request, reply) => {
      const { ctx, detail } = await loadQuestion(request, reply, request.params.number);
      const post = detail && postOfQuery(request.query, detail);
      if (!detail || !post) return sendHtml(reply, notFoundPage(ctx), 404);
      const rows = await services.community.posts.listRevisions(post.type, post.id);
      const revisions = rows.map((r) => presentRevision(r.revision, r.editor));
      return sendHtml(reply, historyPage(ctx, detail, post, revisions));
    },
  );
}

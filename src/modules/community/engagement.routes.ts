import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireUser } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { voteOrigins } from "../reputation/vote-origins.ts";
import { acceptAnswer, unacceptAnswer } from "./accept-answer.ts";
import { closeQuestion, objectToDuplicate, reopenQuestion } from "./close-question.ts";
import { questionPath } from "./community.presenter.ts";
import {
  ZAcceptRequest,
  ZCloseRequest,
  ZIdParams,
  ZMeTooResponse,
  ZObjectionRequest,
  ZQuestionDetail,
  ZVoteRequest,
  ZVoteResponse,
} from "./community.schemas.ts";
import { loadQuestionFor } from "./community-context.ts";
import { getQuestion } from "./get-question.ts";
import { joinQuestion, leaveQuestion } from "./join-question.ts";
import { removeVote, votePost } from "./vote-post.ts";

const ZFollowResponse = z.object({ following: z.boolean() });
const ZNotification = z
  .object({
    id: z.uuid(),
    kind: z.enum(["new_answer", "answer_accepted", "badge_awarded", "mention", "new_question"]),
    /** Null for notices about the person (badge_awarded). */
    question: z.object({ id: z.uuid(), title: z.string(), url: z.string() }).nullable(),
    badge: z.object({ name: z.string(), icon: z.string() }).nullable(),
    answerId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    read: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "CommunityNotification" });

/** Votes, me-too, following, accepted answers, closing and duplicates. */
export const engagementRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["community"];
  const detail = async (userId: string, id: string) => {
    const user = await services.accounts.findUserById(userId);
    return (await getQuestion(services, user ?? null, { id })).detail;
  };

  for (const postType of ["question", "answer"] as const) {
    const path = `/community/${postType}s/:id/vote`;
    app.put(
      path,
      {
        config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
        schema: {
          tags,
          summary:
            postType === "question"
              ? "Up-vote a question (value 1); 409 already_voted, 403 own_post"
              : "Vote on an answer (1 or -1; the other value changes the vote); 409 already_voted, 403 own_post",
          params: ZIdParams,
          body: ZVoteRequest,
          response: { 200: ZVoteResponse },
        },
      },
      async (request, reply) =>
        votePost(
          services,
          requireUser(request),
          postType,
          request.params.id,
          request.body.value,
          voteOrigins(request, reply),
        ),
    );
    app.delete(
      path,
      {
        schema: {
          tags,
          summary: `Remove my vote on a ${postType}`,
          params: ZIdParams,
          response: { 200: ZVoteResponse },
        },
      },
      async (request) => removeVote(services, requireUser(request), postType, request.params.id),
    );
  }

  app.put(
    "/community/questions/:id/me-too",
    {
      schema: {
        tags,
        summary: "I have this question too: counts once, raises priority, follows the question",
        params: ZIdParams,
        response: { 200: ZMeTooResponse },
      },
    },
    async (request) => joinQuestion(services, requireUser(request), request.params.id),
  );

  app.delete(
    "/community/questions/:id/me-too",
    {
      schema: {
        tags,
        summary: "Take back my me-too",
        params: ZIdParams,
        response: { 200: ZMeTooResponse },
      },
    },
    async (request) => leaveQuestion(services, requireUser(request), request.params.id),
  );

  app.put(
    "/community/questions/:id/follow",
    {
      schema: {
        tags,
        summary: "Follow a question",
        params: ZIdParams,
        response: { 200: ZFollowResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await loadQuestionFor(services, user, request.params.id);
      await services.community.engagement.follow(request.params.id, user.id);
      return { following: true };
    },
  );

  app.delete(
    "/community/questions/:id/follow",
    {
      schema: {
        tags,
        summary: "Stop following a question",
        params: ZIdParams,
        response: { 200: ZFollowResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await loadQuestionFor(services, user, request.params.id);
      await services.community.engagement.unfollow(request.params.id, user.id);
      return { following: false };
    },
  );

  app.get(
    "/community/notifications",
    {
      schema: {
        tags,
        summary: "My notifications: new answers on questions I follow, my answers accepted, badges",
        querystring: z.object({
          unread: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: { 200: z.object({ items: z.array(ZNotification) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = await services.community.engagement.listNotifications(user.id, {
        unreadOnly: request.query.unread ?? false,
        limit: request.query.limit,
      });
      return {
        items: rows.map((r) => ({
          id: r.notification.id,
          kind: r.notification.kind as "new_answer" | "answer_accepted" | "badge_awarded",
          question:
            r.notification.questionId && r.questionTitle !== null && r.questionNumber !== null
              ? {
                  id: r.notification.questionId,
                  title: r.questionTitle,
                  url: questionPath({ number: r.questionNumber, title: r.questionTitle }),
                }
              : null,
          badge:
            r.badgeName !== null && r.badgeIcon !== null
              ? { name: r.badgeName, icon: r.badgeIcon }
              : null,
          answerId: r.notification.answerId,
          actorName: r.actorName,
          read: r.notification.readAt !== null,
          createdAt: r.notification.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    "/community/notifications/read",
    {
      schema: {
        tags,
        summary: "Mark my notifications read (all, or the given ids)",
        body: z.object({ ids: z.array(z.uuid()).max(500).optional() }),
        response: { 200: z.object({ marked: z.number().int() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return {
        marked: await services.community.engagement.markNotificationsRead(
          user.id,
          request.body.ids,
        ),
      };
    },
  );

  app.put(
    "/community/questions/:id/accepted-answer",
    {
      schema: {
        tags,
        summary: "Accept an answer (asker or team); replaces an earlier one",
        params: ZIdParams,
        body: ZAcceptRequest,
        response: { 200: ZQuestionDetail },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await acceptAnswer(services, user, request.params.id, request.body.answerId);
      return detail(user.id, request.params.id);
    },
  );

  app.delete(
    "/community/questions/:id/accepted-answer",
    {
      schema: {
        tags,
        summary: "Take back the accepted answer",
        params: ZIdParams,
        response: { 200: ZQuestionDetail },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await unacceptAnswer(services, user, request.params.id);
      return detail(user.id, request.params.id);
    },
  );

  app.post(
    "/community/questions/:id/close",
    {
      schema: {
        tags,
        summary:
          "Close a question: as a duplicate of another (team, trusted members; me-too and followers merge into it) or closed (team)",
        params: ZIdParams,
        body: ZCloseRequest,
        response: { 200: ZQuestionDetail },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await closeQuestion(services, user, request.params.id, request.body);
      return detail(user.id, request.params.id);
    },
  );

  app.post(
    "/community/questions/:id/reopen",
    {
      schema: {
        tags,
        summary: "Reopen a closed question (team)",
        params: ZIdParams,
        response: { 200: ZQuestionDetail },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await reopenQuestion(services, user, request.params.id);
      return detail(user.id, request.params.id);
    },
  );

  app.post(
    "/community/questions/:id/objection",
    {
      schema: {
        tags,
        summary: "The asker objects to a duplicate closure: reopens it for moderator review",
        params: ZIdParams,
        body: ZObjectionRequest,
        response: { 200: ZQuestionDetail },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await objectToDuplicate(services, user, request.params.id, request.body.note);
      return detail(user.id, request.params.id);
    },
  );
};

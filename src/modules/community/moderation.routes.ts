import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../lib/errors.ts";
import { requireRole, requireUser } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { assertPrivilege } from "../reputation/check-privilege.ts";
import { isModerator } from "./community.policy.ts";
import { presentFlag } from "./community.presenter.ts";
import {
  ZCreateFlagRequest,
  ZFlag,
  ZIdParams,
  ZModerationRequest,
  ZQuestionDetail,
  ZResolveFlagRequest,
  ZTrustRequest,
} from "./community.schemas.ts";
import { flagPost, moderateQuestion, resolveFlag } from "./flag-post.ts";
import { getQuestion } from "./get-question.ts";

/** Flags, the moderators' review queue, hiding and locking, trusted members. */
export const moderationRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["community moderation"];
  const { moderation } = services.community;

  async function presentById(id: string) {
    const flag = await moderation.findFlag(id);
    const question = await services.community.posts.findQuestionRow(flag!.questionId);
    const reporter = flag!.reporterId
      ? await services.accounts.findUserById(flag!.reporterId)
      : undefined;
    return presentFlag(flag!, reporter ?? null, question!);
  }

  app.post(
    "/community/flags",
    {
      config: { rateLimit: { max: 30, timeWindow: "1 hour", hook: "preHandler" } },
      schema: {
        tags,
        summary: "Report a post (spam, offensive, personal_data, off_topic, duplicate)",
        body: ZCreateFlagRequest,
        response: { 201: ZFlag },
      },
    },
    async (request, reply) => {
      const flag = await flagPost(services, requireUser(request), request.body);
      return reply.status(201).send(await presentById(flag.id));
    },
  );

  app.get(
    "/community/moderation/queue",
    {
      schema: {
        tags,
        summary:
          "Open review items, oldest first: flags, held posts, duplicate objections (moderators)",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(ZFlag) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      // Moderators, and members with the review-queue reputation privilege.
      if (!isModerator(user.role)) await assertPrivilege(services, user, "reviewQueue");
      const rows = await moderation.listOpen(
        user.workspaceId,
        request.query.limit,
        request.query.offset,
      );
      return {
        items: rows.map((r) =>
          presentFlag(r.flag, r.reporter, { title: r.questionTitle, number: r.questionNumber }),
        ),
      };
    },
  );

  app.post(
    "/community/flags/:id/resolve",
    {
      schema: {
        tags,
        summary:
          "Resolve a review item: hide the post, lock the question, dismiss, or approve a held post",
        params: ZIdParams,
        body: ZResolveFlagRequest,
        response: { 200: ZFlag },
      },
    },
    async (request) => {
      const flag = await resolveFlag(
        services,
        requireUser(request),
        request.params.id,
        request.body.action,
      );
      return presentById(flag.id);
    },
  );

  app.post(
    "/community/questions/:id/moderation",
    {
      schema: {
        tags,
        summary: "Hide or lock a question (moderators)",
        params: ZIdParams,
        body: ZModerationRequest,
        response: { 200: ZQuestionDetail },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await moderateQuestion(services, user, request.params.id, request.body);
      return (await getQuestion(services, user, { id: request.params.id })).detail;
    },
  );

  app.put(
    "/community/members/:id/trust",
    {
      schema: {
        tags,
        summary: "Mark a member as trusted (skips review, may close duplicates) (moderators)",
        params: ZIdParams,
        body: ZTrustRequest,
        response: { 200: ZTrustRequest },
      },
    },
    async (request) => {
      const mod = requireRole(request, ["moderator", "admin"]);
      const member = await services.accounts.findUserById(request.params.id);
      if (!member || member.workspaceId !== mod.workspaceId) throw notFound("Member");
      await moderation.setTrusted(member.id, request.body.trusted);
      return { trusted: request.body.trusted };
    },
  );
};

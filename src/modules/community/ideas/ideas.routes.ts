import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../../lib/errors.ts";
import { requireUser } from "../../../server/plugins/guards.ts";
import type { Services } from "../../../server/services.ts";
import { postingLimit } from "../community.routes.ts";
import { ZIdParams } from "../community.schemas.ts";
import { communityWorkspace } from "../community-context.ts";
import { findBoard } from "../find-board.ts";
import { changeIdeaStatus } from "./change-idea-status.ts";
import { getIdea } from "./get-idea.ts";
import { ideaPath, presentIdeaSummary } from "./ideas.presenter.ts";
import {
  ZChangeIdeaStatusRequest,
  ZCreateIdeaRequest,
  ZIdeaDetail,
  ZIdeaNotification,
  ZIdeaSummary,
  ZIdeaVoteResponse,
  ZListIdeasQuery,
} from "./ideas.schemas.ts";
import { submitIdea } from "./submit-idea.ts";
import { unvoteIdea, voteIdea } from "./vote-idea.ts";

export const IDEA_LIMIT = postingLimit(10, "1 hour");

/** The ideas board: list, submit, vote, and the team's status changes. */
export const ideasRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["ideas"];
  const { ideas } = services.community;

  app.get(
    "/ideas",
    {
      schema: {
        tags,
        summary: "Ideas: by board and status, most votes or newest first; public",
        querystring: ZListIdeasQuery,
        response: { 200: z.object({ items: z.array(ZIdeaSummary) }) },
      },
    },
    async (request) => {
      const ws = await communityWorkspace(services, request.auth?.user);
      const { board: boardRef, ...query } = request.query;
      const board = boardRef ? await findBoard(services, ws.id, boardRef) : undefined;
      if (boardRef && !board) throw notFound("Board");
      const rows = await ideas.list({ workspaceId: ws.id, ...query, boardId: board?.id });
      return { items: rows.map(presentIdeaSummary) };
    },
  );

  app.post(
    "/ideas",
    {
      config: IDEA_LIMIT,
      schema: {
        tags,
        summary: "Submit an idea to an ideas board",
        body: ZCreateIdeaRequest,
        response: { 201: ZIdeaDetail },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const idea = await submitIdea(services, user, request.body);
      return reply.status(201).send(await getIdea(services, user, { id: idea.id }));
    },
  );

  app.get(
    "/ideas/notifications",
    {
      schema: {
        tags,
        summary: "My notifications about ideas I voted for or submitted (status changes)",
        querystring: z.object({
          unread: z
            .enum(["true", "false"])
            .optional()
            .transform((v) => v === "true"),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: z.object({ items: z.array(ZIdeaNotification) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = await ideas.listNotifications(user.id, {
        unreadOnly: request.query.unread,
        limit: request.query.limit,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: "idea_status" as const,
          idea: { id: r.idea.id, title: r.idea.title, url: ideaPath(r.idea) },
          from: r.change.fromStatus,
          to: r.change.toStatus,
          comment: r.change.comment,
          actorName: r.by.name,
          read: r.readAt !== null,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    "/ideas/notifications/read",
    {
      schema: {
        tags,
        summary: "Mark my idea notifications read (all, or the given ids)",
        body: z.object({ ids: z.array(z.uuid()).max(500).optional() }),
        response: { 200: z.object({ marked: z.number().int() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { marked: await ideas.markNotificationsRead(user.id, request.body.ids) };
    },
  );

  app.get(
    "/ideas/:id",
    {
      schema: {
        tags,
        summary: "An idea with its status history",
        params: ZIdParams,
        response: { 200: ZIdeaDetail },
      },
    },
    async (request) => getIdea(services, request.auth?.user ?? null, { id: request.params.id }),
  );

  app.put(
    "/ideas/:id/vote",
    {
      schema: {
        tags,
        summary: "Vote for an idea (once; not your own; not once done or declined)",
        params: ZIdParams,
        response: { 200: ZIdeaVoteResponse },
      },
    },
    async (request) => voteIdea(services, requireUser(request), request.params.id),
  );

  app.delete(
    "/ideas/:id/vote",
    {
      schema: {
        tags,
        summary: "Take my vote back",
        params: ZIdParams,
        response: { 200: ZIdeaVoteResponse },
      },
    },
    async (request) => unvoteIdea(services, requireUser(request), request.params.id),
  );

  app.post(
    "/ideas/:id/status",
    {
      schema: {
        tags,
        summary: "Change an idea's status with a comment (team); voters are notified",
        params: ZIdParams,
        body: ZChangeIdeaStatusRequest,
        response: { 200: ZIdeaDetail },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await changeIdeaStatus(services, user, request.params.id, request.body);
      return getIdea(services, user, { id: request.params.id });
    },
  );
};

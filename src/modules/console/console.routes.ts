import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { UserRow } from "../../db/schema/index.ts";
import { forbidden, invalidField, notFound } from "../../lib/errors.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";
import { ZConversationParams } from "../inbox/inbox.schemas.ts";
import { presentSavedView } from "./console.presenter.ts";
import {
  type TSavedViewQuery,
  ZCreateSavedViewRequest,
  ZPresenceList,
  ZPresenceRequest,
  ZSavedView,
  ZSavedViewParams,
  ZUpdateSavedViewRequest,
} from "./console.schemas.ts";
import { canEditSavedView } from "./saved-views.policy.ts";
import { listPresence, setPresence } from "./set-presence.ts";

/** The console's own state: presence (who views or types where) and saved views. */
export const consoleRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["console"];

  app.get(
    "/presence",
    {
      schema: {
        tags,
        summary: "Who is viewing or typing in which conversation of my workspace, now",
        response: { 200: ZPresenceList },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      return { items: await listPresence(services, agent.workspaceId) };
    },
  );

  app.post(
    "/conversations/:id/presence",
    {
      schema: {
        tags,
        summary:
          "Heartbeat: I am viewing or typing in this conversation (lasts 30 s), or I left it",
        params: ZConversationParams,
        body: ZPresenceRequest,
        response: { 200: ZPresenceList },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      const conversation = await services.inbox.findConversation(
        agent.workspaceId,
        request.params.id,
      );
      if (!conversation) throw notFound("Conversation");
      const items = await setPresence(services, agent, conversation.id, request.body.state);
      return { items };
    },
  );

  /** A view may only point at this workspace's agents and teams. */
  async function checkQuery(agent: UserRow, query: TSavedViewQuery | undefined) {
    if (!query) return;
    const { assignee, team } = query;
    if (
      assignee &&
      assignee !== "me" &&
      assignee !== "none" &&
      !(await services.inbox.isWorkspaceStaff(agent.workspaceId, assignee))
    ) {
      throw invalidField("query.assignee", "must be an agent of this workspace, `me` or `none`");
    }
    if (
      team &&
      team !== "none" &&
      !(await services.inbox.isWorkspaceTeam(agent.workspaceId, team))
    ) {
      throw invalidField("query.team", "must be a team of this workspace or `none`");
    }
  }

  app.get(
    "/views",
    {
      schema: {
        tags,
        summary: "Saved views: the workspace's shared ones and my personal ones, by name",
        response: { 200: z.object({ items: z.array(ZSavedView) }) },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      const rows = await services.console.listVisibleViews(agent.workspaceId, agent.id);
      return { items: rows.map((r) => presentSavedView(r, agent)) };
    },
  );

  app.post(
    "/views",
    {
      schema: {
        tags,
        summary:
          "Save a view: a name and the list query (status, channel, assignee, team, tag, q, sort)",
        body: ZCreateSavedViewRequest,
        response: { 201: ZSavedView },
      },
    },
    async (request, reply) => {
      const agent = requireRole(request, STAFF_ROLES);
      await checkQuery(agent, request.body.query);
      const view = await services.console.createView({
        workspaceId: agent.workspaceId,
        ownerId: agent.id,
        ...request.body,
      });
      return reply.status(201).send(presentSavedView({ view, ownerName: agent.name }, agent));
    },
  );

  async function loadEditable(request: Parameters<typeof requireRole>[0], id: string) {
    const agent = requireRole(request, STAFF_ROLES);
    const found = await services.console.findVisibleView(agent.workspaceId, agent.id, id);
    if (!found) throw notFound("Saved view");
    if (!canEditSavedView(agent, found.view)) {
      throw forbidden("Only its author (or an admin, for shared views) may change this view.");
    }
    return { agent, found };
  }

  app.patch(
    "/views/:id",
    {
      schema: {
        tags,
        summary: "Rename, share or change a saved view",
        params: ZSavedViewParams,
        body: ZUpdateSavedViewRequest,
        response: { 200: ZSavedView },
      },
    },
    async (request) => {
      const { agent, found } = await loadEditable(request, request.params.id);
      await checkQuery(agent, request.body.query);
      const view = await services.console.updateView(found.view.id, request.body);
      if (!view) throw notFound("Saved view");
      return presentSavedView({ view, ownerName: found.ownerName }, agent);
    },
  );

  app.delete(
    "/views/:id",
    {
      schema: {
        tags,
        summary: "Delete a saved view",
        params: ZSavedViewParams,
        response: { 204: z.null().describe("No content") },
      },
    },
    async (request, reply) => {
      const { found } = await loadEditable(request, request.params.id);
      await services.console.deleteView(found.view.id);
      return reply.status(204).send(null);
    },
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { invalidField, notFound } from "../../lib/errors.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";
import { actorOf } from "../audit/record-audit-event.ts";
import { refreshQueueScores } from "../operations/refresh-queue-scores.ts";
import { bulkUpdateConversations } from "./bulk-update-conversations.ts";
import { hidePublicMessage } from "./hide-public-message.ts";
import { decodeCursor, encodeCursor, presentListItem, presentMessage } from "./inbox.presenter.ts";
import {
  ZBulkRequest,
  ZBulkResponse,
  ZConversationDetail,
  ZConversationList,
  ZConversationListItem,
  ZConversationParams,
  ZListConversationsQuery,
  ZMessage,
  ZMessageParams,
  ZNoteRequest,
  ZReplyRequest,
  ZUpdateConversationRequest,
} from "./inbox.schemas.ts";
import { replyToConversation } from "./reply-to-conversation.ts";

/** The agents' inbox: staff only; customers never see conversations or internal notes. */
export const inboxRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["inbox"];

  async function loadConversation(workspaceId: string, id: string) {
    const conversation = await services.inbox.findConversation(workspaceId, id);
    if (!conversation) throw notFound("Conversation");
    return conversation;
  }

  app.get(
    "/conversations",
    {
      schema: {
        tags,
        summary: "List conversations, newest activity first",
        querystring: ZListConversationsQuery,
        response: { 200: ZConversationList },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      const { cursor: rawCursor, limit, sort, ...filter } = request.query;
      const cursor = decodeCursor(rawCursor);
      if (cursor === "invalid") throw invalidField("cursor", "is not a cursor this API returned");
      const rows = await services.inbox.listConversations(
        { ...filter, workspaceId: agent.workspaceId, userId: agent.id },
        cursor,
        limit + 1,
        sort,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(presentListItem),
        nextCursor:
          rows.length > limit && last
            ? encodeCursor({
                at: last.cursorAt ?? last.conversation.lastMessageAt.toISOString(),
                id: last.conversation.id,
                ...(sort === "urgent" ? { p: last.conversation.queueScore } : {}),
              })
            : null,
      };
    },
  );

  app.get(
    "/conversations/counts",
    {
      schema: {
        tags,
        summary:
          "Conversation counts per console view (`mine`, `unassigned`, `open`, `pending`, `solved`, `channel:<kind>`, `team:<id>`, `view:<saved view id>`)",
        response: { 200: z.record(z.string(), z.number()) },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      const [counts, saved] = await Promise.all([
        services.inbox.countViews(agent.workspaceId, agent.id),
        services.console.listVisibleViews(agent.workspaceId, agent.id),
      ]);
      const perView = await services.inbox.countFilters(
        agent.workspaceId,
        agent.id,
        saved.map(({ view }) => ({ key: `view:${view.id}`, filter: view.query })),
      );
      return { ...counts, ...perView };
    },
  );

  app.post(
    "/conversations/bulk",
    {
      schema: {
        tags,
        summary: "One action (assign, tag, untag, status, solve) on many conversations at once",
        body: ZBulkRequest,
        response: { 200: ZBulkResponse },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      return bulkUpdateConversations(services, agent, request.body);
    },
  );

  app.get(
    "/conversations/:id",
    {
      schema: {
        tags,
        summary: "A conversation with its messages, contact and history",
        params: ZConversationParams,
        response: { 200: ZConversationDetail },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      const conversation = await loadConversation(agent.workspaceId, request.params.id);
      const [channel, rows, contact, history] = await Promise.all([
        services.inbox.findChannel(conversation.channelId),
        services.inbox.listMessages(conversation.id, true),
        services.inbox.findContactWithIdentities(conversation.contactId),
        services.inbox.listContactConversations(conversation.contactId, conversation.id),
      ]);
      if (!channel || !contact) throw notFound("Conversation");
      const visible = rows.filter((r) => r.message.direction !== "note");
      const last = visible.at(-1)?.message;
      const impostors = await services.safety.confirmedImpostorContacts([contact.contact.id]);
      return {
        ...presentListItem({
          conversation,
          channel,
          contact: contact.contact,
          lastMessage: last
            ? {
                text: last.text,
                direction: last.direction,
                createdAt: last.createdAt,
                deleted: last.deletedAt !== null,
                personalData: last.personalData,
              }
            : null,
          impostor: impostors.has(contact.contact.id),
        }),
        messages: rows.map((r) => presentMessage(r.message, r.authorName)),
        contactDetail: {
          id: contact.contact.id,
          name: contact.contact.displayName,
          avatarUrl: contact.contact.avatarUrl,
          tags: contact.contact.tags,
          notes: contact.contact.notes,
          identities: contact.identities.map((i) => ({
            channel: i.kind,
            platformUserId: i.platformUserId,
            handle: i.handle,
            displayName: i.displayName,
          })),
        },
        history: history.map((h) => ({
          id: h.id,
          status: h.status,
          channel: h.channelKind,
          lastMessageAt: h.lastMessageAt.toISOString(),
          messageCount: h.messageCount,
        })),
      };
    },
  );

  app.post(
    "/conversations/:id/replies",
    {
      schema: {
        tags,
        summary:
          "Reply to the customer (public or private as the channel allows); sent in the background",
        params: ZConversationParams,
        body: ZReplyRequest,
        response: { 202: ZMessage },
      },
    },
    async (request, reply) => {
      const agent = requireRole(request, STAFF_ROLES);
      const conversation = await loadConversation(agent.workspaceId, request.params.id);
      const { macroId, confirm, seenMessageId, ...input } = request.body;
      const macro = macroId
        ? await services.macros.findVisible(agent.workspaceId, agent.id, macroId)
        : undefined;
      if (macroId && !macro) throw invalidField("macroId", "is not a macro you can use");
      const message = await replyToConversation(
        services,
        agent,
        conversation,
        {
          ...input,
          // The agent's explicit choice (e.g. send-and-solve) wins over the macro's status.
          status: input.status ?? macro?.macro.actions.status,
          addTags: macro?.macro.actions.addTags,
          seenMessageId: confirm ? undefined : seenMessageId,
        },
        actorOf(agent, request),
      );
      await services.realtime.publish({
        workspaceId: agent.workspaceId,
        type: "message.created",
        conversationId: conversation.id,
        messageId: message.id,
      });
      return reply.status(202).send(presentMessage(message, agent.name));
    },
  );

  app.post(
    "/conversations/:id/notes",
    {
      schema: {
        tags,
        summary: "Add an internal note (never shown to customers)",
        params: ZConversationParams,
        body: ZNoteRequest,
        response: { 201: ZMessage },
      },
    },
    async (request, reply) => {
      const agent = requireRole(request, STAFF_ROLES);
      const conversation = await loadConversation(agent.workspaceId, request.params.id);
      const note = await services.inbox.addAgentMessage(
        {
          workspaceId: conversation.workspaceId,
          conversationId: conversation.id,
          channelId: conversation.channelId,
          direction: "note",
          visibility: "internal",
          authorUserId: agent.id,
          text: request.body.text,
        },
        undefined,
      );
      await services.realtime.publish({
        workspaceId: agent.workspaceId,
        type: "message.created",
        conversationId: conversation.id,
        messageId: note.id,
      });
      return reply.status(201).send(presentMessage(note, agent.name));
    },
  );

  app.patch(
    "/conversations/:id",
    {
      schema: {
        tags,
        summary: "Change status, assignee, priority or tags",
        params: ZConversationParams,
        body: ZUpdateConversationRequest,
        response: {
          200: ZConversationListItem.pick({
            id: true,
            status: true,
            assigneeId: true,
            teamId: true,
            priority: true,
            tags: true,
          }),
        },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      const conversation = await loadConversation(agent.workspaceId, request.params.id);
      const { assigneeId, teamId, tags: newTags, ...rest } = request.body;
      if (assigneeId && !(await services.inbox.isWorkspaceStaff(agent.workspaceId, assigneeId))) {
        throw invalidField("assigneeId", "must be an agent, moderator or admin of this workspace");
      }
      if (teamId && !(await services.inbox.isWorkspaceTeam(agent.workspaceId, teamId))) {
        throw invalidField("teamId", "must be a team of this workspace");
      }
      const updated = await services.inbox.updateConversation(conversation.id, {
        ...rest,
        ...(assigneeId !== undefined ? { assigneeId } : {}),
        ...(teamId !== undefined ? { teamId } : {}),
        ...(newTags ? { tags: [...new Set(newTags.map((t) => t.toLowerCase()))] } : {}),
      });
      if (!updated) throw notFound("Conversation");
      // The urgent order follows a priority or status change at once, not at the next SLA pass.
      await refreshQueueScores(services, [updated.id]);
      await services.realtime.publish({
        workspaceId: agent.workspaceId,
        type: "conversation.updated",
        conversationId: updated.id,
      });
      return {
        id: updated.id,
        status: updated.status,
        assigneeId: updated.assigneeId,
        teamId: updated.teamId,
        priority: updated.priority,
        tags: updated.tags,
      };
    },
  );

  app.post(
    "/conversations/:id/messages/:messageId/hide",
    {
      schema: {
        tags,
        summary: "Hide a customer's public Facebook comment or X reply on the platform",
        params: ZMessageParams,
        response: { 200: ZMessage },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      const conversation = await loadConversation(agent.workspaceId, request.params.id);
      const message = await services.inbox.findMessage(request.params.messageId);
      if (!message || message.conversationId !== conversation.id) throw notFound("Message");
      const channel = await services.inbox.findChannel(conversation.channelId);
      await hidePublicMessage(services, channel, message);
      const fresh = await services.inbox.findMessage(message.id);
      return presentMessage(fresh!, null);
    },
  );
};

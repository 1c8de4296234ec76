import type {
  ConversationRow,
  ConversationStatus,
  MessageRow,
  UserRow,
} from "../../db/schema/index.ts";
import { AppError, invalidField, notFound } from "../../lib/errors.ts";
import { appendSignature, effectiveSignature } from "../../lib/signature.ts";
import { MAX_WEIGHTED_TWEET_LENGTH, xWeightedLength } from "../../lib/x-text.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";
import { guardPublicReply } from "../safety/guard-public-reply.ts";
import { checkReplyCollision } from "./check-reply-collision.ts";

export const MESSENGER_WINDOW_MS = 24 * 60 * 60 * 1000;
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_FACEBOOK_TEXT = 2000;

export interface ReplyInput {
  text: string;
  /** `public` answers in the open thread, `private` by DM / Messenger / private reply. */
  visibility?: "public" | "private" | undefined;
  /** Status after sending, e.g. `solved` for send-and-solve. */
  status?: ConversationStatus | undefined;
  /** Append the agent's signature (default true). */
  signature?: boolean | undefined;
  /** Tags to add along with the reply (a macro's actions). */
  addTags?: string[] | undefined;
  /** Send a public reply even though it contains personal data (audited). */
  allowPersonalData?: boolean | undefined;
  /**
   * The last message the agent saw before writing: if another agent replied after it,
   * the reply is refused with 409 `conversation_changed` (see check-reply-collision.ts).
   */
  seenMessageId?: string | undefined;
}

const refuse = (code: string, message: string) => new AppError(422, code, message);

/** Works out how this reply reaches the customer on the conversation's channel. */
async function planDelivery(
  services: Services,
  conversation: ConversationRow,
  input: ReplyInput,
): Promise<{ sendAction: string; target: string; visibility: "public" | "private" }> {
  const channel = await services.inbox.findChannel(conversation.channelId);
  if (!channel) throw notFound("Channel");
  if (channel.status !== "active") {
    throw refuse(
      "channel_disabled",
      `${channel.name} is disconnected (${channel.disabledReason ?? "disabled"}); reconnect it to reply.`,
    );
  }
  const visibility =
    input.visibility ?? (conversation.visibility === "private" ? "private" : "public");
  const [kind, , id] = conversation.threadKey.split(":");
  const latest = await services.inbox.latestInbound(conversation.id);

  if (channel.kind === "x") {
    const length = xWeightedLength(input.text);
    if (length > MAX_WEIGHTED_TWEET_LENGTH) {
      throw invalidField(
        "text",
        `is ${length} characters as X counts them; X allows ${MAX_WEIGHTED_TWEET_LENGTH}. Shorten it or link to an article — hilft never cuts a reply.`,
      );
    }
    if (visibility === "public") {
      if (conversation.visibility !== "public" || !latest?.platformId) {
        throw refuse(
          "public_reply_unavailable",
          "This is a direct-message conversation; reply privately.",
        );
      }
      return { sendAction: "x_reply", target: latest.platformId, visibility };
    }
    const contact = await services.inbox.findContactWithIdentities(conversation.contactId);
    const participant =
      kind === "x" && conversation.threadKey.startsWith("x:dm:")
        ? id
        : contact?.identities.find((i) => i.kind === "x")?.platformUserId;
    if (!participant)
      throw refuse("no_recipient", "hilft does not know this customer's X account.");
    return { sendAction: "x_dm", target: participant, visibility };
  }

  if (channel.kind === "facebook") {
    if ([...input.text].length > MAX_FACEBOOK_TEXT) {
      throw invalidField(
        "text",
        `is longer than Facebook's ${MAX_FACEBOOK_TEXT} characters; shorten it.`,
      );
    }
    if (conversation.threadKey.startsWith("fb:dm:")) {
      if (visibility === "public")
        throw refuse(
          "public_reply_unavailable",
          "This is a Messenger conversation; reply privately.",
        );
      const last = conversation.lastInboundPrivateAt?.getTime() ?? 0;
      if (Date.now() - last > MESSENGER_WINDOW_MS) {
        throw refuse(
          "messaging_window_closed",
          "Messenger allows replies only within 24 hours of the customer's last message. Wait for them to write again.",
        );
      }
      return {
        sendAction: "fb_message",
        target: conversation.threadKey.slice("fb:dm:".length),
        visibility,
      };
    }
    if (!latest?.platformId)
      throw refuse("no_recipient", "There is no customer comment to answer in this thread.");
    if (visibility === "public")
      return { sendAction: "fb_comment", target: latest.platformId, visibility };
    if (Date.now() - latest.createdAt.getTime() > PRIVATE_REPLY_WINDOW_MS) {
      throw refuse(
        "private_reply_window_closed",
        "Facebook allows a private reply to a comment only within 7 days.",
      );
    }
    return { sendAction: "fb_private_reply", target: latest.platformId, visibility };
  }
  if (channel.kind === "community") {
    if (!conversation.communityQuestionId) {
      throw refuse("no_recipient", "There is no community question to answer in this thread.");
    }
    if (visibility === "private") {
      throw refuse(
        "public_reply_unavailable",
        "Community questions are answered in public, as a staff answer.",
      );
    }
    return { sendAction: "community_answer", target: conversation.communityQuestionId, visibility };
  }
  throw refuse("channel_unsupported", `Replies on ${channel.kind} are not supported here.`);
}

/**
 * Queues an agent's reply: validated against the channel's rules now (length, windows),
 * stored as `queued`, and sent by the delivery worker exactly once.
 */
export async function replyToConversation(
  services: Services,
  agent: UserRow,
  conversation: ConversationRow,
  input: ReplyInput,
  actor?: AuditActor,
): Promise<MessageRow> {
  if (!input.text.trim()) throw invalidField("text", "must not be empty");
  // Signed before the channel's length rules are checked: the signature counts too.
  const text =
    input.signature === false ? input.text : appendSignature(input.text, effectiveSignature(agent));
  const plan = await planDelivery(services, conversation, { ...input, text });
  const findings =
    plan.visibility === "public"
      ? await guardPublicReply(
          services,
          conversation.workspaceId,
          input.text,
          input.allowPersonalData === true,
        )
      : [];
  const statusAfter = input.status ?? (conversation.status === "new" ? "open" : undefined);
  const message = await services.inbox.addAgentMessage(
    {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      channelId: conversation.channelId,
      direction: "outbound",
      visibility: plan.visibility,
      authorUserId: agent.id,
      text,
      meta: { target: plan.target },
      sendAction: plan.sendAction,
      deliveryStatus: "queued",
      nextAttemptAt: new Date(),
    },
    statusAfter,
    input.addTags,
    input.seenMessageId
      ? (tx) => checkReplyCollision(services, tx, conversation.id, agent.id, input.seenMessageId!)
      : undefined,
  );
  if (findings.length) {
    await recordAuditEvent(services, actor ?? { id: agent.id, label: agent.email }, {
      workspaceId: conversation.workspaceId,
      action: "personal_data.public_reply_sent",
      targetType: "message",
      targetId: message.id,
      data: {
        conversationId: conversation.id,
        types: [...new Set(findings.map((f) => f.type))],
      },
    });
  }
  services.signals.emit("outbound-queued");
  return message;
}

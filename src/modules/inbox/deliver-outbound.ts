import { FacebookClient } from "../../channels/facebook/client.ts";
import { PlatformError } from "../../channels/platform-error.ts";
import { XClient } from "../../channels/x/client.ts";
import type { ChannelRow, MessageRow } from "../../db/schema/index.ts";
import { openJson } from "../../lib/secret-box.ts";
import type { Services } from "../../server/services.ts";
import { WorkerLoop } from "../../server/worker-loop.ts";
import type { FacebookCredentials, XCredentials } from "../channels/channels.schemas.ts";
import { postStaffAnswer } from "../community/post-staff-answer.ts";

export const MAX_DELIVERY_ATTEMPTS = 5;
const backoffMs = (attempt: number) => Math.min(2 ** attempt * 1000, 5 * 60 * 1000);

/**
 * Performs one platform call for a queued message; returns the platform's id for it, or
 * null for an action that creates nothing on the platform (hiding a comment or reply).
 */
async function send(
  services: Services,
  channel: ChannelRow,
  message: MessageRow,
): Promise<string | null> {
  const target = String(message.meta.target ?? "");
  if (channel.kind === "x") {
    const creds = openJson<XCredentials>(services.config.secretKey, channel.credentials);
    const x = new XClient(channel.apiBaseUrl ?? services.config.xApiBaseUrl, creds.accessToken);
    if (message.sendAction === "x_reply") return x.reply(target, message.text);
    if (message.sendAction === "x_dm") return x.sendDm(target, message.text);
    if (message.sendAction === "x_hide") {
      await x.hideReply(target);
      await markHiddenMessage(services, message);
      return null;
    }
  }
  if (channel.kind === "facebook") {
    const creds = openJson<FacebookCredentials>(services.config.secretKey, channel.credentials);
    const fb = new FacebookClient(
      channel.apiBaseUrl ?? services.config.graphApiBaseUrl,
      channel.externalId,
      creds.pageToken,
    );
    if (message.sendAction === "fb_message") return fb.sendMessage(target, message.text);
    if (message.sendAction === "fb_comment") return fb.replyToComment(target, message.text);
    if (message.sendAction === "fb_private_reply") return fb.privateReply(target, message.text);
    if (message.sendAction === "fb_hide") {
      // Queued by the personal-data policy as an internal note naming the comment.
      await fb.hideComment(target);
      await markHiddenMessage(services, message);
      return null;
    }
  }
  if (channel.kind === "community" && message.sendAction === "community_answer") {
    return postStaffAnswer(services, target, message.authorUserId, message.text);
  }
  throw new PlatformError(`hilft cannot send "${message.sendAction}" on ${channel.kind}`, false);
}

/** A hide action is queued as an internal note naming the customer's message it hides. */
async function markHiddenMessage(services: Services, note: MessageRow): Promise<void> {
  const hidden = String(note.meta.messageId ?? "");
  if (hidden) await services.inbox.markHidden(hidden);
}

/**
 * Sends queued replies. Retries only what certainly did not reach the platform, with
 * backoff; anything else ends `failed` with the reason shown on the message, so nothing
 * is ever sent twice.
 */
export function createDeliveryWorker(services: Services): WorkerLoop {
  const tick = async () => {
    const batch = await services.inbox.claimOutbound(20);
    for (const message of batch) {
      const channel = await services.inbox.findChannel(message.channelId);
      try {
        if (channel?.status !== "active") {
          throw new PlatformError("the channel is disconnected", false);
        }
        const platformId = await send(services, channel, message);
        await services.inbox.markSent(message, platformId);
        // An agent's reply stops the first-response clock; automatic replies do not.
        if (message.authorUserId)
          await services.serviceLevels.markFirstResponse(services.db, [
            { conversationId: message.conversationId, at: services.clock.now() },
          ]);
      } catch (err) {
        const e =
          err instanceof PlatformError ? err : new PlatformError((err as Error).message, false);
        if (e.retryable && message.deliveryAttempts < MAX_DELIVERY_ATTEMPTS) {
          const wait = e.retryAfterMs ?? backoffMs(message.deliveryAttempts);
          await services.inbox.markDeliveryRetry(
            message.id,
            e.message,
            new Date(Date.now() + wait),
          );
        } else {
          await services.inbox.markDeliveryFailed(message.id, e.message);
        }
        services.log.warn(
          { messageId: message.id, retryable: e.retryable, err: e.message },
          "delivery failed",
        );
      }
      await services.realtime.publish({
        workspaceId: message.workspaceId,
        type: "message.updated",
        conversationId: message.conversationId,
        messageId: message.id,
      });
    }
    return batch.length;
  };
  const worker = new WorkerLoop("delivery", tick, services.log, { concurrency: 1, idleMs: 1000 });
  services.signals.on("outbound-queued", () => worker.wake());
  return worker;
}

import type { Db } from "../../db/client.ts";
import { AppError, invalidField } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";

/**
 * Two agents answering the same customer at once is the console's classic accident:
 * the customer gets two replies, sometimes contradicting. The composer tells us the last
 * message its agent saw; if someone else replied after that, we ask before sending
 * (409 `conversation_changed`, naming who). Sending again with `confirm: true` skips
 * the question. Runs inside the reply's transaction with the conversation locked.
 */
export async function checkReplyCollision(
  services: Services,
  tx: Db,
  conversationId: string,
  agentId: string,
  seenMessageId: string,
): Promise<void> {
  const replies = await services.inbox.repliesByOthersSince(
    tx,
    conversationId,
    seenMessageId,
    agentId,
  );
  if (!replies) throw invalidField("seenMessageId", "is not a message of this conversation");
  if (!replies.length) return;
  const names = [...new Set(replies.map((r) => r.authorName))];
  throw new AppError(
    409,
    "conversation_changed",
    `${names.join(", ")} replied while you were writing. Send with "confirm": true to send anyway.`,
    {
      repliedBy: [...new Map(replies.map((r) => [r.authorId, r.authorName])).entries()].map(
        ([id, name]) => ({ id, name }),
      ),
      replies: replies.map((r) => ({
        id: r.id,
        author: r.authorName,
        createdAt: r.createdAt.toISOString(),
      })),
    },
  );
}

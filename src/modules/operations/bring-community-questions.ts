import type { Services } from "../../server/services.ts";
import { applyServiceLevels } from "./apply-service-levels.ts";
import { refreshQueueScores } from "./refresh-queue-scores.ts";

/** A community question without any answer for this long reaches the team's queue. */
export const COMMUNITY_QUEUE_AFTER_MS = 30 * 60_000;

/**
 * Brings unanswered community questions into the inbox: each becomes a conversation on
 * the workspace's community channel, routed and put on the SLA clock like a post on X
 * (the clock starts when the question was asked), scored with its me-too count. An
 * agent's reply to it is posted as a staff answer (deliver-outbound.ts). Safe on several
 * instances: a question is brought in once. Returns how many were brought in.
 */
export async function bringCommunityQuestions(services: Services, limit = 100): Promise<number> {
  const before = new Date(services.clock.now().getTime() - COMMUNITY_QUEUE_AFTER_MS);
  let brought = 0;
  for (const question of await services.queue.unansweredQuestions(before, limit)) {
    const stored = await services.db.transaction(async (tx) => {
      const created = await services.queue.insertQuestionConversation(tx, question);
      if (!created) return null;
      await applyServiceLevels(services, tx, {
        changes: [
          {
            workspaceId: question.workspaceId,
            type: "message.created",
            conversationId: created.conversationId,
            messageId: created.messageId,
          },
        ],
        queued: 0,
      });
      return created;
    });
    if (!stored) continue;
    brought++;
    await refreshQueueScores(services, [stored.conversationId]);
    await services.realtime.publish({
      workspaceId: question.workspaceId,
      type: "message.created",
      conversationId: stored.conversationId,
      messageId: stored.messageId,
    });
  }
  return brought;
}

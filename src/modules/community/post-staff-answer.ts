import { PlatformError } from "../../channels/platform-error.ts";
import type { Services } from "../../server/services.ts";
import { renderPostHtml } from "./render-post.ts";

/**
 * Posts an agent's console reply to a community question as the agent's answer (staff
 * answers carry the team badge on the question page). Called by the delivery worker, so
 * a question deleted or locked in the meantime fails the reply for good, and the agent
 * sees it failed. Returns the answer id.
 */
export async function postStaffAnswer(
  services: Services,
  questionId: string,
  authorUserId: string | null,
  body: string,
): Promise<string> {
  const question = await services.community.posts.findQuestionRow(questionId);
  if (!question || question.deletedAt) {
    throw new PlatformError("The community question was deleted.", false);
  }
  if (question.lockedAt) throw new PlatformError("The community question is locked.", false);
  if (!authorUserId) throw new PlatformError("The reply has no author to answer as.", false);
  const answer = await services.community.posts.createAnswer(
    {
      questionId,
      authorId: authorUserId,
      body,
      bodyHtml: await renderPostHtml(services, question.workspaceId, body),
      pendingReview: false,
    },
    question.workspaceId,
  );
  return answer.id;
}

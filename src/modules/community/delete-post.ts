import type { PostType, UserRow } from "../../db/schema/index.ts";
import { AppError, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { onPostDeleted, onPostRestored } from "../reputation/community-hooks.ts";
import { assertCan, communityPolicy } from "./community.policy.ts";
import type { Tx } from "./community.repository.ts";
import { loadQuestionFor } from "./community-context.ts";

/**
 * Deletes (`deleted: true`) or restores a question, answer or comment. Deleting is soft:
 * the post disappears for everyone but its author and staff, and can be restored by a
 * moderator, or by the author when they deleted it themselves.
 */
export async function setPostDeleted(
  services: Services,
  user: UserRow,
  postType: PostType,
  id: string,
  deleted: boolean,
): Promise<void> {
  const { posts } = services.community;
  const post =
    postType === "question"
      ? await posts.findQuestionRow(id)
      : postType === "answer"
        ? await posts.findAnswer(id)
        : await posts.findComment(id);
  if (!post || !communityPolicy.canSee(user, post)) throw notFound(label(postType));
  const question =
    postType === "question"
      ? (post as { workspaceId: string })
      : await loadQuestionFor(services, user, (post as { questionId: string }).questionId);
  if (deleted) {
    assertCan(
      communityPolicy.canDelete(user, post),
      "Only the author or a moderator can delete this.",
    );
    if (post.deletedAt)
      throw new AppError(409, "already_deleted", `${label(postType)} is already deleted.`);
  } else {
    assertCan(
      communityPolicy.canRestore(user, post),
      "Only a moderator, or the author who deleted it, can restore this.",
    );
    if (!post.deletedAt)
      throw new AppError(409, "not_deleted", `${label(postType)} is not deleted.`);
  }
  const patch = { deletedAt: deleted ? new Date() : null, deletedById: deleted ? user.id : null };
  // Deleting takes back what the post earned anyone, restoring books it again, in the
  // same transaction as the change.
  const reputation = async (tx: Tx) => {
    const input = { workspaceId: question.workspaceId, postType, postId: id, byId: user.id };
    if (deleted) await onPostDeleted(services, tx, input);
    else await onPostRestored(services, tx, input);
  };
  if (postType === "question") await posts.updateQuestion(id, patch, reputation);
  else if (postType === "comment") await posts.updateComment(id, patch);
  else if (deleted) await posts.setAnswerDeleted(post as never, user.id, reputation);
  else await posts.updateAnswer(id, patch, reputation);
}

const label = (t: PostType) => ({ question: "Question", answer: "Answer", comment: "Comment" })[t];

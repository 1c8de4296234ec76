import type { PostType } from "../../../db/schema/index.ts";
import type { Services } from "../../../server/services.ts";
import { notifyMentions } from "./notify-post.ts";

/**
 * A held post that a moderator published sends what it would have sent when posted:
 * a question tells the followers of its board and tags, an answer the question's
 * followers, and every post the people it mentions. Called once per post, when the
 * review decision actually published it (ModerationRepository.resolve).
 */
export async function notifyPublishedPost(
  services: Services,
  post: { postType: PostType; postId: string },
): Promise<void> {
  const { posts, follows } = services.community;
  const row =
    post.postType === "question"
      ? await posts.findQuestionRow(post.postId)
      : post.postType === "answer"
        ? await posts.findAnswer(post.postId)
        : await posts.findComment(post.postId);
  if (!row || row.pendingReview || row.deletedAt || row.hiddenAt) return;
  const author = await services.accounts.findUserById(row.authorId);
  if (!author) return;
  let text = row.body;
  let questionId: string;
  let answerId: string | null = null;
  if ("title" in row) {
    questionId = row.id;
    text = `${row.title}\n${row.body}`;
    await follows.notifyNewQuestion(row);
  } else if ("answerId" in row) {
    questionId = row.questionId;
    answerId = row.answerId;
  } else {
    questionId = row.questionId;
    answerId = row.id;
    await follows.notifyNewAnswer(row);
  }
  await notifyMentions(services, author, {
    questionId,
    answerId,
    postId: row.id,
    pendingReview: false,
    before: "",
    after: text,
  });
}

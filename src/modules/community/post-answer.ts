import type { AnswerRow, CommentRow, UserRow } from "../../db/schema/index.ts";
import { invalidField, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { assertPrivilege } from "../reputation/check-privilege.ts";
import { assertOpenForContributions, communityPolicy } from "./community.policy.ts";
import { loadQuestionFor, mustHoldForReview } from "./community-context.ts";
import { notifyMentions } from "./notifications/notify-post.ts";
import { renderPostHtml } from "./render-post.ts";

/**
 * A member who answers (staff reply through the console, which sets the status) helps
 * the asker: the question's inbox conversation no longer waits on the team. Called when
 * the answer is published: at once, or when a moderator approves it after review.
 */
export async function solveByMemberAnswer(
  services: Services,
  question: { id: string; authorId: string },
  author: Pick<UserRow, "id" | "role">,
): Promise<void> {
  if (author.role === "customer" && author.id !== question.authorId) {
    await services.queue.solveQuestionConversation(question.id, services.clock.now());
  }
}

/** Answers a question; the answerer follows it. */
export async function postAnswer(
  services: Services,
  user: UserRow,
  questionId: string,
  body: string,
): Promise<AnswerRow> {
  const question = await loadQuestionFor(services, user, questionId);
  assertOpenForContributions(question);
  const pendingReview = await mustHoldForReview(services, user, body);
  const answer = await services.community.posts.createAnswer(
    {
      questionId,
      authorId: user.id,
      body,
      bodyHtml: await renderPostHtml(services, question.workspaceId, body),
      pendingReview,
    },
    question.workspaceId,
  );
  if (!answer.pendingReview) await solveByMemberAnswer(services, question, user);
  await notifyMentions(services, user, {
    questionId,
    answerId: answer.id,
    postId: answer.id,
    pendingReview: answer.pendingReview,
    before: "",
    after: body,
  });
  return answer;
}

/** Comments on a question, or on one of its answers when `answerId` is given. */
export async function addComment(
  services: Services,
  user: UserRow,
  target: { questionId?: string; answerId?: string },
  body: string,
): Promise<CommentRow> {
  let questionId = target.questionId;
  let answerAuthorId: string | null = null;
  if (target.answerId) {
    const answer = await services.community.posts.findAnswer(target.answerId);
    if (!answer || !communityPolicy.canSee(user, answer)) throw notFound("Answer");
    questionId = answer.questionId;
    answerAuthorId = answer.authorId;
  }
  if (!questionId) throw invalidField("questionId", "is required");
  const question = await loadQuestionFor(services, user, questionId);
  assertOpenForContributions(question);
  // Everyone may comment under their own question and their own answers; elsewhere
  // commenting is a privilege earned with reputation.
  if (question.authorId !== user.id && answerAuthorId !== user.id) {
    await assertPrivilege(services, user, "commentEverywhere");
  }
  const pendingReview = await mustHoldForReview(services, user, body);
  const comment = await services.community.posts.createComment(
    {
      questionId,
      answerId: target.answerId ?? null,
      authorId: user.id,
      body,
      bodyHtml: await renderPostHtml(services, question.workspaceId, body),
      pendingReview,
    },
    question.workspaceId,
  );
  await notifyMentions(services, user, {
    questionId,
    answerId: comment.answerId,
    postId: comment.id,
    pendingReview: comment.pendingReview,
    before: "",
    after: body,
  });
  return comment;
}

import type { AnswerRow, CommentRow, QuestionRow, UserRow } from "../../db/schema/index.ts";
import { invalidField, notFound } from "../../lib/errors.ts";
import { detectSearchConfig } from "../../lib/search-text.ts";
import { normalizeTags } from "../../lib/slug.ts";
import type { Services } from "../../server/services.ts";
import { hasPrivilege } from "../reputation/check-privilege.ts";
import { assertCan, communityPolicy } from "./community.policy.ts";
import type { TUpdateQuestionRequest } from "./community.schemas.ts";
import { loadQuestionFor } from "./community-context.ts";
import { findBoard } from "./find-board.ts";
import { notifyMentions } from "./notifications/notify-post.ts";
import { renderPostHtml } from "./render-post.ts";

const EDIT_DENIED =
  "Only the author (while the post is live and the question is not locked) or the team can edit this.";

/**
 * Authors and staff edit by the community's policy; members with the `editOthers`
 * reputation privilege also edit other people's live posts on unlocked questions.
 */
async function mayEdit(
  services: Services,
  user: UserRow,
  post: Pick<QuestionRow, "authorId" | "deletedAt" | "deletedById" | "hiddenAt">,
  question: Pick<QuestionRow, "lockedAt">,
): Promise<boolean> {
  if (communityPolicy.canEdit(user, post, question)) return true;
  if (post.deletedAt || post.hiddenAt || question.lockedAt) return false;
  return hasPrivilege(services, user, "editOthers");
}

/** Edits a question, keeping the previous title, body and tags as a revision. */
export async function editQuestion(
  services: Services,
  user: UserRow,
  id: string,
  input: TUpdateQuestionRequest,
): Promise<QuestionRow> {
  const question = await loadQuestionFor(services, user, id);
  assertCan(await mayEdit(services, user, question, question), EDIT_DENIED);
  let boardId: string | undefined;
  if (input.board !== undefined) {
    const board = await findBoard(services, question.workspaceId, input.board);
    if (!board) throw invalidField("board", "is not a board of this community");
    boardId = board.id;
  }
  const title = input.title?.trim() ?? question.title;
  const body = input.body ?? question.body;
  const edited = await services.community.posts.editQuestion(question, user.id, {
    title,
    body,
    bodyHtml: await renderPostHtml(services, question.workspaceId, body),
    tags: input.tags ? normalizeTags(input.tags) : question.tags,
    language: detectSearchConfig(`${title}\n${body}`, question.language as "german"),
    ...(boardId ? { boardId } : {}),
  });
  await notifyMentions(services, user, {
    questionId: question.id,
    answerId: null,
    postId: question.id,
    pendingReview: edited.pendingReview,
    before: `${question.title}\n${question.body}`,
    after: `${edited.title}\n${edited.body}`,
  });
  return edited;
}

export async function editAnswer(
  services: Services,
  user: UserRow,
  id: string,
  body: string,
): Promise<AnswerRow> {
  const answer = await services.community.posts.findAnswer(id);
  if (!answer) throw notFound("Answer");
  const question = await loadQuestionFor(services, user, answer.questionId);
  if (!communityPolicy.canSee(user, answer)) throw notFound("Answer");
  assertCan(await mayEdit(services, user, answer, question), EDIT_DENIED);
  const edited = await services.community.posts.editAnswer(answer, user.id, {
    body,
    bodyHtml: await renderPostHtml(services, question.workspaceId, body),
  });
  await notifyMentions(services, user, {
    questionId: answer.questionId,
    answerId: answer.id,
    postId: answer.id,
    pendingReview: edited.pendingReview,
    before: answer.body,
    after: edited.body,
  });
  return edited;
}

export async function editComment(
  services: Services,
  user: UserRow,
  id: string,
  body: string,
): Promise<CommentRow> {
  const comment = await services.community.posts.findComment(id);
  if (!comment) throw notFound("Comment");
  const question = await loadQuestionFor(services, user, comment.questionId);
  if (!communityPolicy.canSee(user, comment)) throw notFound("Comment");
  assertCan(await mayEdit(services, user, comment, question), EDIT_DENIED);
  const edited = await services.community.posts.editComment(comment, user.id, {
    body,
    bodyHtml: await renderPostHtml(services, question.workspaceId, body),
  });
  await notifyMentions(services, user, {
    questionId: comment.questionId,
    answerId: comment.answerId,
    postId: comment.id,
    pendingReview: edited.pendingReview,
    before: comment.body,
    after: edited.body,
  });
  return edited;
}

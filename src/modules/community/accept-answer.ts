import type { QuestionRow, UserRow } from "../../db/schema/index.ts";
import { AppError, invalidField, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { onAcceptChanged } from "../reputation/community-hooks.ts";
import { assertCan, communityPolicy } from "./community.policy.ts";
import { loadQuestionFor } from "./community-context.ts";

/**
 * The asker or staff accept one answer of the question; accepting another replaces
 * it. The question becomes solved and shows the answer first, with who accepted it.
 */
export async function acceptAnswer(
  services: Services,
  user: UserRow,
  questionId: string,
  answerId: string,
): Promise<QuestionRow> {
  const question = await loadQuestionFor(services, user, questionId);
  assertCan(
    communityPolicy.canAccept(user, question),
    "Only the person who asked, or the team, can accept an answer.",
  );
  const answer = await services.community.posts.findAnswer(answerId);
  if (!answer || answer.questionId !== question.id) {
    throw invalidField("answerId", "is not an answer to this question");
  }
  if (answer.deletedAt || answer.hiddenAt || answer.pendingReview) {
    throw new AppError(409, "answer_not_public", "Only a published answer can be accepted.");
  }
  return services.community.engagement.accept(question.id, answer.id, user.id, (tx, row) =>
    onAcceptChanged(services, tx, {
      workspaceId: question.workspaceId,
      questionId: question.id,
      askerId: question.authorId,
      accepterId: user.id,
      answer: { id: answer.id, authorId: answer.authorId },
      acceptedAt: row.acceptedAt,
    }),
  );
}

export async function unacceptAnswer(
  services: Services,
  user: UserRow,
  questionId: string,
): Promise<QuestionRow> {
  const question = await loadQuestionFor(services, user, questionId);
  assertCan(
    communityPolicy.canAccept(user, question),
    "Only the person who asked, or the team, can change the accepted answer.",
  );
  if (!question.acceptedAnswerId) throw notFound("An accepted answer");
  return services.community.engagement.unaccept(question.id, (tx) =>
    onAcceptChanged(services, tx, {
      workspaceId: question.workspaceId,
      questionId: question.id,
      askerId: question.authorId,
      accepterId: user.id,
      answer: null,
      acceptedAt: null,
    }),
  );
}

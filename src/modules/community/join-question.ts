import type { UserRow } from "../../db/schema/index.ts";
import { AppError, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { refreshQueueScores } from "../operations/refresh-queue-scores.ts";
import { onMeTooChanged } from "../reputation/community-hooks.ts";
import { ownPost } from "./community.policy.ts";
import { loadQuestionFor } from "./community-context.ts";

export interface MeTooResult {
  meTooCount: number;
  meToo: boolean;
  following: boolean;
}

/**
 * "Me too": the person has the same question. It counts once per person, raises the
 * question's priority and subscribes them to it. The asker cannot join their own.
 */
export async function joinQuestion(
  services: Services,
  user: UserRow,
  id: string,
): Promise<MeTooResult> {
  const question = await loadQuestionFor(services, user, id);
  if (question.authorId === user.id) throw ownPost("join (me too)");
  if (question.deletedAt) throw new AppError(409, "question_deleted", "This question was deleted.");
  // Joining a duplicate means joining the original, where the answers will be.
  const targetId =
    question.status === "duplicate" && question.duplicateOfId ? question.duplicateOfId : id;
  const target =
    targetId === id ? question : (await services.community.posts.findQuestionRow(targetId))!;
  const added = await services.community.engagement.addMeToo(targetId, user.id, (tx) =>
    onMeTooChanged(services, tx, {
      workspaceId: target.workspaceId,
      questionId: target.id,
      askerId: target.authorId,
      joinerId: user.id,
      joined: true,
    }),
  );
  if (!added)
    throw new AppError(409, "already_joined", "You have already said you have this question too.");
  await refreshQuestionInQueue(services, targetId);
  return status(services, targetId, user.id);
}

export async function leaveQuestion(
  services: Services,
  user: UserRow,
  id: string,
): Promise<MeTooResult> {
  const question = await loadQuestionFor(services, user, id);
  const removed = await services.community.engagement.removeMeToo(id, user.id, (tx) =>
    onMeTooChanged(services, tx, {
      workspaceId: question.workspaceId,
      questionId: id,
      askerId: question.authorId,
      joinerId: user.id,
      joined: false,
    }),
  );
  if (!removed) throw notFound("Your me-too");
  await refreshQuestionInQueue(services, id);
  return status(services, id, user.id);
}

/** Me-toos weigh in the queue score of the question's inbox conversation: at once. */
async function refreshQuestionInQueue(services: Services, questionId: string): Promise<void> {
  await refreshQueueScores(services, await services.queue.conversationsOfQuestion(questionId));
}

async function status(
  services: Services,
  questionId: string,
  userId: string,
): Promise<MeTooResult> {
  const [q, meToo, following] = await Promise.all([
    services.community.posts.findQuestionRow(questionId),
    services.community.engagement.hasMeToo(questionId, userId),
    services.community.engagement.isFollowing(questionId, userId),
  ]);
  return { meTooCount: q!.meTooCount, meToo, following };
}

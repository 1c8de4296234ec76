import type { QuestionRow, UserRow } from "../../db/schema/index.ts";
import { AppError, invalidField } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { hasPrivilege } from "../reputation/check-privilege.ts";
import { assertCan, communityPolicy, isStaff } from "./community.policy.ts";
import type { TCloseRequest } from "./community.schemas.ts";
import { loadQuestionFor } from "./community-context.ts";

/**
 * Closes a question: as a duplicate of another (staff and trusted members; me-too
 * people and followers move to the original, answers stay) or simply closed (staff).
 */
export async function closeQuestion(
  services: Services,
  user: UserRow,
  id: string,
  input: TCloseRequest,
): Promise<QuestionRow> {
  // Trusted members, and members with the reputation privilege, close duplicates.
  const trusted = await hasPrivilege(services, user, "closeDuplicate");
  const question = await loadQuestionFor(services, user, id);
  if (input.reason === "closed") {
    assertCan(isStaff(user.role), "Only the team can close questions.");
    const row = await services.community.posts.updateQuestion(question.id, {
      status: "closed",
      closedById: user.id,
      closedAt: new Date(),
      closeReason: input.closeReason ?? "other",
      closeNote: input.note || null,
    });
    return row!;
  }
  assertCan(
    communityPolicy.canCloseAsDuplicate(user, trusted),
    "Only the team and trusted members can close a question as a duplicate.",
  );
  if (input.duplicateOf === question.id) {
    throw invalidField("duplicateOf", "must be another question");
  }
  if (question.status === "duplicate") {
    throw new AppError(409, "already_duplicate", "This question is already closed as a duplicate.");
  }
  let target = await services.community.posts.findQuestionRow(input.duplicateOf);
  // Point at the original, never at another duplicate.
  const seen = new Set([question.id]);
  while (target?.status === "duplicate" && target.duplicateOfId && !seen.has(target.id)) {
    seen.add(target.id);
    target = await services.community.posts.findQuestionRow(target.duplicateOfId);
  }
  if (
    !target ||
    target.workspaceId !== question.workspaceId ||
    !communityPolicy.canSee(null, target) ||
    seen.has(target.id)
  ) {
    throw invalidField("duplicateOf", "is not a public question of this community");
  }
  return services.community.engagement.closeAsDuplicate(question, target, user.id);
}

/** Staff reopen a closed or duplicate question. */
export async function reopenQuestion(
  services: Services,
  user: UserRow,
  id: string,
): Promise<QuestionRow> {
  const question = await loadQuestionFor(services, user, id);
  assertCan(isStaff(user.role), "Only the team can reopen questions.");
  return reopen(services, question);
}

/**
 * The asker objects to the duplicate closure: the question opens again and a review
 * item asks a moderator to look at it.
 */
export async function objectToDuplicate(
  services: Services,
  user: UserRow,
  id: string,
  note: string | undefined,
): Promise<QuestionRow> {
  const question = await loadQuestionFor(services, user, id);
  assertCan(question.authorId === user.id, "Only the person who asked can object to the closure.");
  if (question.status !== "duplicate") {
    throw new AppError(409, "not_duplicate", "This question is not closed as a duplicate.");
  }
  const row = await reopen(services, question);
  await services.community.moderation.createFlag({
    workspaceId: question.workspaceId,
    postType: "question",
    postId: question.id,
    questionId: question.id,
    reporterId: user.id,
    reason: "duplicate",
    kind: "duplicate_objection",
    note: note ?? null,
  });
  return row;
}

async function reopen(services: Services, question: QuestionRow): Promise<QuestionRow> {
  if (question.status === "open" || question.status === "solved") {
    throw new AppError(409, "not_closed", "This question is not closed.");
  }
  const row = await services.community.posts.updateQuestion(question.id, {
    status: question.acceptedAnswerId ? "solved" : "open",
    duplicateOfId: null,
    closedById: null,
    closedAt: null,
    closeReason: null,
    closeNote: null,
  });
  return row!;
}

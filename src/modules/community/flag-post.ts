import type { FlagRow, UserRow } from "../../db/schema/index.ts";
import { AppError, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { assertPrivilege } from "../reputation/check-privilege.ts";
import { onRemovedAsSpam } from "../reputation/community-hooks.ts";
import { assertCan, communityPolicy } from "./community.policy.ts";
import type { TCreateFlagRequest } from "./community.schemas.ts";
import { loadQuestionFor } from "./community-context.ts";
import { notifyPublishedPost } from "./notifications/notify-published.ts";
import { solveByMemberAnswer } from "./post-answer.ts";

/** A member reports a post to the moderators; one open flag per person and post. */
export async function flagPost(
  services: Services,
  user: UserRow,
  input: TCreateFlagRequest,
): Promise<FlagRow> {
  await assertPrivilege(services, user, "flag");
  const { posts } = services.community;
  const post =
    input.postType === "question"
      ? await posts.findQuestionRow(input.postId)
      : input.postType === "answer"
        ? await posts.findAnswer(input.postId)
        : await posts.findComment(input.postId);
  if (!post || !communityPolicy.canSee(user, post)) throw notFound("Post");
  const questionId = "questionId" in post ? post.questionId : post.id;
  const question = await loadQuestionFor(services, user, questionId);
  const flag = await services.community.moderation.createFlag({
    workspaceId: question.workspaceId,
    postType: input.postType,
    postId: input.postId,
    questionId,
    reporterId: user.id,
    reason: input.reason,
    kind: "flag",
    note: input.note ?? null,
  });
  if (!flag) throw new AppError(409, "already_flagged", "You have already reported this post.");
  return flag;
}

/** A moderator decides on a review item: hide, lock, dismiss or approve (held posts). */
export async function resolveFlag(
  services: Services,
  user: UserRow,
  id: string,
  action: "hide" | "lock" | "dismiss" | "approve",
): Promise<FlagRow> {
  assertCan(communityPolicy.canModerate(user), "Only moderators work the review queue.");
  const flag = await services.community.moderation.findFlag(id);
  const workspaceOk = flag && flag.workspaceId === user.workspaceId;
  if (!flag || !workspaceOk) throw notFound("Review item");
  if (flag.status !== "open")
    throw new AppError(409, "already_resolved", "This item was already resolved.");
  const { posts } = services.community;
  const post =
    flag.postType === "question"
      ? await posts.findQuestionRow(flag.postId)
      : flag.postType === "answer"
        ? await posts.findAnswer(flag.postId)
        : await posts.findComment(flag.postId);
  const { published } = await services.community.moderation.resolve(
    flag,
    action,
    user.id,
    async (tx, resolved) => {
      // Hiding a post that was reported as spam is removing it as spam: it costs points.
      if (action !== "hide" || !post || !resolved.some((f) => f.reason === "spam")) return;
      await onRemovedAsSpam(services, tx, {
        workspaceId: flag.workspaceId,
        postType: flag.postType,
        postId: flag.postId,
        questionId: flag.questionId,
        authorId: post.authorId,
        byId: user.id,
      });
    },
  );
  if (published) {
    await notifyPublishedPost(services, flag);
    // An answer published by review helps the asker as one posted straight away does.
    const question =
      flag.postType === "answer" ? await posts.findQuestionRow(flag.questionId) : null;
    const author = question && post ? await services.accounts.findUserById(post.authorId) : null;
    if (question && author) await solveByMemberAnswer(services, question, author);
  }
  return (await services.community.moderation.findFlag(id))!;
}

/** Staff hide or lock a question directly. */
export async function moderateQuestion(
  services: Services,
  user: UserRow,
  id: string,
  input: { hidden?: boolean | undefined; locked?: boolean | undefined },
) {
  assertCan(communityPolicy.canModerate(user), "Only moderators can hide or lock questions.");
  const question = await loadQuestionFor(services, user, id);
  const patch: { hiddenAt?: Date | null; lockedAt?: Date | null } = {};
  if (input.hidden !== undefined)
    patch.hiddenAt = input.hidden ? (question.hiddenAt ?? new Date()) : null;
  if (input.locked !== undefined)
    patch.lockedAt = input.locked ? (question.lockedAt ?? new Date()) : null;
  return (await services.community.posts.updateQuestion(id, patch))!;
}

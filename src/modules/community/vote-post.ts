import type { UserRow } from "../../db/schema/index.ts";
import { AppError, invalidField, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { assertMayVote } from "../reputation/check-vote.ts";
import { checkSharedOrigin, onVoteChanged } from "../reputation/community-hooks.ts";
import { assertOpenForContributions, communityPolicy, ownPost } from "./community.policy.ts";
import { loadQuestionFor } from "./community-context.ts";

export interface VoteResult {
  upvotes: number;
  downvotes: number;
  score: number;
  myVote: number | null;
}

async function loadVotable(
  services: Services,
  user: UserRow,
  postType: "question" | "answer",
  id: string,
) {
  if (postType === "question") {
    const question = await loadQuestionFor(services, user, id);
    return { post: question, question };
  }
  const answer = await services.community.posts.findAnswer(id);
  if (!answer || !communityPolicy.canSee(user, answer)) throw notFound("Answer");
  const question = await loadQuestionFor(services, user, answer.questionId);
  return { post: answer, question };
}

/**
 * One vote per person and post: up or down on answers, only up on questions. Sending
 * the same vote again is a 409 (`already_voted`); sending the other value changes it.
 * Your own posts are not votable (403 `own_post`). Reputation's fair-play rules apply
 * first (privilege, daily limits, the vote lock); points are booked in the same
 * transaction as the vote. `origins` (hashed IP and device) feed the sockpuppet check.
 */
export async function votePost(
  services: Services,
  user: UserRow,
  postType: "question" | "answer",
  id: string,
  value: 1 | -1,
  origins: string[] = [],
): Promise<VoteResult> {
  if (postType === "question" && value !== 1) {
    throw invalidField("value", "questions take only up-votes (1)");
  }
  const { post, question } = await loadVotable(services, user, postType, id);
  if (post.authorId === user.id) throw ownPost("vote on");
  assertOpenForContributions(question);
  const target = {
    workspaceId: question.workspaceId,
    postType,
    postId: id,
    questionId: question.id,
  };
  await assertMayVote(services, user, { ...target, id, authorId: post.authorId }, value);
  const outcome = await services.community.engagement.castVote(
    postType,
    id,
    user.id,
    value,
    async (tx) => {
      const voter = { authorId: post.authorId, voterId: user.id };
      await onVoteChanged(services, tx, { ...target, ...voter, value });
      await checkSharedOrigin(services, tx, { ...target, ...voter, origins });
    },
  );
  if (outcome === "unchanged") {
    throw new AppError(
      409,
      "already_voted",
      "You have already cast this vote; change or remove it.",
    );
  }
  return tally(services, postType, id, value);
}

export async function removeVote(
  services: Services,
  user: UserRow,
  postType: "question" | "answer",
  id: string,
): Promise<VoteResult> {
  const { post, question } = await loadVotable(services, user, postType, id);
  const target = {
    workspaceId: question.workspaceId,
    postType,
    postId: id,
    questionId: question.id,
  };
  await assertMayVote(services, user, { ...target, id, authorId: post.authorId }, null);
  const removed = await services.community.engagement.removeVote(postType, id, user.id, (tx) =>
    onVoteChanged(services, tx, {
      ...target,
      authorId: post.authorId,
      voterId: user.id,
      value: null,
    }),
  );
  if (!removed) {
    throw notFound("Your vote");
  }
  return tally(services, postType, id, null);
}

async function tally(
  services: Services,
  postType: "question" | "answer",
  id: string,
  myVote: number | null,
): Promise<VoteResult> {
  if (postType === "question") {
    const q = await services.community.posts.findQuestionRow(id);
    return { upvotes: q!.upvotes, downvotes: 0, score: q!.upvotes, myVote };
  }
  const a = await services.community.posts.findAnswer(id);
  return { upvotes: a!.upvotes, downvotes: a!.downvotes, score: a!.upvotes - a!.downvotes, myVote };
}

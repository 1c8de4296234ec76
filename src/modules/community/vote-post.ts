import type { UserRow } from "../../db/schema/index.ts";
import { AppError, invalidField, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
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
 * Your own posts are not votable (403 `own_post`).
 */
export async function votePost(
  services: Services,
  user: UserRow,
  postType: "question" | "answer",
  id: string,
  value: 1 | -1,
): Promise<VoteResult> {
  if (postType === "question" && value !== 1) {
    throw invalidField("value", "questions take only up-votes (1)");
  }
  const { post, question } = await loadVotable(services, user, postType, id);
  if (post.authorId === user.id) throw ownPost("vote on");
  assertOpenForContributions(question);
  const outcome = await services.community.engagement.castVote(postType, id, user.id, value);
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
  await loadVotable(services, user, postType, id);
  if (!(await services.community.engagement.removeVote(postType, id, user.id))) {
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

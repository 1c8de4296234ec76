import { sql } from "drizzle-orm";
import { flags, type PostType } from "../../db/schema/index.ts";
import type { Services } from "../../server/services.ts";
import type { Executor } from "../community/community.repository.ts";
import { rowsOf } from "../community/community.repository.ts";
import { ACCEPT_KINDS, VOTE_KINDS } from "./ledger.repository.ts";
import { recordCommunityEvent, reverseActivity } from "./record-community-event.ts";

/**
 * The small calls community operations make inside their own transaction, so points
 * and the action commit together. Each first reverses what the previous state earned,
 * then books the new state: changing a vote, an accepted answer or a me-too is always
 * "undo, then do".
 */

const ms = (v: Date | string) => new Date(v).getTime();

/** A vote was cast, changed (value) or removed (null). */
export async function onVoteChanged(
  services: Services,
  tx: Executor,
  input: {
    workspaceId: string;
    postType: "question" | "answer";
    postId: string;
    questionId: string;
    authorId: string;
    voterId: string;
    value: 1 | -1 | null;
  },
): Promise<void> {
  await reverseActivity(
    services,
    tx,
    input.workspaceId,
    { postId: input.postId, actorId: input.voterId, kinds: VOTE_KINDS },
    input.value === null ? "vote removed" : "vote changed",
    input.voterId,
  );
  if (input.value === null) return;
  const [vote] = rowsOf<{ created_at: Date | string }>(
    await tx.execute(sql`SELECT created_at FROM community_votes WHERE post_type = ${input.postType}
      AND post_id = ${input.postId} AND user_id = ${input.voterId}`),
  );
  await recordCommunityEvent(
    services,
    tx,
    {
      type: "vote",
      postType: input.postType,
      value: input.value,
      authorId: input.authorId,
      voterId: input.voterId,
    },
    {
      workspaceId: input.workspaceId,
      causeKey: `vote:${input.postType}:${input.postId}:${input.voterId}:${ms(vote!.created_at)}`,
      actorId: input.voterId,
      postType: input.postType,
      postId: input.postId,
      questionId: input.questionId,
    },
  );
}

/** The accepted answer of a question was set (answer) or cleared (null). */
export async function onAcceptChanged(
  services: Services,
  tx: Executor,
  input: {
    workspaceId: string;
    questionId: string;
    askerId: string;
    accepterId: string;
    answer: { id: string; authorId: string } | null;
    acceptedAt: Date | null;
  },
): Promise<void> {
  await reverseActivity(
    services,
    tx,
    input.workspaceId,
    { questionId: input.questionId, kinds: ACCEPT_KINDS },
    input.answer ? "another answer accepted" : "answer no longer accepted",
    input.accepterId,
  );
  if (!input.answer) return;
  await recordCommunityEvent(
    services,
    tx,
    {
      type: "accept",
      answerAuthorId: input.answer.authorId,
      accepterId: input.accepterId,
      askerId: input.askerId,
    },
    {
      workspaceId: input.workspaceId,
      causeKey: `accept:${input.answer.id}:${ms(input.acceptedAt ?? new Date())}`,
      actorId: input.accepterId,
      postType: "answer",
      postId: input.answer.id,
      questionId: input.questionId,
    },
  );
}

/** Someone joined (me too) or left a question. */
export async function onMeTooChanged(
  services: Services,
  tx: Executor,
  input: {
    workspaceId: string;
    questionId: string;
    askerId: string;
    joinerId: string;
    joined: boolean;
  },
): Promise<void> {
  if (!input.joined) {
    await reverseActivity(
      services,
      tx,
      input.workspaceId,
      { postId: input.questionId, actorId: input.joinerId, kinds: ["me_too"] },
      "me-too withdrawn",
      input.joinerId,
    );
    return;
  }
  const [row] = rowsOf<{ created_at: Date | string }>(
    await tx.execute(sql`SELECT created_at FROM community_me_toos
      WHERE question_id = ${input.questionId} AND user_id = ${input.joinerId}`),
  );
  await recordCommunityEvent(
    services,
    tx,
    { type: "me_too", askerId: input.askerId, joinerId: input.joinerId },
    {
      workspaceId: input.workspaceId,
      causeKey: `me_too:${input.questionId}:${input.joinerId}:${ms(row!.created_at)}`,
      actorId: input.joinerId,
      postType: "question",
      postId: input.questionId,
      questionId: input.questionId,
    },
  );
}

/**
 * A question or answer was deleted: everything it earned anyone is reversed (for a
 * question, that includes its answers' votes and the accepted answer).
 */
export async function onPostDeleted(
  services: Services,
  tx: Executor,
  input: { workspaceId: string; postType: PostType; postId: string; byId: string | null },
): Promise<number> {
  if (input.postType === "comment") return 0;
  return reverseActivity(
    services,
    tx,
    input.workspaceId,
    input.postType === "question" ? { questionId: input.postId } : { postId: input.postId },
    `${input.postType} deleted`,
    input.byId,
  );
}

/**
 * A deleted question or answer was restored: what it still carries (votes, me-toos, the
 * accepted answer) is booked again, as new rows; the reversed ones stay as they were.
 */
export async function onPostRestored(
  services: Services,
  tx: Executor,
  input: { workspaceId: string; postType: PostType; postId: string; byId: string },
): Promise<void> {
  if (input.postType === "comment") return;
  const { votes, meToos, accepted } = await services.reputation.ledger.carriedBy(
    tx,
    input.postType,
    input.postId,
  );
  const again = `restored:${Date.now()}`;
  const base = { workspaceId: input.workspaceId };
  for (const v of votes) {
    await recordCommunityEvent(
      services,
      tx,
      {
        type: "vote",
        postType: v.postType,
        value: v.value === 1 ? 1 : -1,
        authorId: v.authorId,
        voterId: v.voterId,
      },
      {
        ...base,
        causeKey: `vote:${v.postType}:${v.postId}:${v.voterId}:${ms(v.castAt)}:${again}`,
        actorId: v.voterId,
        postType: v.postType,
        postId: v.postId,
        questionId: v.questionId,
      },
    );
  }
  for (const m of meToos) {
    await recordCommunityEvent(
      services,
      tx,
      { type: "me_too", askerId: m.askerId, joinerId: m.userId },
      {
        ...base,
        causeKey: `me_too:${input.postId}:${m.userId}:${again}`,
        actorId: m.userId,
        postType: "question",
        postId: input.postId,
        questionId: input.postId,
      },
    );
  }
  if (accepted) {
    await recordCommunityEvent(
      services,
      tx,
      {
        type: "accept",
        answerAuthorId: accepted.answerAuthorId,
        accepterId: accepted.accepterId,
        askerId: accepted.askerId,
      },
      {
        ...base,
        causeKey: `accept:${accepted.answerId}:${again}`,
        actorId: accepted.accepterId,
        postType: "answer",
        postId: accepted.answerId,
        questionId: input.postId,
      },
    );
  }
}

/** A moderator removed a post as spam: what it earned goes, and the author pays the penalty. */
export async function onRemovedAsSpam(
  services: Services,
  tx: Executor,
  input: {
    workspaceId: string;
    postType: PostType;
    postId: string;
    questionId: string;
    authorId: string;
    byId: string;
  },
): Promise<void> {
  await onPostDeleted(services, tx, input);
  await recordCommunityEvent(
    services,
    tx,
    { type: "spam_removed", authorId: input.authorId },
    {
      workspaceId: input.workspaceId,
      causeKey: `spam:${input.postType}:${input.postId}`,
      actorId: input.byId,
      postType: input.postType === "comment" ? null : input.postType,
      postId: input.postId,
      questionId: input.questionId,
    },
  );
}

/**
 * Sockpuppet signal: the voter was seen on the same IP address or device as the post's
 * author. Raises a review item for moderators; nothing is reversed or banned.
 */
export async function checkSharedOrigin(
  services: Services,
  tx: Executor,
  input: {
    workspaceId: string;
    voterId: string;
    authorId: string;
    postType: "question" | "answer";
    postId: string;
    questionId: string;
    origins: string[];
  },
): Promise<boolean> {
  const { ledger } = services.reputation;
  const sharing = await ledger.recordOrigins(tx, input.voterId, input.origins);
  if (!sharing.includes(input.authorId)) return false;
  const note = `Voter ${input.voterId} and author ${input.authorId} were seen on the same IP address or device.`;
  // One open review item per pair is enough for a moderator to look at.
  const open = rowsOf(
    await tx.execute(sql`SELECT 1 FROM community_flags WHERE workspace_id = ${input.workspaceId}
      AND kind = 'sockpuppet_signal' AND status = 'open' AND note = ${note} LIMIT 1`),
  );
  if (open.length) return true;
  await tx
    .insert(flags)
    .values({
      workspaceId: input.workspaceId,
      postType: input.postType,
      postId: input.postId,
      questionId: input.questionId,
      reporterId: null,
      reason: null,
      kind: "sockpuppet_signal",
      note,
    })
    .onConflictDoNothing();
  return true;
}

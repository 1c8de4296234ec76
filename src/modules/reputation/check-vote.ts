import type { UserRow } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import { checkVoteLimits, voteLocked } from "../../lib/reputation/privileges.ts";
import type { Services } from "../../server/services.ts";
import { assertPrivilege } from "./check-privilege.ts";

/**
 * Fair play before a vote is stored: the privilege for its direction, the daily limits
 * (overall and per author), and the lock on votes older than a few minutes.
 */
export async function assertMayVote(
  services: Services,
  user: UserRow,
  post: { postType: "question" | "answer"; id: string; authorId: string; workspaceId: string },
  value: 1 | -1 | null,
  now = new Date(),
): Promise<void> {
  if (value !== null) await assertPrivilege(services, user, value === 1 ? "voteUp" : "voteDown");
  const { ledger } = services.reputation;
  const settings = await ledger.settings(post.workspaceId);
  const existing = await ledger.voteAndEdit(post.postType, post.id, user.id);
  const { votedAt, editedAt } = existing;
  // The same vote again changes nothing; community answers it with 409 already_voted.
  if (votedAt && existing.value === value) return;
  if (votedAt) {
    const locked = voteLocked({
      votedAt,
      lastEditedAt: editedAt,
      now,
      lockMinutes: settings.fairPlay.voteLockMinutes,
    });
    if (locked) {
      throw new AppError(
        409,
        "vote_locked",
        `Votes can be changed for ${settings.fairPlay.voteLockMinutes} minutes, or after the post is edited.`,
      );
    }
    return; // changing or removing an existing vote is not a new vote
  }
  if (value === null) return;
  const dayStart = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const counts = await ledger.votesCastSince(user.id, post.authorId, dayStart);
  const breach = checkVoteLimits(counts, settings.fairPlay);
  if (breach) {
    const message =
      breach.limit === "votes_per_day"
        ? `You can cast ${breach.max} votes a day; try again tomorrow.`
        : `You can vote on ${breach.max} posts by the same person a day; try again tomorrow.`;
    throw new AppError(429, "vote_limit", message, breach);
  }
}

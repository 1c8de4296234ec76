import type { Privilege, TFairPlay, TPrivilegeThresholds } from "./settings.ts";

export interface Standing {
  points: number;
  /** Staff and moderator-trusted members are not held to reputation thresholds. */
  staff: boolean;
  trusted: boolean;
}

/**
 * Trust is a moderator's judgement about someone's own contributions, so it stands in
 * for points there; changing other people's posts and seeing other people's reports
 * need the track record itself.
 */
const TRUST_DOES_NOT_GRANT: ReadonlySet<Privilege> = new Set(["editOthers", "reviewQueue"]);

/** Whether the person has the privilege; null when yes, else what is missing. */
export function missingPrivilege(
  privilege: Privilege,
  standing: Standing,
  thresholds: TPrivilegeThresholds,
): { privilege: Privilege; required: number; points: number } | null {
  if (standing.staff) return null;
  if (standing.trusted && !TRUST_DOES_NOT_GRANT.has(privilege)) return null;
  const required = thresholds[privilege];
  if (standing.points >= required) return null;
  return { privilege, required, points: standing.points };
}

export type VoteLimitBreach =
  | { limit: "votes_per_day"; max: number }
  | { limit: "votes_per_target"; max: number };

/**
 * Daily vote limits, checked before a new vote is stored: how many votes the person
 * cast today overall, and on this author's posts.
 */
export function checkVoteLimits(
  counts: { today: number; todayForTarget: number },
  fairPlay: TFairPlay,
): VoteLimitBreach | null {
  if (counts.today >= fairPlay.votesPerDay)
    return { limit: "votes_per_day", max: fairPlay.votesPerDay };
  if (counts.todayForTarget >= fairPlay.votesPerTargetPerDay)
    return { limit: "votes_per_target", max: fairPlay.votesPerTargetPerDay };
  return null;
}

/**
 * A vote can be changed or taken back only for a few minutes after it was cast, or
 * after the post was edited since (the post someone voted on is no longer the same).
 */
export function voteLocked(input: {
  votedAt: Date;
  lastEditedAt: Date | null;
  now: Date;
  lockMinutes: number;
}): boolean {
  if (input.lastEditedAt && input.lastEditedAt > input.votedAt) return false;
  return input.now.getTime() - input.votedAt.getTime() > input.lockMinutes * 60_000;
}

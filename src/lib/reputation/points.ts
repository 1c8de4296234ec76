import type { TPointRules } from "./settings.ts";

/** What can earn or cost points; each is one kind of ledger row. */
export const LEDGER_KINDS = [
  "answer_upvoted",
  "question_upvoted",
  "answer_downvoted",
  "downvote_cast",
  "answer_accepted",
  "accepted_by_you",
  "me_too",
  "post_removed_as_spam",
  "serial_voting_reversed",
  "reward_redeemed",
  "reward_approved",
  "reward_shipped",
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Something that happened in the community, seen from reputation's side. */
export type CommunityEvent =
  | {
      type: "vote";
      postType: "question" | "answer";
      value: 1 | -1;
      authorId: string;
      voterId: string;
    }
  | { type: "accept"; answerAuthorId: string; accepterId: string; askerId: string }
  | { type: "me_too"; askerId: string; joinerId: string }
  | { type: "spam_removed"; authorId: string };

export interface PointAward {
  userId: string;
  kind: LedgerKind;
  points: number;
}

/**
 * The points an event gives or costs, and to whom. Zero-point awards are dropped, so a
 * workspace can switch a rule off by setting it to 0.
 */
export function pointsFor(event: CommunityEvent, rules: TPointRules): PointAward[] {
  const awards: PointAward[] = [];
  switch (event.type) {
    case "vote":
      if (event.voterId === event.authorId) break; // self-votes never count
      if (event.postType === "question") {
        if (event.value === 1)
          awards.push({
            userId: event.authorId,
            kind: "question_upvoted",
            points: rules.questionUpvoted,
          });
      } else if (event.value === 1) {
        awards.push({
          userId: event.authorId,
          kind: "answer_upvoted",
          points: rules.answerUpvoted,
        });
      } else {
        awards.push({
          userId: event.authorId,
          kind: "answer_downvoted",
          points: rules.answerDownvoted,
        });
        awards.push({ userId: event.voterId, kind: "downvote_cast", points: rules.downvoteCast });
      }
      break;
    case "accept":
      // Accepting your own answer earns nothing: it would be points for free.
      if (event.answerAuthorId === event.accepterId) break;
      awards.push({
        userId: event.answerAuthorId,
        kind: "answer_accepted",
        points: rules.answerAccepted,
      });
      // Only the asker is thanked for closing the loop; staff accept as part of their job.
      if (event.accepterId === event.askerId)
        awards.push({
          userId: event.accepterId,
          kind: "accepted_by_you",
          points: rules.acceptedByYou,
        });
      break;
    case "me_too":
      if (event.joinerId !== event.askerId)
        awards.push({ userId: event.askerId, kind: "me_too", points: rules.meToo });
      break;
    case "spam_removed":
      awards.push({
        userId: event.authorId,
        kind: "post_removed_as_spam",
        points: rules.postRemovedAsSpam,
      });
      break;
  }
  return awards.filter((a) => a.points !== 0);
}

/**
 * Gains that count against the daily cap: everything positive except accepted answers
 * (the rule) and the asker's thank-you for accepting.
 */
export function countsAgainstCap(kind: LedgerKind, points: number): boolean {
  if (points <= 0) return false;
  return kind !== "answer_accepted" && kind !== "accepted_by_you";
}

/**
 * How many of `points` are granted, given what the person already earned today in
 * capped kinds. Losses are never capped; gains stop at the cap and never go below 0.
 */
export function applyDailyCap(points: number, earnedToday: number, cap: number): number {
  if (points <= 0) return points;
  const room = Math.max(0, cap - Math.max(0, earnedToday));
  return Math.min(points, room);
}

/** The UTC calendar day a gain is counted on, as YYYY-MM-DD. */
export function capDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

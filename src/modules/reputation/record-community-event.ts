import { badgesEarned } from "../../lib/reputation/badges.ts";
import {
  applyDailyCap,
  type CommunityEvent,
  capDay,
  countsAgainstCap,
  pointsFor,
} from "../../lib/reputation/points.ts";
import { sortRanks, type TReputationSettings } from "../../lib/reputation/settings.ts";
import type { Services } from "../../server/services.ts";
import type { Executor } from "../community/community.repository.ts";

/** Where a ledger row came from: its unique cause and the post it is about. */
export interface EventCause {
  workspaceId: string;
  /** Unique for this occurrence; the award's kind is appended per person. */
  causeKey: string;
  actorId: string | null;
  postType: "question" | "answer" | null;
  postId: string | null;
  questionId: string | null;
}

/**
 * Books the points an event gives, in the caller's transaction: locks the people in a
 * fixed order, applies the daily cap, appends one row per person (a repeated cause adds
 * nothing), then refreshes totals, ranks and badges.
 */
export async function recordCommunityEvent(
  services: Services,
  tx: Executor,
  event: CommunityEvent,
  cause: EventCause,
  now = new Date(),
): Promise<void> {
  const { ledger } = services.reputation;
  const settings = await ledger.settings(cause.workspaceId, tx);
  const awards = pointsFor(event, settings.points);
  if (!awards.length) return;
  const people = [...new Set(awards.map((a) => a.userId))].sort();
  const baseRank = sortRanks(settings.ranks)[0]!.key;
  for (const id of people) await ledger.lockPerson(tx, id, cause.workspaceId, baseRank);
  const day = capDay(now);
  for (const award of awards) {
    const capped = countsAgainstCap(award.kind, award.points);
    const points = capped
      ? applyDailyCap(
          award.points,
          await ledger.earnedOnDay(tx, award.userId, day),
          settings.dailyCap,
        )
      : award.points;
    await ledger.append(tx, {
      workspaceId: cause.workspaceId,
      userId: award.userId,
      kind: award.kind,
      points,
      uncappedPoints: award.points,
      capDay: capped ? day : null,
      causeKey: `${cause.causeKey}:${award.kind}`,
      actorId: cause.actorId,
      postType: cause.postType,
      postId: cause.postId,
      questionId: cause.questionId,
    });
  }
  await settlePeople(services, tx, cause.workspaceId, people, settings, now);
}

/**
 * Reverses every row that still counts and matches the filter (a vote taken back, a
 * post deleted) with compensating rows; returns how many points went back.
 */
export async function reverseActivity(
  services: Services,
  tx: Executor,
  workspaceId: string,
  filter: Parameters<Services["reputation"]["ledger"]["listActive"]>[1],
  note: string,
  actorId: string | null,
  now = new Date(),
): Promise<number> {
  const { ledger } = services.reputation;
  const rows = await ledger.listActive(tx, filter);
  if (!rows.length) return 0;
  const settings = await ledger.settings(workspaceId, tx);
  const people = [...new Set(rows.map((r) => r.userId))].sort();
  const baseRank = sortRanks(settings.ranks)[0]!.key;
  for (const id of people) await ledger.lockPerson(tx, id, workspaceId, baseRank);
  let total = 0;
  for (const row of rows) {
    if (await ledger.reverse(tx, row, note, actorId)) total += row.points;
  }
  await settlePeople(services, tx, workspaceId, people, settings, now);
  return total;
}

/** After a change: totals and ranks recomputed, rule badges awarded (with a notice). */
export async function settlePeople(
  services: Services,
  tx: Executor,
  workspaceId: string,
  userIds: readonly string[],
  settings: TReputationSettings,
  now = new Date(),
): Promise<void> {
  const { ledger } = services.reputation;
  await ledger.ensureDefaultBadges(tx, workspaceId);
  const ruleBadges = (await ledger.listBadges(workspaceId, tx)).filter((b) => b.rule);
  for (const userId of userIds) {
    const { points } = await ledger.refreshTotal(tx, userId, workspaceId, settings.ranks, now);
    const stats = await ledger.badgeStats(tx, userId, points);
    const earned = badgesEarned(
      ruleBadges.map((b) => ({ key: b.key, rule: b.rule! })),
      stats,
      await ledger.awardedKeys(tx, userId),
    );
    for (const key of earned) {
      const badge = ruleBadges.find((b) => b.key === key)!;
      await ledger.award(tx, { badgeId: badge.id, userId });
    }
  }
}

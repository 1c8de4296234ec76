import { sortRanks, type TRankDefinition } from "./settings.ts";

const DAY_MS = 86_400_000;

/** Whole days since `since`, never negative. */
export function accountAgeDays(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
}

/**
 * The highest rank whose thresholds on points and account age are both met. The lowest
 * rank is everyone's floor, even with negative points, so nobody is shown without one.
 */
export function rankFor(
  points: number,
  ageDays: number,
  ranks: readonly TRankDefinition[],
): TRankDefinition {
  const sorted = sortRanks(ranks);
  let current = sorted[0]!;
  for (const rank of sorted) {
    if (points >= rank.minPoints && ageDays >= rank.minAccountDays) current = rank;
  }
  return current;
}

/** The next rank up and what is still missing for it, or null at the top. */
export function nextRank(
  points: number,
  ageDays: number,
  ranks: readonly TRankDefinition[],
): { rank: TRankDefinition; pointsNeeded: number; daysNeeded: number } | null {
  const sorted = sortRanks(ranks);
  const current = rankFor(points, ageDays, sorted);
  const next = sorted[sorted.indexOf(current) + 1];
  if (!next) return null;
  return {
    rank: next,
    pointsNeeded: Math.max(0, next.minPoints - points),
    daysNeeded: Math.max(0, next.minAccountDays - ageDays),
  };
}

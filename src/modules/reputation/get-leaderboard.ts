import type { Services } from "../../server/services.ts";

export const LEADERBOARD_PERIODS = ["week", "month", "all"] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

/** Monday 00:00 UTC of the week `now` is in. */
export function weekStart(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

/** The first of the month `now` is in, 00:00 UTC. */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export interface LeaderboardEntry {
  position: number;
  userId: string;
  name: string;
  points: number;
  rank: { key: string; name: string };
}

/**
 * Points earned in the period (this week, this month, all time), optionally on one
 * board's questions; staff are left out unless the workspace includes them.
 */
export async function getLeaderboard(
  services: Services,
  workspaceId: string,
  opts: { period: LeaderboardPeriod; boardId: string | null; limit: number },
  now = new Date(),
): Promise<LeaderboardEntry[]> {
  const { ledger } = services.reputation;
  const settings = await ledger.settings(workspaceId);
  const since =
    opts.period === "week" ? weekStart(now) : opts.period === "month" ? monthStart(now) : null;
  const rows = await ledger.leaderboard({
    workspaceId,
    since,
    boardId: opts.boardId,
    includeStaff: settings.leaderboardIncludesStaff,
    limit: opts.limit,
  });
  const rankName = new Map(settings.ranks.map((r) => [r.key, r.name]));
  const base = settings.ranks[0]!;
  return rows.map((r, i) => {
    const key = r.rankKey && rankName.has(r.rankKey) ? r.rankKey : base.key;
    return {
      position: i + 1,
      userId: r.userId,
      name: r.name,
      points: r.points,
      rank: { key, name: rankName.get(key)! },
    };
  });
}

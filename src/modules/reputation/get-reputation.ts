import type { UserRow } from "../../db/schema/index.ts";
import { missingPrivilege } from "../../lib/reputation/privileges.ts";
import { accountAgeDays, nextRank, rankFor } from "../../lib/reputation/ranks.ts";
import { PRIVILEGES } from "../../lib/reputation/settings.ts";
import type { Services } from "../../server/services.ts";
import { isStaff } from "../community/community.policy.ts";
import { presentBadge, presentLedgerEntry } from "./reputation.presenter.ts";

/** What anyone may see of a member: points, rank (and the next one) and badges. */
export async function getReputationSummary(services: Services, member: UserRow, now = new Date()) {
  const { ledger } = services.reputation;
  const [settings, total, awards] = await Promise.all([
    ledger.settings(member.workspaceId),
    ledger.total(member.id),
    ledger.badgesOf(member.id),
  ]);
  const points = total?.points ?? 0;
  // The rank is recomputed here too: account age moves on without any ledger event.
  const age = accountAgeDays(member.createdAt, now);
  const rank = rankFor(points, age, settings.ranks);
  const next = nextRank(points, age, settings.ranks);
  return {
    userId: member.id,
    name: member.name,
    points,
    rank: { key: rank.key, name: rank.name },
    nextRank: next
      ? {
          rank: { key: next.rank.key, name: next.rank.name },
          pointsNeeded: next.pointsNeeded,
          daysNeeded: next.daysNeeded,
        }
      : null,
    badges: awards.map((a) => ({
      badge: presentBadge(a.badge),
      awardedAt: a.awardedAt.toISOString(),
      reason: a.reason,
    })),
  };
}

/** The signed-in person's own view: the summary plus privileges and their ledger. */
export async function getMyReputation(services: Services, user: UserRow) {
  const summary = await getReputationSummary(services, user);
  const { ledger } = services.reputation;
  const [settings, trusted, history] = await Promise.all([
    ledger.settings(user.workspaceId),
    services.community.moderation.isTrusted(user.id),
    ledger.history(user.id, 100),
  ]);
  const standing = { points: summary.points, staff: isStaff(user.role), trusted };
  const privileges = Object.fromEntries(
    PRIVILEGES.map((p) => [
      p,
      {
        has: missingPrivilege(p, standing, settings.privileges) === null,
        required: settings.privileges[p],
      },
    ]),
  );
  return { ...summary, privileges, ledger: history.map(presentLedgerEntry) };
}

/** Rank names for the given members (those without points yet hold the lowest rank). */
export async function rankNames(
  services: Services,
  workspaceId: string,
  userIds: string[],
): Promise<Map<string, string>> {
  const { ledger } = services.reputation;
  const ids = [...new Set(userIds)];
  const [settings, totals] = await Promise.all([
    ledger.settings(workspaceId),
    ledger.totalsOf(ids),
  ]);
  const names = new Map(settings.ranks.map((r) => [r.key, r.name]));
  const lowest = settings.ranks[0]!.name;
  return new Map(
    ids.map((id) => {
      const key = totals.get(id)?.rankKey;
      return [id, (key && names.get(key)) || lowest];
    }),
  );
}

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

import type { RedemptionRow, UserRow } from "../../db/schema/index.ts";
import { AppError, notFound } from "../../lib/errors.ts";
import { sortRanks } from "../../lib/reputation/settings.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";
import { monthStart } from "./get-leaderboard.ts";
import { settlePeople } from "./record-community-event.ts";

/**
 * A customer asks for a reward. In one transaction: the reward is locked, its stock
 * taken, eligibility checked (enough points, or among the month's top helpers), the
 * points held as a ledger row and the request written to the audit log. A second
 * click while a request is open is a 409, not a second request.
 */
export async function requestReward(
  services: Services,
  user: UserRow,
  rewardId: string,
  actor: AuditActor,
  now = new Date(),
): Promise<RedemptionRow> {
  const { ledger, rewards } = services.reputation;
  const settings = await ledger.settings(user.workspaceId);
  const listed = await rewards.find(rewardId);
  if (!listed || listed.workspaceId !== user.workspaceId || !listed.active) {
    throw notFound("Reward");
  }
  if (listed.topHelpersOfMonth !== null) {
    const board = await ledger.leaderboard({
      workspaceId: user.workspaceId,
      since: monthStart(now),
      boardId: null,
      includeStaff: settings.leaderboardIncludesStaff,
      limit: listed.topHelpersOfMonth,
    });
    if (!board.some((r) => r.userId === user.id)) {
      throw new AppError(
        403,
        "not_eligible",
        `Only the top ${listed.topHelpersOfMonth} helpers of this month can request this reward.`,
      );
    }
  }
  return services.db.transaction(async (tx) => {
    const reward = await rewards.find(rewardId, tx, true);
    if (!reward?.active) throw notFound("Reward");
    await ledger.lockPerson(tx, user.id, user.workspaceId, sortRanks(settings.ranks)[0]!.key);
    const price = reward.pricePoints ?? 0;
    if (price > 0) {
      const points = (await ledger.total(user.id, tx))?.points ?? 0;
      if (points < price) {
        throw new AppError(
          403,
          "not_enough_points",
          `This reward costs ${price} points; you have ${points}.`,
          { required: price, points },
        );
      }
    }
    if (!(await rewards.takeFromStock(tx, reward.id))) {
      throw new AppError(409, "out_of_stock", "This reward is out of stock.");
    }
    const redemption = await rewards.createRedemption(tx, {
      workspaceId: user.workspaceId,
      rewardId: reward.id,
      userId: user.id,
      points: price,
    });
    if (!redemption) {
      throw new AppError(409, "already_requested", "You have already requested this reward.");
    }
    await ledger.append(tx, {
      workspaceId: user.workspaceId,
      userId: user.id,
      kind: "reward_redeemed",
      points: -price,
      causeKey: `redeem:${redemption.id}`,
      actorId: user.id,
      postType: "reward",
      postId: redemption.id,
      note: reward.name,
    });
    await settlePeople(services, tx, user.workspaceId, [user.id], settings, now);
    await recordAuditEvent(
      services,
      actor,
      {
        workspaceId: user.workspaceId,
        action: "reward.requested",
        targetType: "reward_redemption",
        targetId: redemption.id,
        data: { rewardId: reward.id, points: price },
      },
      tx,
    );
    return redemption;
  });
}

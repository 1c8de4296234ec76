import type { RedemptionRow, RedemptionStatus, UserRow } from "../../db/schema/index.ts";
import { AppError, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";
import { settlePeople } from "./record-community-event.ts";

export type RedemptionAction = "approve" | "ship" | "decline";

const NEXT: Record<RedemptionAction, { from: RedemptionStatus[]; to: RedemptionStatus }> = {
  approve: { from: ["requested"], to: "approved" },
  ship: { from: ["approved"], to: "shipped" },
  decline: { from: ["requested", "approved"], to: "declined" },
};

/**
 * Staff approve, ship or decline a request, with a message for the customer. Each step
 * is a ledger row (declining reverses the held points and returns the item to stock)
 * and an audit event, in one transaction with the status change.
 */
export async function decideRedemption(
  services: Services,
  staff: UserRow,
  id: string,
  action: RedemptionAction,
  message: string | null,
  actor: AuditActor,
): Promise<RedemptionRow> {
  const { ledger, rewards } = services.reputation;
  const settings = await ledger.settings(staff.workspaceId);
  return services.db.transaction(async (tx) => {
    const current = await rewards.findRedemption(id, tx, true);
    if (!current || current.workspaceId !== staff.workspaceId) throw notFound("Redemption");
    const step = NEXT[action];
    if (!step.from.includes(current.status)) {
      throw new AppError(
        409,
        "invalid_transition",
        `A ${current.status} request cannot be ${step.to}.`,
      );
    }
    const row = await rewards.setRedemption(tx, id, {
      status: step.to,
      message,
      decidedById: staff.id,
    });
    if (action === "decline") {
      await rewards.returnToStock(tx, current.rewardId);
      const held = await ledger.listActive(tx, {
        userId: current.userId,
        postId: current.id,
        kinds: ["reward_redeemed"],
      });
      for (const h of held) await ledger.reverse(tx, h, message ?? "reward declined", staff.id);
    } else {
      // Approving and shipping move no points, but belong in the person's history.
      await ledger.append(tx, {
        workspaceId: current.workspaceId,
        userId: current.userId,
        kind: action === "approve" ? "reward_approved" : "reward_shipped",
        points: 0,
        causeKey: `${action}:${current.id}`,
        actorId: staff.id,
        postType: "reward",
        postId: current.id,
        note: message,
      });
    }
    await settlePeople(services, tx, current.workspaceId, [current.userId], settings);
    await recordAuditEvent(
      services,
      actor,
      {
        workspaceId: current.workspaceId,
        action: `reward.${step.to}`,
        targetType: "reward_redemption",
        targetId: current.id,
        data: { rewardId: current.rewardId, userId: current.userId, from: current.status },
      },
      tx,
    );
    return row;
  });
}

import type { RewardRow, UserRow } from "../../db/schema/index.ts";
import { notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { TRewardInput, TRewardPatch } from "./reputation.schemas.ts";

/** Staff add a reward to the catalogue; the audit log records it. */
export async function createReward(
  services: Services,
  staff: UserRow,
  input: TRewardInput,
  actor: AuditActor,
): Promise<RewardRow> {
  return services.db.transaction(async (tx) => {
    const reward = await services.reputation.rewards.create(tx, {
      workspaceId: staff.workspaceId,
      name: input.name,
      description: input.description ?? "",
      imageUrl: input.imageUrl ?? null,
      stock: input.stock,
      pricePoints: input.pricePoints ?? null,
      topHelpersOfMonth: input.topHelpersOfMonth ?? null,
      active: input.active ?? true,
    });
    await recordAuditEvent(
      services,
      actor,
      {
        workspaceId: staff.workspaceId,
        action: "reward.created",
        targetType: "reward",
        targetId: reward.id,
        data: { stock: reward.stock, pricePoints: reward.pricePoints },
      },
      tx,
    );
    return reward;
  });
}

/** Staff change a reward (stock, price, active); the audit log records what changed. */
export async function updateReward(
  services: Services,
  staff: UserRow,
  id: string,
  patch: TRewardPatch,
  actor: AuditActor,
): Promise<RewardRow> {
  const existing = await services.reputation.rewards.find(id);
  if (!existing || existing.workspaceId !== staff.workspaceId) throw notFound("Reward");
  return services.db.transaction(async (tx) => {
    const reward = (await services.reputation.rewards.update(tx, id, patch))!;
    await recordAuditEvent(
      services,
      actor,
      {
        workspaceId: staff.workspaceId,
        action: "reward.updated",
        targetType: "reward",
        targetId: id,
        data: { fields: Object.keys(patch) },
      },
      tx,
    );
    return reward;
  });
}

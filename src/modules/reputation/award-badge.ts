import type { BadgeRow, UserRow } from "../../db/schema/index.ts";
import { AppError, invalidField, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { TCreateBadgeRequest } from "./reputation.schemas.ts";

/** Staff define a badge: manual (no rule) or with a rule combining conditions. */
export async function createBadge(
  services: Services,
  staff: UserRow,
  input: TCreateBadgeRequest,
  actor: AuditActor,
): Promise<BadgeRow> {
  return services.db.transaction(async (tx) => {
    await services.reputation.ledger.ensureDefaultBadges(tx, staff.workspaceId);
    const badge = await services.reputation.ledger.createBadge(tx, {
      workspaceId: staff.workspaceId,
      key: input.key,
      name: input.name,
      description: input.description,
      icon: input.icon,
      rule: input.rule ?? null,
    });
    if (!badge) throw new AppError(409, "badge_exists", `A badge with key "${input.key}" exists.`);
    await recordAuditEvent(
      services,
      actor,
      {
        workspaceId: staff.workspaceId,
        action: "badge.created",
        targetType: "badge",
        targetId: badge.id,
        data: { key: badge.key, manual: badge.rule === null },
      },
      tx,
    );
    return badge;
  });
}

/**
 * Staff award a manual badge to a member, with a reason; the member is notified and
 * the audit log records who gave it. Rule badges are earned, never handed out.
 */
export async function awardManualBadge(
  services: Services,
  staff: UserRow,
  input: { badgeKey: string; userId: string; reason: string | null },
  actor: AuditActor,
) {
  const { ledger } = services.reputation;
  await services.db.transaction((tx) => ledger.ensureDefaultBadges(tx, staff.workspaceId));
  const badge = await ledger.findBadge(staff.workspaceId, input.badgeKey);
  if (!badge) throw invalidField("badge", "is not a badge of this workspace");
  if (badge.rule) throw invalidField("badge", "is earned by its rule, not awarded by hand");
  const member = await services.accounts.findUserById(input.userId);
  if (!member || member.workspaceId !== staff.workspaceId) throw notFound("Member");
  return services.db.transaction(async (tx) => {
    const award = await ledger.award(tx, {
      badgeId: badge.id,
      userId: member.id,
      awardedById: staff.id,
      reason: input.reason,
    });
    if (!award) throw new AppError(409, "already_awarded", "The member already has this badge.");
    await recordAuditEvent(
      services,
      actor,
      {
        workspaceId: staff.workspaceId,
        action: "badge.awarded",
        targetType: "user",
        targetId: member.id,
        data: { badge: badge.key },
      },
      tx,
    );
    return { award, badge };
  });
}

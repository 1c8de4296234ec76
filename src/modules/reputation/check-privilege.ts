import type { UserRow } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import { missingPrivilege } from "../../lib/reputation/privileges.ts";
import type { Privilege } from "../../lib/reputation/settings.ts";
import type { Services } from "../../server/services.ts";
import { isStaff } from "../community/community.policy.ts";

const WHAT: Record<Privilege, string> = {
  voteUp: "up-vote",
  voteDown: "down-vote",
  flag: "flag posts",
  commentEverywhere: "comment on other people's posts",
  editOthers: "edit other people's posts",
  closeDuplicate: "close questions as duplicates",
  reviewQueue: "see the review queue",
};

/** Whether the person has the privilege: staff and trusted members always do. */
export async function hasPrivilege(
  services: Services,
  user: UserRow,
  privilege: Privilege,
): Promise<boolean> {
  return (await findMissing(services, user, privilege)) === null;
}

/** 403 `privilege_missing`, naming the privilege and the points it needs. */
export async function assertPrivilege(
  services: Services,
  user: UserRow,
  privilege: Privilege,
): Promise<void> {
  const missing = await findMissing(services, user, privilege);
  if (!missing) return;
  throw new AppError(
    403,
    "privilege_missing",
    `You need ${missing.required} reputation points to ${WHAT[privilege]} (you have ${missing.points}).`,
    missing,
  );
}

async function findMissing(services: Services, user: UserRow, privilege: Privilege) {
  if (isStaff(user.role)) return null;
  const { ledger } = services.reputation;
  const [settings, total, trusted] = await Promise.all([
    ledger.settings(user.workspaceId),
    ledger.total(user.id),
    services.community.moderation.isTrusted(user.id),
  ]);
  return missingPrivilege(
    privilege,
    { points: total?.points ?? 0, staff: false, trusted },
    settings.privileges,
  );
}

/** Which of the given privileges the person has, from one read of points, settings and trust. */
export async function grantedPrivileges<P extends Privilege>(
  services: Services,
  user: UserRow,
  privileges: readonly P[],
): Promise<Set<P>> {
  if (isStaff(user.role)) return new Set(privileges);
  const { ledger } = services.reputation;
  const [settings, total, trusted] = await Promise.all([
    ledger.settings(user.workspaceId),
    ledger.total(user.id),
    services.community.moderation.isTrusted(user.id),
  ]);
  const standing = { points: total?.points ?? 0, staff: false, trusted };
  return new Set(
    privileges.filter((p) => missingPrivilege(p, standing, settings.privileges) === null),
  );
}

import type { FollowTarget, UserRow } from "../../../db/schema/index.ts";
import { invalidField, notFound } from "../../../lib/errors.ts";
import { normalizeTag } from "../../../lib/slug.ts";
import type { Services } from "../../../server/services.ts";
import { findBoard } from "../find-board.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stored key of what is followed: board and idea ids, the normalised tag. */
export async function resolveFollowTarget(
  services: Services,
  user: UserRow,
  type: FollowTarget,
  ref: string,
): Promise<string> {
  if (type === "board") {
    const board = await findBoard(services, user.workspaceId, ref);
    if (!board) throw notFound("Board");
    return board.id;
  }
  if (type === "tag") {
    const tag = normalizeTag(ref);
    if (!tag) throw invalidField("tag", "must contain a letter or digit");
    return tag;
  }
  const found = UUID.test(ref) ? await services.community.ideas.findById(ref) : undefined;
  if (!found || found.idea.workspaceId !== user.workspaceId) {
    throw notFound("Idea");
  }
  return found.idea.id;
}

/** Follows a board (new questions), tag (new questions) or idea (status changes). */
export async function followTarget(
  services: Services,
  user: UserRow,
  type: FollowTarget,
  ref: string,
): Promise<{ following: true; target: string }> {
  const target = await resolveFollowTarget(services, user, type, ref);
  await services.community.follows.follow(user.id, user.workspaceId, type, target);
  return { following: true, target };
}

export async function unfollowTarget(
  services: Services,
  user: UserRow,
  type: FollowTarget,
  ref: string,
): Promise<{ following: false; target: string }> {
  const target = await resolveFollowTarget(services, user, type, ref);
  await services.community.follows.unfollow(user.id, type, target);
  return { following: false, target };
}

import type { UserRow } from "../../db/schema/index.ts";
import type { Services } from "../../server/services.ts";
import { grantedPrivileges } from "../reputation/check-privilege.ts";
import { communityPolicy, isModerator, isStaff } from "./community.policy.ts";
import type { TQuestionDetail } from "./community.schemas.ts";
import type { PageContext } from "./pages/layout.ts";
import {
  type ActionsModel,
  type PostPermissions,
  type PostType,
  type QuestionActions,
  questionActions,
} from "./pages/post-actions.view.ts";

/**
 * The controls a signed-in viewer gets on a question page, by the same rules the
 * operations check (community.policy.ts and the reputation privileges). Nobody signed
 * in: no controls, so the anonymous page (the cached one) never shows any.
 */
export async function questionActionsFor(
  services: Services,
  ctx: PageContext,
  q: TQuestionDetail,
): Promise<QuestionActions | undefined> {
  const viewer = ctx.user;
  if (!viewer) return undefined;
  return questionActions(ctx, q, await actionsModel(services, viewer, q));
}

export async function actionsModel(
  services: Services,
  viewer: UserRow,
  q: TQuestionDetail,
): Promise<ActionsModel> {
  const { posts } = services.community;
  const [granted, deletedBy, boards] = await Promise.all([
    grantedPrivileges(services, viewer, [
      "flag",
      "commentEverywhere",
      "editOthers",
      "closeDuplicate",
    ]),
    deletedByOf(services, q),
    isModerator(viewer.role) ? posts.listBoards(viewer.workspaceId) : Promise.resolve([]),
  ]);
  const open = !q.locked && !q.deleted;
  const row = (p: { author: { id: string }; id: string; deleted: boolean; hidden: boolean }) => ({
    authorId: p.author.id,
    deletedAt: p.deleted ? new Date(0) : null,
    deletedById: deletedBy.get(p.id) ?? null,
    hiddenAt: p.hidden ? new Date(0) : null,
  });
  const lockedAt = q.locked ? new Date(0) : null;
  const permissions = (
    p: { author: { id: string }; id: string; deleted: boolean; hidden: boolean },
    type: PostType,
    commentAllowed: boolean,
  ): PostPermissions => {
    const r = row(p);
    const own = p.author.id === viewer.id;
    return {
      edit:
        communityPolicy.canEdit(viewer, r, { lockedAt }) ||
        (granted.has("editOthers") && !p.deleted && !p.hidden && !q.locked),
      delete: communityPolicy.canDelete(viewer, r),
      restore: communityPolicy.canRestore(viewer, r),
      flag: granted.has("flag") && !own,
      comment: type !== "comment" && open && commentAllowed,
    };
  };
  const asker = q.author.id === viewer.id;
  const map = new Map<string, PostPermissions>();
  map.set(q.id, permissions(q, "question", asker || granted.has("commentEverywhere")));
  for (const c of q.comments) map.set(c.id, permissions(c, "comment", false));
  for (const a of q.answers) {
    const commentAllowed = asker || a.author.id === viewer.id || granted.has("commentEverywhere");
    map.set(a.id, permissions(a, "answer", commentAllowed && !a.deleted));
    for (const c of a.comments) map.set(c.id, permissions(c, "comment", false));
  }
  return {
    posts: map,
    accept: communityPolicy.canAccept(viewer, { authorId: q.author.id }) && !q.deleted,
    closeDuplicate: granted.has("closeDuplicate") && q.status !== "duplicate" && !q.deleted,
    close: isStaff(viewer.role) && (q.status === "open" || q.status === "solved") && !q.deleted,
    object: asker && q.status === "duplicate",
    reopen: isStaff(viewer.role) && (q.status === "closed" || q.status === "duplicate"),
    moderate: isModerator(viewer.role),
    boards: boards.filter((b) => b.kind !== "ideas").map((b) => ({ slug: b.slug, name: b.name })),
  };
}

/** Who deleted the deleted posts the viewer sees (an author restores only their own deletions). */
async function deletedByOf(services: Services, q: TQuestionDetail) {
  const { posts } = services.community;
  const found = new Map<string, string | null>();
  const lookups: Promise<void>[] = [];
  const add = (id: string, load: Promise<{ deletedById: string | null } | undefined>) =>
    lookups.push(
      load.then((r) => {
        found.set(id, r?.deletedById ?? null);
      }),
    );
  if (q.deleted) add(q.id, posts.findQuestionRow(q.id));
  for (const a of q.answers) {
    if (a.deleted) add(a.id, posts.findAnswer(a.id));
    for (const c of a.comments) if (c.deleted) add(c.id, posts.findComment(c.id));
  }
  for (const c of q.comments) if (c.deleted) add(c.id, posts.findComment(c.id));
  await Promise.all(lookups);
  return found;
}

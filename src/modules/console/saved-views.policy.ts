import type { SavedViewRow, UserRow } from "../../db/schema/index.ts";

/**
 * Who may change a saved view: its author; a shared one also any admin (the
 * workspace's views need tidying after people leave). Everyone on staff may use the
 * views they can see.
 */
export function canEditSavedView(user: Pick<UserRow, "id" | "role">, view: SavedViewRow): boolean {
  if (view.ownerId === user.id) return true;
  return view.scope === "shared" && user.role === "admin";
}

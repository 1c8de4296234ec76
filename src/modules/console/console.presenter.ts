import type { UserRow } from "../../db/schema/index.ts";
import type { SavedViewWithOwner } from "./console.repository.ts";
import type { TSavedView } from "./console.schemas.ts";
import { canEditSavedView } from "./saved-views.policy.ts";

export function presentSavedView(
  { view, ownerName }: SavedViewWithOwner,
  viewer: UserRow,
): TSavedView {
  // Only set keys leave: `{}` means "every conversation", and clients compare keys.
  const query = Object.fromEntries(
    Object.entries(view.query).filter(([, v]) => v !== undefined && v !== null),
  ) as TSavedView["query"];
  return {
    id: view.id,
    name: view.name,
    scope: view.scope,
    query,
    ownerId: view.ownerId,
    ownerName,
    editable: canEditSavedView(viewer, view),
    updatedAt: view.updatedAt.toISOString(),
  };
}

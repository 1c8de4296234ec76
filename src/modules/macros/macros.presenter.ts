import type { UserRow } from "../../db/schema/index.ts";
import { canEditMacro } from "./macros.policy.ts";
import type { MacroWithOwner } from "./macros.repository.ts";
import type { TMacro } from "./macros.schemas.ts";

export function presentMacro({ macro, ownerName }: MacroWithOwner, viewer: UserRow): TMacro {
  return {
    id: macro.id,
    title: macro.title,
    body: macro.body,
    scope: macro.scope,
    actions: {
      ...(macro.actions.status ? { status: macro.actions.status } : {}),
      ...(macro.actions.addTags?.length ? { addTags: macro.actions.addTags } : {}),
    },
    ownerId: macro.ownerId,
    ownerName,
    editable: canEditMacro(viewer, macro),
    updatedAt: macro.updatedAt.toISOString(),
  };
}

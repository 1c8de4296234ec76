import type { MacroRow, UserRow } from "../../db/schema/index.ts";

/**
 * Who may change a macro: the author; shared macros also any admin (someone has to
 * tidy up after people leave). Everyone on staff may use the ones they can see.
 */
export function canEditMacro(user: Pick<UserRow, "id" | "role">, macro: MacroRow): boolean {
  if (macro.ownerId === user.id) return true;
  return macro.scope === "shared" && user.role === "admin";
}

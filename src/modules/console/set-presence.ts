import type { UserRow } from "../../db/schema/index.ts";
import { initialsOf } from "../../lib/signature.ts";
import type { Services } from "../../server/services.ts";
import type { TPresenceEntry } from "./console.schemas.ts";

/**
 * A console heartbeat is sent every ~10 s; three missed ones and the agent is gone.
 * Long enough for a busy browser tab, short enough that "Anna is viewing" is not a lie
 * for long after Anna closed her laptop.
 */
export const PRESENCE_TTL_MS = 30_000;

/**
 * Records where an agent is (viewing or typing in a conversation, or gone from it) and
 * tells every console of the workspace, on every instance, through the realtime bus.
 */
export async function setPresence(
  services: Services,
  agent: Pick<UserRow, "id" | "name" | "workspaceId">,
  conversationId: string,
  state: "viewing" | "typing" | "left",
): Promise<TPresenceEntry[]> {
  await services.console.setPresence(
    { workspaceId: agent.workspaceId, conversationId, userId: agent.id },
    state,
    PRESENCE_TTL_MS,
  );
  await services.realtime.publish({
    workspaceId: agent.workspaceId,
    type: "presence",
    conversationId,
    userId: agent.id,
    name: agent.name,
    initials: initialsOf(agent.name),
    state,
    expiresInMs: state === "left" ? 0 : PRESENCE_TTL_MS,
  });
  return listPresence(services, agent.workspaceId, conversationId);
}

export async function listPresence(
  services: Services,
  workspaceId: string,
  conversationId?: string,
): Promise<TPresenceEntry[]> {
  const rows = await services.console.listPresence(workspaceId, conversationId);
  return rows.map((r) => ({ ...r, initials: initialsOf(r.name) }));
}

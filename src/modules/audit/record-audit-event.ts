import type { FastifyRequest } from "fastify";
import type { AuditEventRow, UserRow } from "../../db/schema/index.ts";
import type { Services } from "../../server/services.ts";
import type { Tx } from "../inbox/ingest.repository.ts";
import type { AuditEntry } from "./audit.repository.ts";

/** Who did something, and from where; passed from routes and the CLI into operations. */
export interface AuditActor {
  id: string | null;
  label: string;
  ip?: string | null;
}

export const actorOf = (user: UserRow, request?: FastifyRequest): AuditActor => ({
  id: user.id,
  label: user.email,
  ip: request?.ip ?? null,
});

export const CLI_ACTOR: AuditActor = { id: null, label: "cli" };

/**
 * Appends to the audit log: inside `tx` when the change it records is part of one (so
 * both commit or neither), in a transaction of its own otherwise. Never put secrets or
 * personal data in `data`: name types and ids, not values.
 */
export async function recordAuditEvent(
  services: Services,
  actor: AuditActor,
  entry: Omit<AuditEntry, "actorId" | "actorLabel" | "ip">,
  tx?: Tx,
): Promise<AuditEventRow> {
  const full: AuditEntry = {
    ...entry,
    actorId: actor.id,
    actorLabel: actor.label,
    ip: actor.ip ?? null,
  };
  if (tx) return services.audit.append(tx, full);
  return services.db.transaction((t) => services.audit.append(t, full));
}

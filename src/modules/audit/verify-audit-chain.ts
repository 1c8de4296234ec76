import type { Services } from "../../server/services.ts";
import { auditPayload, chainHash, GENESIS_HASH } from "./audit.repository.ts";

export interface AuditVerification {
  ok: boolean;
  /** Events checked (up to the first broken one). */
  count: number;
  broken?: { id: number; reason: string };
}

/**
 * Walks the audit log in order and recomputes every hash. A changed row fails its own
 * hash; a removed or inserted row breaks the link of the next one. (Cutting rows off the
 * end leaves a shorter valid chain: compare `count` with a number kept elsewhere.)
 */
export async function verifyAuditChain(services: Services): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let afterId = 0;
  let count = 0;
  for (;;) {
    const rows = await services.audit.page(afterId, 1000);
    if (!rows.length) return { ok: true, count };
    for (const row of rows) {
      if (row.prevHash !== prev) {
        return {
          ok: false,
          count,
          broken: { id: row.id, reason: "does not link to the event before it" },
        };
      }
      if (chainHash(row.prevHash, auditPayload(row)) !== row.hash) {
        return {
          ok: false,
          count,
          broken: { id: row.id, reason: "its content does not match its hash" },
        };
      }
      prev = row.hash;
      count++;
    }
    afterId = rows.at(-1)!.id;
  }
}

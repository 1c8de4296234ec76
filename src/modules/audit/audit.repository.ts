import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type AuditEventRow, auditEvents } from "../../db/schema/index.ts";
import { canonicalJson } from "../../lib/canonical-json.ts";
import type { Tx } from "../inbox/ingest.repository.ts";

/** The chain's first `prev_hash`. */
export const GENESIS_HASH = "0".repeat(64);
// Any fixed number: appends take turns on it, so each sees the previous row's hash.
const AUDIT_CHAIN_LOCK = 7_310_222;

export interface AuditEntry {
  workspaceId: string | null;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
}

/** What the hash covers: every column but the id and the hashes themselves. */
export function auditPayload(row: Omit<AuditEventRow, "id" | "prevHash" | "hash">) {
  return canonicalJson({
    workspaceId: row.workspaceId,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    data: row.data,
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
  });
}

export const chainHash = (prevHash: string, payload: string) =>
  createHash("sha256").update(prevHash).update(payload).digest("hex");

export interface AuditFilter {
  workspaceId: string;
  actor?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  before?: number | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** All SQL of the audit log. Rows are only ever appended. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends one event inside `tx`: takes the chain lock (held until `tx` ends), reads the
   * newest hash and links the new row to it, so concurrent appends form one chain.
   */
  async append(tx: Tx, entry: AuditEntry): Promise<AuditEventRow> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await tx
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.id))
      .limit(1);
    const prevHash = last?.hash ?? GENESIS_HASH;
    const row = {
      workspaceId: entry.workspaceId,
      actorId: entry.actorId,
      actorLabel: entry.actorLabel,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      data: entry.data ?? {},
      ip: entry.ip ?? null,
      createdAt: new Date(),
    };
    const hash = chainHash(prevHash, auditPayload(row));
    const [stored] = await tx
      .insert(auditEvents)
      .values({ ...row, prevHash, hash })
      .returning();
    return stored!;
  }

  async list(f: AuditFilter, limit: number): Promise<AuditEventRow[]> {
    const where: SQL[] = [eq(auditEvents.workspaceId, f.workspaceId)];
    if (f.actor) {
      where.push(
        UUID.test(f.actor)
          ? eq(auditEvents.actorId, f.actor)
          : sql`lower(${auditEvents.actorLabel}) = lower(${f.actor})`,
      );
    }
    if (f.action) {
      // `role.` matches every role action; an exact name matches itself.
      where.push(
        f.action.endsWith(".")
          ? sql`${auditEvents.action} LIKE ${`${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`
          : eq(auditEvents.action, f.action),
      );
    }
    if (f.targetType) where.push(eq(auditEvents.targetType, f.targetType));
    if (f.targetId) where.push(eq(auditEvents.targetId, f.targetId));
    if (f.from) where.push(gte(auditEvents.createdAt, f.from));
    if (f.to) where.push(lte(auditEvents.createdAt, f.to));
    if (f.before) where.push(lt(auditEvents.id, f.before));
    return this.db
      .select()
      .from(auditEvents)
      .where(and(...where))
      .orderBy(desc(auditEvents.id))
      .limit(limit);
  }

  /** The whole chain in order, a page at a time (for verification). */
  async page(afterId: number, limit: number): Promise<AuditEventRow[]> {
    return this.db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, afterId))
      .orderBy(asc(auditEvents.id))
      .limit(limit);
  }
}

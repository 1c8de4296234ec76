import { and, asc, desc, eq, lt, or, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import {
  channels,
  contactIdentities,
  type ImpostorAccountRow,
  impostorAccounts,
  messages,
  personalDataIncidents,
  type SafetySettingsRow,
  safetySettings,
  workspaces,
} from "../../db/schema/index.ts";
import type { Tx } from "../inbox/ingest.repository.ts";

export interface AutomatedMessage {
  id: string;
  workspaceId: string;
  conversationId: string;
  channelId: string;
  direction: "outbound" | "note";
  visibility: "private" | "internal";
  text: string;
  meta: Record<string, unknown>;
  sendAction: string;
}

export interface IncidentRow {
  workspaceId: string;
  channelId: string;
  messageId: string;
  types: string[];
  actions: Record<string, string>;
}

export interface ImpostorUpsert {
  workspaceId: string;
  kind: string;
  accountKey: string;
  platformUserId: string | null;
  handle: string | null;
  displayName: string | null;
  contactId: string | null;
  reason: string;
  score: number;
  evidence: Record<string, unknown>;
  seen: number;
}

/** All SQL of trust and safety: settings, incidents, impostors, praise. */
export class SafetyRepository {
  constructor(private readonly db: Db) {}

  // --- settings ---------------------------------------------------------------

  async loadSettingsSources(workspaceId: string) {
    const [settings] = await this.db
      .select()
      .from(safetySettings)
      .where(eq(safetySettings.workspaceId, workspaceId));
    const [workspace] = await this.db
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    const xChannels = await this.db
      .select({ handle: channels.handle, name: channels.name })
      .from(channels)
      .where(and(eq(channels.workspaceId, workspaceId), eq(channels.kind, "x")))
      .orderBy(asc(channels.createdAt));
    return { settings, workspace, xChannels };
  }

  async upsertSettings(
    tx: Tx,
    workspaceId: string,
    patch: Partial<Omit<SafetySettingsRow, "workspaceId" | "updatedAt">>,
  ): Promise<void> {
    await tx
      .insert(safetySettings)
      .values({ workspaceId, ...patch })
      .onConflictDoUpdate({
        target: safetySettings.workspaceId,
        set: { ...patch, updatedAt: new Date() },
      });
  }

  // --- effects of ingest (set-based: one statement per kind of write) ----------

  /** Queues hilft's own messages and actions; the delivery worker sends them after commit. */
  async queueAutomatedMessages(tx: Tx, rows: AutomatedMessage[]): Promise<void> {
    if (!rows.length) return;
    await tx.execute(sql`
      INSERT INTO messages (id, workspace_id, conversation_id, channel_id, direction, visibility, text, meta,
        send_action, delivery_status, next_attempt_at)
      SELECT id, "workspaceId", "conversationId", "channelId", direction::message_direction,
        visibility::message_visibility, text, meta, "sendAction", 'queued'::delivery_status, now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, "workspaceId" uuid,
        "conversationId" uuid, "channelId" uuid, direction text, visibility text, text text, meta jsonb,
        "sendAction" text)`);
  }

  /** Counts incidents (once per message) and returns the message ids that were new. */
  async insertIncidents(tx: Tx, rows: IncidentRow[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const inserted = await queryRows<{ message_id: string }>(
      tx,
      sql`INSERT INTO personal_data_incidents (workspace_id, channel_id, message_id, types, actions)
          SELECT "workspaceId", "channelId", "messageId",
            ARRAY(SELECT jsonb_array_elements_text(types)), actions
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("workspaceId" uuid, "channelId" uuid,
            "messageId" uuid, types jsonb, actions jsonb)
          ON CONFLICT DO NOTHING RETURNING message_id`,
    );
    return new Set(inserted.map((r) => r.message_id));
  }

  /** Tags conversations `personal_data` and counts hilft's private messages in them. */
  async markConversations(tx: Tx, rows: { id: string; added: number }[]): Promise<void> {
    if (!rows.length) return;
    await tx.execute(sql`
      UPDATE conversations c SET
        tags = CASE WHEN 'personal_data' = ANY(c.tags) THEN c.tags ELSE array_append(c.tags, 'personal_data') END,
        message_count = c.message_count + v.added,
        last_message_at = CASE WHEN v.added > 0 THEN GREATEST(c.last_message_at, now()) ELSE c.last_message_at END,
        updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(id uuid, added int)
      WHERE c.id = v.id`);
  }

  /**
   * Records look-alike accounts. Returns the rows that are new: only those raise an alert,
   * so an impostor is reported once however often it writes (concurrent workers included:
   * the unique key makes the second insert a no-op).
   */
  async upsertImpostors(tx: Tx, rows: ImpostorUpsert[]): Promise<ImpostorAccountRow[]> {
    if (!rows.length) return [];
    const json = JSON.stringify(rows);
    const inserted = await queryRows<{ id: string; account_key: string; kind: string }>(
      tx,
      sql`INSERT INTO impostor_accounts (workspace_id, kind, account_key, platform_user_id, handle, display_name,
            contact_id, reason, score, evidence, seen_count)
          SELECT "workspaceId", kind::channel_kind, "accountKey", "platformUserId", handle, "displayName",
            "contactId", reason, score, evidence, seen
          FROM jsonb_to_recordset(${json}::jsonb) AS r("workspaceId" uuid, kind text, "accountKey" text,
            "platformUserId" text, handle text, "displayName" text, "contactId" uuid, reason text, score real,
            evidence jsonb, seen int)
          ON CONFLICT DO NOTHING RETURNING id, account_key, kind`,
    );
    const fresh = new Set(inserted.map((r) => `${r.kind}|${r.account_key}`));
    const seenAgain = rows.filter((r) => !fresh.has(`${r.kind}|${r.accountKey}`));
    if (seenAgain.length) {
      await tx.execute(sql`
        UPDATE impostor_accounts ia SET
          seen_count = ia.seen_count + v.seen,
          last_seen_at = now(),
          contact_id = COALESCE(ia.contact_id, v."contactId"),
          platform_user_id = COALESCE(ia.platform_user_id, v."platformUserId")
        FROM jsonb_to_recordset(${JSON.stringify(seenAgain)}::jsonb) AS v("workspaceId" uuid, kind text,
          "accountKey" text, "platformUserId" text, "contactId" uuid, seen int)
        WHERE ia.workspace_id = v."workspaceId" AND ia.kind = v.kind::channel_kind AND ia.account_key = v."accountKey"`);
    }
    if (!inserted.length) return [];
    return tx
      .select()
      .from(impostorAccounts)
      .where(
        sql`${impostorAccounts.id} IN (SELECT (jsonb_array_elements_text(${JSON.stringify(inserted.map((r) => r.id))}::jsonb))::uuid)`,
      );
  }

  async insertAlerts(
    tx: Tx,
    rows: {
      workspaceId: string;
      kind: string;
      severity: string;
      message: string;
      data: Record<string, unknown>;
    }[],
  ): Promise<void> {
    if (!rows.length) return;
    await tx.execute(sql`
      INSERT INTO alerts (workspace_id, kind, severity, message, data)
      SELECT "workspaceId", kind, severity, message, data
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("workspaceId" uuid, kind text, severity text,
        message text, data jsonb)`);
  }

  // --- impostors ----------------------------------------------------------------

  async listImpostors(workspaceId: string, status: string | undefined, limit: number) {
    return this.db
      .select()
      .from(impostorAccounts)
      .where(
        and(
          eq(impostorAccounts.workspaceId, workspaceId),
          status ? eq(impostorAccounts.status, status) : undefined,
        ),
      )
      .orderBy(desc(impostorAccounts.lastSeenAt))
      .limit(limit);
  }

  async findImpostor(workspaceId: string, id: string): Promise<ImpostorAccountRow | undefined> {
    const [row] = await this.db
      .select()
      .from(impostorAccounts)
      .where(and(eq(impostorAccounts.id, id), eq(impostorAccounts.workspaceId, workspaceId)));
    return row;
  }

  /**
   * Records an admin's decision. The account's contact is looked up now if the impostor
   * was only mentioned so far and has written since under the same handle.
   */
  async decideImpostor(
    tx: Tx,
    id: string,
    status: "confirmed" | "dismissed",
    userId: string,
  ): Promise<ImpostorAccountRow | undefined> {
    const [row] = await tx
      .update(impostorAccounts)
      .set({
        status,
        decidedBy: userId,
        decidedAt: new Date(),
        contactId: sql`COALESCE(${impostorAccounts.contactId}, (
          SELECT ci.contact_id FROM ${contactIdentities} ci
          WHERE ci.workspace_id = ${impostorAccounts.workspaceId} AND ci.kind = ${impostorAccounts.kind}
            AND (ci.platform_user_id = ${impostorAccounts.platformUserId}
                 OR lower(ci.handle) = ${impostorAccounts.accountKey})
          LIMIT 1))`,
      })
      .where(eq(impostorAccounts.id, id))
      .returning();
    return row;
  }

  /** Contacts among `contactIds` that admins confirmed as impostors. */
  async confirmedImpostorContacts(contactIds: string[]): Promise<Set<string>> {
    if (!contactIds.length) return new Set();
    const rows = await this.db
      .selectDistinct({ contactId: impostorAccounts.contactId })
      .from(impostorAccounts)
      .where(
        and(
          eq(impostorAccounts.status, "confirmed"),
          sql`${impostorAccounts.contactId} IN (SELECT (jsonb_array_elements_text(${JSON.stringify(contactIds)}::jsonb))::uuid)`,
        ),
      );
    return new Set(rows.map((r) => r.contactId!));
  }

  // --- personal data ------------------------------------------------------------

  async countIncidents(workspaceId: string, from: Date, to: Date) {
    const rows = await queryRows<{ type: string; count: string }>(
      this.db,
      sql`SELECT t AS type, count(*) AS count FROM personal_data_incidents, unnest(types) AS t
          WHERE workspace_id = ${workspaceId} AND created_at >= ${from.toISOString()} AND created_at < ${to.toISOString()}
          GROUP BY t ORDER BY t`,
    );
    const [total] = await queryRows<{ count: string }>(
      this.db,
      sql`SELECT count(*) AS count FROM personal_data_incidents
          WHERE workspace_id = ${workspaceId} AND created_at >= ${from.toISOString()} AND created_at < ${to.toISOString()}`,
    );
    return {
      total: Number(total?.count ?? 0),
      byType: rows.map((r) => ({ type: r.type, count: Number(r.count) })),
    };
  }

  /** Personal-data incidents, newest first, with their message (to be shown masked). */
  async listIncidents(
    workspaceId: string,
    filter: { channel?: string | undefined; before?: { at: string; id: string } | undefined },
    limit: number,
  ) {
    const where: SQL[] = [eq(personalDataIncidents.workspaceId, workspaceId)];
    if (filter.channel) where.push(eq(channels.kind, filter.channel as "x"));
    if (filter.before) {
      const b = filter.before;
      // Compared in SQL at full precision: one ingest batch stamps many incidents with
      // the same microsecond timestamp, which a JavaScript date would round.
      where.push(
        sql`(${personalDataIncidents.createdAt}, ${personalDataIncidents.id}) < (${b.at}::timestamptz, ${b.id}::uuid)`,
      );
    }
    return this.db
      .select({
        incident: personalDataIncidents,
        cursorAt: sql<string>`to_char(${personalDataIncidents.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        message: messages,
        channelKind: channels.kind,
        channelName: channels.name,
        author: sql<
          string | null
        >`COALESCE(${contactIdentities.displayName}, ${contactIdentities.handle})`,
      })
      .from(personalDataIncidents)
      .innerJoin(messages, eq(messages.id, personalDataIncidents.messageId))
      .innerJoin(channels, eq(channels.id, personalDataIncidents.channelId))
      .leftJoin(contactIdentities, eq(contactIdentities.id, messages.authorIdentityId))
      .where(and(...where))
      .orderBy(desc(personalDataIncidents.createdAt), desc(personalDataIncidents.id))
      .limit(limit);
  }

  async findMessage(workspaceId: string, conversationId: string, messageId: string) {
    const [row] = await this.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.id, messageId),
          eq(messages.conversationId, conversationId),
          eq(messages.workspaceId, workspaceId),
        ),
      );
    return row;
  }

  // --- praise -------------------------------------------------------------------

  async countPraise(workspaceId: string, from: Date, to: Date) {
    const rows = await queryRows<{ id: string; kind: string; name: string; count: string }>(
      this.db,
      sql`SELECT c.id, c.kind, c.name, count(*) AS count
          FROM messages m JOIN channels c ON c.id = m.channel_id
          WHERE m.workspace_id = ${workspaceId} AND m.praise AND m.direction = 'inbound'
            AND m.deleted_at IS NULL
            AND m.created_at >= ${from.toISOString()} AND m.created_at < ${to.toISOString()}
          GROUP BY c.id, c.kind, c.name ORDER BY count(*) DESC, c.name`,
    );
    return rows.map((r) => ({
      channelId: r.id,
      channel: r.kind,
      name: r.name,
      count: Number(r.count),
    }));
  }

  async praiseFeed(
    workspaceId: string,
    filter: { channel?: string | undefined; before?: { at: string; id: string } | undefined },
    limit: number,
  ) {
    const where: SQL[] = [
      eq(messages.workspaceId, workspaceId),
      eq(messages.praise, true),
      eq(messages.direction, "inbound"),
      sql`${messages.deletedAt} IS NULL`,
    ];
    if (filter.channel) where.push(eq(channels.kind, filter.channel as "x"));
    if (filter.before) {
      const b = filter.before;
      where.push(
        or(
          lt(messages.createdAt, new Date(b.at)),
          and(eq(messages.createdAt, new Date(b.at)), lt(messages.id, b.id)),
        )!,
      );
    }
    return this.db
      .select({
        message: messages,
        channelKind: channels.kind,
        author: sql<
          string | null
        >`COALESCE(${contactIdentities.displayName}, ${contactIdentities.handle})`,
      })
      .from(messages)
      .innerJoin(channels, eq(channels.id, messages.channelId))
      .leftJoin(contactIdentities, eq(contactIdentities.id, messages.authorIdentityId))
      .where(and(...where))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(limit);
  }
}

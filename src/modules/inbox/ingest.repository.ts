import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { PlatformAuthor } from "../../channels/ingest-ops.ts";
import { type Db, queryRows } from "../../db/client.ts";
import {
  alerts,
  type ChannelRow,
  type ConversationRow,
  channels,
  contactIdentities,
  contacts,
  conversations,
  type MessageRow,
  messages,
  platformDeletions,
  type WebhookEventRow,
  webhookEvents,
} from "../../db/schema/index.ts";

// Any fixed number: serialises ingestion across hilft instances on one database.
const INGEST_LOCK = 7_310_222;

/** A Drizzle handle or a transaction on it: both run the same queries. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

/** All SQL of the ingestion pipeline: the webhook event queue and applying events. */
export class IngestRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  // --- the queue of stored webhook deliveries -------------------------------

  /** Stores a verified delivery; false when the same bytes were stored before. */
  /**
   * Stores verified deliveries in one statement; returns the body hashes that were new
   * (a platform's redelivery of the same bytes is stored once). Bodies are kept exactly
   * as received: jsonb keeps X's 64-bit numbers exact, JavaScript numbers would not.
   */
  async storeEvents(
    rows: {
      platform: "x" | "facebook";
      channelId: string | null;
      bodyHash: string;
      rawBody: string;
    }[],
  ): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const inserted = await queryRows<{ body_hash: string }>(
      this.db,
      sql`INSERT INTO webhook_events (platform, channel_id, body_hash, payload)
          SELECT (e.v->>'platform')::channel_kind, (e.v->>'channelId')::uuid, e.v->>'bodyHash',
            (e.v->>'rawBody')::jsonb
          FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS e(v, n)
          ORDER BY e.n
          ON CONFLICT DO NOTHING RETURNING body_hash`,
    );
    return new Set(inserted.map((r) => r.body_hash));
  }

  /**
   * Inside `tx`: waits for the ingest lock, then claims up to `limit` due events, oldest
   * first, and marks them done in the same statement — the transaction applies them, and
   * if it rolls back, the claim and the mark do too and nothing is lost. The lock is held
   * until the transaction ends, so deliveries are applied in the order they arrived even
   * with several hilft instances. Events in `known` come back without their body: the
   * caller read it before (bodies do not change while an event waits).
   */
  async claimEvents(
    tx: Tx,
    limit: number,
    known: number[] = [],
  ): Promise<(Omit<WebhookEventRow, "payload"> & { payload: unknown | undefined })[]> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`);
    const rows = await queryRows<Record<string, unknown>>(
      tx,
      sql`
      UPDATE webhook_events SET status = 'done', attempts = attempts + 1, processed_at = now(),
        locked_until = NULL, last_error = NULL
      WHERE id IN (
        SELECT id FROM webhook_events
        WHERE status IN ('pending', 'processing') AND next_attempt_at <= now()
        ORDER BY id
        LIMIT ${limit}
      )
      RETURNING id, platform, channel_id, attempts, received_at,
        CASE WHEN id = ANY(${`{${known.join(",")}}`}::bigint[]) THEN NULL ELSE payload END AS payload`,
    );
    const knownIds = new Set(known);
    return rows
      .map((r) => {
        const id = Number(r.id);
        return {
          id,
          platform: r.platform as WebhookEventRow["platform"],
          channelId: (r.channel_id as string | null) ?? null,
          payload: knownIds.has(id) ? undefined : r.payload,
          attempts: Number(r.attempts),
          receivedAt: new Date(r.received_at as string),
        };
      })
      .sort((a, b) => a.id - b.id) as (Omit<WebhookEventRow, "payload"> & {
      payload: unknown | undefined;
    })[];
  }

  /**
   * Due events after `afterId`, oldest first, without claiming them: the worker reads the
   * next batch while the current one is being written, so its text work is done by the
   * time the batch is claimed. Nothing here decides what is applied; the claim does.
   */
  async peekEvents(
    afterId: number,
    limit: number,
  ): Promise<Pick<WebhookEventRow, "id" | "platform" | "payload">[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`SELECT id, platform, payload FROM webhook_events
          WHERE status IN ('pending', 'processing') AND next_attempt_at <= now() AND id > ${afterId}
          ORDER BY id LIMIT ${limit}`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      platform: r.platform as WebhookEventRow["platform"],
      payload: r.payload,
    }));
  }

  async findChannel(
    tx: Tx,
    kind: ChannelRow["kind"],
    externalId: string,
  ): Promise<ChannelRow | undefined> {
    const [row] = await tx
      .select()
      .from(channels)
      .where(and(eq(channels.kind, kind), eq(channels.externalId, externalId)));
    return row;
  }

  async attemptsOf(id: number): Promise<number> {
    const [row] = await this.db
      .select({ attempts: webhookEvents.attempts })
      .from(webhookEvents)
      .where(eq(webhookEvents.id, id));
    return row?.attempts ?? 0;
  }

  /** Counts a failed attempt (the claim itself was rolled back with the batch). */
  async markEventFailed(id: number, error: string, retryAt: Date | null): Promise<void> {
    await this.db
      .update(webhookEvents)
      .set({
        status: retryAt ? "pending" : "dead",
        attempts: sql`${webhookEvents.attempts} + 1`,
        lastError: error.slice(0, 2000),
        nextAttemptAt: retryAt ?? new Date(),
        lockedUntil: null,
      })
      .where(eq(webhookEvents.id, id));
  }

  async markEventsDone(tx: Tx, ids: number[]): Promise<void> {
    if (!ids.length) return;
    await tx
      .update(webhookEvents)
      .set({ status: "done", processedAt: new Date(), lockedUntil: null, lastError: null })
      .where(inArray(webhookEvents.id, ids));
  }

  async listEvents(
    workspaceId: string,
    status: WebhookEventRow["status"] | undefined,
    limit: number,
  ) {
    return this.db
      .select()
      .from(webhookEvents)
      .where(
        and(
          sql`${webhookEvents.channelId} IN (SELECT id FROM channels WHERE workspace_id = ${workspaceId})`,
          status ? eq(webhookEvents.status, status) : undefined,
        ),
      )
      .orderBy(sql`${webhookEvents.id} DESC`)
      .limit(limit);
  }

  /** "purged": the body is gone (retention), so there is nothing to replay. */
  async requeueEvent(workspaceId: string, id: number): Promise<"queued" | "not_found" | "purged"> {
    const inWorkspace = and(
      eq(webhookEvents.id, id),
      sql`${webhookEvents.channelId} IN (SELECT id FROM channels WHERE workspace_id = ${workspaceId})`,
    );
    const rows = await this.db
      .update(webhookEvents)
      .set({ status: "pending", nextAttemptAt: new Date(), attempts: 0, lockedUntil: null })
      .where(and(inWorkspace, sql`${webhookEvents.payloadPurgedAt} IS NULL`))
      .returning({ id: webhookEvents.id });
    if (rows.length) return "queued";
    const [purged] = await this.db
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(inWorkspace);
    return purged ? "purged" : "not_found";
  }

  /**
   * Empties the bodies of up to `limit` processed deliveries that finished before
   * `before` (retention: they hold what customers wrote). Pending, failing and dead events
   * keep theirs, since replays read them. Returns how many were purged.
   */
  async purgeProcessedPayloads(before: Date, limit: number): Promise<number> {
    const rows = await queryRows<{ id: number }>(
      this.db,
      sql`UPDATE webhook_events SET payload = '{}'::jsonb, payload_purged_at = now()
          WHERE id IN (
            SELECT id FROM webhook_events
            WHERE status = 'done' AND payload_purged_at IS NULL AND processed_at < ${before.toISOString()}::timestamptz
            ORDER BY processed_at
            LIMIT ${limit}
            FOR UPDATE SKIP LOCKED)
          RETURNING id`,
    );
    return rows.length;
  }

  /** Tells the workspace's admins that a delivery could not be processed. */
  async alertDeadLetter(eventId: number, error: string): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO alerts (workspace_id, kind, severity, message, data)
      SELECT c.workspace_id, 'dead_letter', 'warning',
        ${`A webhook delivery (#${eventId}) could not be processed: ${error.slice(0, 300)}. Replay it once the cause is fixed.`},
        ${JSON.stringify({ eventId })}::jsonb
      FROM webhook_events e JOIN channels c ON c.id = e.channel_id WHERE e.id = ${eventId}`);
  }

  async listAlerts(workspaceId: string) {
    return this.db
      .select()
      .from(alerts)
      .where(eq(alerts.workspaceId, workspaceId))
      .orderBy(sql`${alerts.createdAt} DESC`)
      .limit(200);
  }

  // --- set-based ingestion (many messages in a few statements) ----------------
  // Rows travel as one JSON parameter, which both drivers pass the same way.

  /** Stored messages among `keys` (channel + platform id), with their conversation. */
  async findMessagesByKeys(tx: Tx, keys: { channelId: string; platformId: string }[]) {
    if (!keys.length) return [];
    return queryRows<{
      channel_id: string;
      platform_id: string;
      conversation_id: string;
      status: string;
      thread_key: string;
    }>(
      tx,
      sql`SELECT m.channel_id, m.platform_id, m.conversation_id, c.status, c.thread_key
          FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k("channelId" uuid, "platformId" text)
          JOIN messages m ON m.channel_id = k."channelId" AND m.platform_id = k."platformId"
          JOIN conversations c ON c.id = m.conversation_id`,
    );
  }

  /** Live (not closed) conversations of the given threads. */
  async findLiveConversationsByKeys(tx: Tx, keys: { channelId: string; threadKey: string }[]) {
    if (!keys.length) return [];
    return queryRows<{ id: string; channel_id: string; thread_key: string }>(
      tx,
      sql`SELECT c.id, c.channel_id, c.thread_key
          FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k("channelId" uuid, "threadKey" text)
          JOIN conversations c ON c.channel_id = k."channelId" AND c.thread_key = k."threadKey" AND c.status <> 'closed'`,
    );
  }

  async findIdentitiesByKeys(
    tx: Tx,
    keys: { workspaceId: string; kind: string; platformUserId: string }[],
  ) {
    if (!keys.length) return [];
    return queryRows<{
      id: string;
      contact_id: string;
      workspace_id: string;
      kind: string;
      platform_user_id: string;
      handle: string | null;
      display_name: string | null;
      avatar_url: string | null;
    }>(
      tx,
      sql`SELECT i.id, i.contact_id, i.workspace_id, i.kind, i.platform_user_id, i.handle, i.display_name, i.avatar_url
          FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k("workspaceId" uuid, kind text, "platformUserId" text)
          JOIN contact_identities i ON i.workspace_id = k."workspaceId" AND i.kind::text = k.kind AND i.platform_user_id = k."platformUserId"`,
    );
  }

  async findDeletionsByKeys(tx: Tx, keys: { channelId: string; platformId: string }[]) {
    if (!keys.length) return [];
    return queryRows<{ channel_id: string; platform_id: string }>(
      tx,
      sql`SELECT d.channel_id, d.platform_id
          FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k("channelId" uuid, "platformId" text)
          JOIN platform_deletions d ON d.channel_id = k."channelId" AND d.platform_id = k."platformId"`,
    );
  }

  /** Inserts contacts with their first identity; false if another worker got there first. */
  async insertContactsWithIdentities(
    tx: Tx,
    rows: {
      contactId: string;
      identityId: string;
      workspaceId: string;
      kind: string;
      platformUserId: string;
      handle: string | null;
      displayName: string;
      identityName: string | null;
      avatarUrl: string | null;
    }[],
  ): Promise<boolean> {
    if (!rows.length) return true;
    const json = JSON.stringify(rows);
    await tx.execute(sql`
      INSERT INTO contacts (id, workspace_id, display_name, avatar_url)
      SELECT "contactId", "workspaceId", "displayName", "avatarUrl"
      FROM jsonb_to_recordset(${json}::jsonb) AS r("contactId" uuid, "workspaceId" uuid, "displayName" text, "avatarUrl" text)`);
    const inserted = await queryRows(
      tx,
      sql`INSERT INTO contact_identities (id, workspace_id, contact_id, kind, platform_user_id, handle, display_name, avatar_url)
          SELECT "identityId", "workspaceId", "contactId", kind::channel_kind, "platformUserId", handle, "identityName", "avatarUrl"
          FROM jsonb_to_recordset(${json}::jsonb) AS r("identityId" uuid, "workspaceId" uuid, "contactId" uuid, kind text, "platformUserId" text, handle text, "identityName" text, "avatarUrl" text)
          ON CONFLICT DO NOTHING RETURNING id`,
    );
    return inserted.length === rows.length;
  }

  /** Opens conversations; false if a thread already had a live one (a concurrent worker). */
  async insertConversations(
    tx: Tx,
    rows: {
      id: string;
      workspaceId: string;
      channelId: string;
      contactId: string;
      threadKey: string;
      visibility: string;
      createdAt: string;
      /** The batch's messages in it, stored with it rather than counted in afterwards. */
      messageCount: number;
      lastMessageAt: string;
      lastInboundPrivateAt: string | null;
    }[],
  ): Promise<boolean> {
    if (!rows.length) return true;
    const inserted = await queryRows(
      tx,
      sql`INSERT INTO conversations (id, workspace_id, channel_id, contact_id, thread_key, visibility,
                                     message_count, last_message_at, last_inbound_private_at, created_at)
          SELECT id, "workspaceId", "channelId", "contactId", "threadKey", visibility::message_visibility,
                 "messageCount", "lastMessageAt", "lastInboundPrivateAt", now()
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, "workspaceId" uuid, "channelId" uuid,
            "contactId" uuid, "threadKey" text, visibility text, "messageCount" int, "lastMessageAt" timestamptz,
            "lastInboundPrivateAt" timestamptz)
          ON CONFLICT DO NOTHING RETURNING id`,
    );
    return inserted.length === rows.length;
  }

  /** Inserts messages; false if any platform id was stored meanwhile. */
  async insertMessages(
    tx: Tx,
    rows: {
      id: string;
      workspaceId: string;
      conversationId: string;
      channelId: string;
      platformId: string;
      parentPlatformId: string | null;
      direction: string;
      visibility: string;
      authorIdentityId: string | null;
      text: string;
      language: string | null;
      sentiment: string | null;
      sentimentScore: number | null;
      praise: boolean;
      personalData: { type: string; start: number; end: number }[];
      searchText: string | null;
      meta: Record<string, unknown>;
      createdAt: string;
      deletedAt: string | null;
      deliveryStatus: string | null;
    }[],
  ): Promise<boolean> {
    if (!rows.length) return true;
    const inserted = await queryRows(
      tx,
      sql`INSERT INTO messages (id, workspace_id, conversation_id, channel_id, platform_id, parent_platform_id, direction, visibility,
            author_identity_id, text, language, sentiment, sentiment_score, praise, personal_data, search_text,
            meta, created_at, deleted_at, delivery_status)
          SELECT id, "workspaceId", "conversationId", "channelId", "platformId", "parentPlatformId", direction::message_direction,
            visibility::message_visibility, "authorIdentityId", text, language, sentiment, "sentimentScore", praise,
            "personalData", "searchText", meta, "createdAt", "deletedAt", "deliveryStatus"::delivery_status
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, "workspaceId" uuid, "conversationId" uuid, "channelId" uuid,
            "platformId" text, "parentPlatformId" text, direction text, visibility text, "authorIdentityId" uuid, text text,
            language text, sentiment text, "sentimentScore" real, praise boolean, "personalData" jsonb, "searchText" text,
            meta jsonb, "createdAt" timestamptz, "deletedAt" timestamptz, "deliveryStatus" text)
          ON CONFLICT DO NOTHING RETURNING id`,
    );
    return inserted.length === rows.length;
  }

  /** Adds counted messages to conversations, reopening pending/solved ones a customer wrote to. */
  async bumpConversations(
    tx: Tx,
    rows: {
      id: string;
      count: number;
      lastAt: string;
      lastPrivateInboundAt: string | null;
      inbound: boolean;
    }[],
  ): Promise<void> {
    if (!rows.length) return;
    await tx.execute(sql`
      UPDATE conversations c SET
        message_count = c.message_count + v.count,
        last_message_at = GREATEST(c.last_message_at, v."lastAt"),
        last_inbound_private_at = CASE WHEN v."lastPrivateInboundAt" IS NULL THEN c.last_inbound_private_at
          ELSE GREATEST(COALESCE(c.last_inbound_private_at, v."lastPrivateInboundAt"), v."lastPrivateInboundAt") END,
        status = CASE WHEN v.inbound AND c.status IN ('pending', 'solved') THEN 'open'::conversation_status ELSE c.status END,
        solved_at = CASE WHEN v.inbound AND c.status = 'solved' THEN NULL ELSE c.solved_at END,
        updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(id uuid, count int, "lastAt" timestamptz, "lastPrivateInboundAt" timestamptz, inbound boolean)
      WHERE c.id = v.id`);
  }

  // --- contacts ---------------------------------------------------------------

  /** The contact behind a platform identity, created on first sight, refreshed after. */
  async upsertIdentity(
    tx: Tx,
    workspaceId: string,
    kind: ChannelRow["kind"],
    author: PlatformAuthor,
  ): Promise<{ contactId: string; identityId: string }> {
    const [existing] = await tx
      .select({
        id: contactIdentities.id,
        contactId: contactIdentities.contactId,
        handle: contactIdentities.handle,
        displayName: contactIdentities.displayName,
        avatarUrl: contactIdentities.avatarUrl,
      })
      .from(contactIdentities)
      .where(
        and(
          eq(contactIdentities.workspaceId, workspaceId),
          eq(contactIdentities.kind, kind),
          eq(contactIdentities.platformUserId, author.platformUserId),
        ),
      );
    if (existing) {
      const changed =
        (author.handle && author.handle !== existing.handle) ||
        (author.displayName && author.displayName !== existing.displayName) ||
        (author.avatarUrl && author.avatarUrl !== existing.avatarUrl);
      if (changed) {
        await tx
          .update(contactIdentities)
          .set({
            handle: author.handle ?? existing.handle,
            displayName: author.displayName ?? existing.displayName,
            avatarUrl: author.avatarUrl ?? existing.avatarUrl,
            updatedAt: new Date(),
          })
          .where(eq(contactIdentities.id, existing.id));
      }
      return { contactId: existing.contactId, identityId: existing.id };
    }
    const displayName =
      author.displayName ??
      (author.handle ? `@${author.handle}` : `${kind} user ${author.platformUserId}`);
    const [contact] = await tx
      .insert(contacts)
      .values({ workspaceId, displayName, avatarUrl: author.avatarUrl ?? null })
      .returning({ id: contacts.id });
    const [identity] = await tx
      .insert(contactIdentities)
      .values({
        workspaceId,
        contactId: contact!.id,
        kind,
        platformUserId: author.platformUserId,
        handle: author.handle ?? null,
        displayName: author.displayName ?? null,
        avatarUrl: author.avatarUrl ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: contactIdentities.id });
    if (identity) return { contactId: contact!.id, identityId: identity.id };
    // Another worker created the identity meanwhile: use theirs.
    await tx.delete(contacts).where(eq(contacts.id, contact!.id));
    return this.upsertIdentity(tx, workspaceId, kind, author);
  }

  // --- conversations and messages ---------------------------------------------

  async findMessage(
    tx: Tx,
    channelId: string,
    platformId: string,
  ): Promise<MessageRow | undefined> {
    const [row] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.channelId, channelId), eq(messages.platformId, platformId)));
    return row;
  }

  async findConversation(tx: Tx, id: string): Promise<ConversationRow | undefined> {
    const [row] = await tx.select().from(conversations).where(eq(conversations.id, id));
    return row;
  }

  async findLiveConversation(
    tx: Tx,
    channelId: string,
    threadKey: string,
  ): Promise<ConversationRow | undefined> {
    const [row] = await tx
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.channelId, channelId),
          eq(conversations.threadKey, threadKey),
          ne(conversations.status, "closed"),
        ),
      );
    return row;
  }

  /** Opens the live conversation of a thread, or returns the one a concurrent worker opened. */
  async openConversation(
    tx: Tx,
    input: {
      workspaceId: string;
      channelId: string;
      contactId: string;
      threadKey: string;
      visibility: "public" | "private";
      createdAt: Date;
    },
  ): Promise<ConversationRow> {
    const rows = await queryRows(
      tx,
      sql`
      INSERT INTO conversations (workspace_id, channel_id, contact_id, thread_key, visibility, last_message_at)
      VALUES (${input.workspaceId}, ${input.channelId}, ${input.contactId}, ${input.threadKey}, ${input.visibility}, ${input.createdAt.toISOString()})
      ON CONFLICT (channel_id, thread_key) WHERE status <> 'closed' DO NOTHING
      RETURNING id`,
    );
    const id = (rows[0] as { id?: string } | undefined)?.id;
    const conversation = id
      ? await this.findConversation(tx, id)
      : await this.findLiveConversation(tx, input.channelId, input.threadKey);
    if (!conversation) throw new Error(`conversation for ${input.threadKey} could not be opened`);
    return conversation;
  }

  async isDeletedOnPlatform(tx: Tx, channelId: string, platformId: string): Promise<boolean> {
    const [row] = await tx
      .select({ id: platformDeletions.platformId })
      .from(platformDeletions)
      .where(
        and(
          eq(platformDeletions.channelId, channelId),
          eq(platformDeletions.platformId, platformId),
        ),
      );
    return Boolean(row);
  }

  async rememberDeletion(
    tx: Tx,
    channelId: string,
    platformId: string,
    deletedAt: Date,
  ): Promise<void> {
    await tx
      .insert(platformDeletions)
      .values({ channelId, platformId, deletedAt })
      .onConflictDoNothing();
  }

  /** Inserts a message unless the platform id is already stored; undefined then. */
  async insertMessage(
    tx: Tx,
    values: typeof messages.$inferInsert,
  ): Promise<MessageRow | undefined> {
    const [row] = await tx.insert(messages).values(values).onConflictDoNothing().returning();
    return row;
  }

  /** Counts a new message on its conversation and moves the status as a new message does. */
  async touchConversation(
    tx: Tx,
    conversationId: string,
    input: { at: Date; inbound: boolean; privateInbound: boolean },
  ): Promise<void> {
    const at = input.at.toISOString();
    const result = await queryRows(
      tx,
      sql`
      UPDATE conversations SET
        message_count = message_count + 1,
        last_message_at = GREATEST(last_message_at, ${at}::timestamptz),
        last_inbound_private_at = CASE WHEN ${input.privateInbound}
          THEN GREATEST(COALESCE(last_inbound_private_at, ${at}::timestamptz), ${at}::timestamptz)
          ELSE last_inbound_private_at END,
        status = CASE WHEN ${input.inbound} AND status IN ('pending', 'solved') THEN 'open'::conversation_status ELSE status END,
        solved_at = CASE WHEN ${input.inbound} AND status = 'solved' THEN NULL ELSE solved_at END,
        updated_at = now()
      WHERE id = ${conversationId}
      RETURNING id`,
    );
    if (!result.length) throw new Error(`conversation ${conversationId} vanished`);
  }

  /**
   * Moves the messages of live threads named `keys` (replies that arrived before their
   * parent) into `into`, and removes the emptied conversations. The response facts
   * follow: the moved messages count in `into` as if they had arrived there late (a
   * reply in the adopted thread answers the wave it falls in), and the removed
   * conversations' waves go with them. Returns how many moved.
   */
  async adoptThreads(
    tx: Tx,
    channelId: string,
    keys: string[],
    into: ConversationRow,
  ): Promise<number> {
    if (!keys.length) return 0;
    const orphans = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.channelId, channelId),
          inArray(conversations.threadKey, keys),
          ne(conversations.status, "closed"),
          ne(conversations.id, into.id),
        ),
      );
    if (!orphans.length) return 0;
    const ids = orphans.map((o) => o.id);
    const moved = await tx
      .update(messages)
      .set({ conversationId: into.id })
      .where(inArray(messages.conversationId, ids))
      .returning({ id: messages.id });
    const movedIds = `{${moved.map((m) => m.id).join(",")}}`;
    await tx.execute(sql`SELECT response_facts_moved(${movedIds}::uuid[])`);
    await tx.delete(conversations).where(inArray(conversations.id, ids));
    await tx.execute(sql`
      UPDATE conversations SET
        message_count = (SELECT count(*) FROM messages WHERE conversation_id = ${into.id} AND direction <> 'note'),
        last_message_at = (SELECT max(created_at) FROM messages WHERE conversation_id = ${into.id}),
        updated_at = now()
      WHERE id = ${into.id}`);
    return moved.length;
  }

  async editMessage(
    tx: Tx,
    message: MessageRow,
    text: string,
    editedAt: Date,
    enrichment: Partial<
      Pick<
        MessageRow,
        "language" | "sentiment" | "sentimentScore" | "praise" | "personalData" | "searchText"
      >
    > = {},
  ): Promise<void> {
    const edits = Array.isArray(message.meta.edits) ? (message.meta.edits as unknown[]) : [];
    // Keep what the customer wrote before: nothing they wrote is lost on an edit. Its
    // personal-data spans travel with it, so the old text is masked like the new one.
    const previous = message.personalData.length
      ? {
          text: message.text,
          replacedAt: editedAt.toISOString(),
          personalData: message.personalData,
        }
      : { text: message.text, replacedAt: editedAt.toISOString() };
    await tx
      .update(messages)
      .set({
        ...enrichment,
        text,
        editedAt,
        meta: { ...message.meta, edits: [...edits, previous] },
      })
      .where(eq(messages.id, message.id));
  }

  /** Honours a platform deletion: our copy of the text (and its edit history) is removed. */
  async deleteMessage(tx: Tx, message: MessageRow, deletedAt: Date): Promise<void> {
    const { edits: _edits, quotedText: _quoted, ...meta } = message.meta;
    await tx
      .update(messages)
      .set({ text: "", deletedAt, meta, personalData: [], searchText: null })
      .where(eq(messages.id, message.id));
  }

  async addFavorite(tx: Tx, messageId: string): Promise<void> {
    await tx
      .update(messages)
      .set({ favoriteCount: sql`${messages.favoriteCount} + 1` })
      .where(eq(messages.id, messageId));
  }

  async disableChannel(tx: Tx, channelId: string, reason: string): Promise<ChannelRow | undefined> {
    const [row] = await tx
      .update(channels)
      .set({ status: "disabled", disabledReason: reason, updatedAt: new Date() })
      .where(eq(channels.id, channelId))
      .returning();
    return row;
  }

  async createAlert(
    tx: Tx,
    input: {
      workspaceId: string;
      kind: string;
      severity: string;
      message: string;
      data: Record<string, unknown>;
    },
  ): Promise<void> {
    await tx.insert(alerts).values(input);
  }
}

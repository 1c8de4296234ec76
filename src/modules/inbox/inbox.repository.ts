import { and, asc, desc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import {
  type ChannelRow,
  type ConversationRow,
  type ConversationStatus,
  channels,
  contactIdentities,
  contacts,
  conversations,
  type MessageRow,
  messages,
  users,
} from "../../db/schema/index.ts";

export interface ConversationFilter {
  workspaceId: string;
  status?: ConversationStatus[] | undefined;
  channel?: string | undefined;
  assignee?: "me" | "none" | string | undefined;
  tag?: string | undefined;
  /** A team id, or `none` for conversations no team has yet. */
  team?: string | undefined;
  q?: string | undefined;
  ids?: string[] | undefined;
  userId: string;
}

export type ConversationSort = "newest" | "urgent";

export interface ConversationListRow {
  conversation: ConversationRow;
  /** `lastMessageAt` to the microsecond, as text, for cursors. */
  cursorAt?: string;
  channel: Pick<ChannelRow, "id" | "kind" | "name">;
  contact: { id: string; displayName: string; avatarUrl: string | null };
  lastMessage: {
    text: string;
    direction: string;
    createdAt: Date;
    deleted: boolean;
    personalData: { type: string; start: number; end: number }[];
  } | null;
  /** An admin confirmed the contact as an account posing as the brand. */
  impostor: boolean;
}

export interface Cursor {
  at: string;
  id: string;
  /** Queue score of the last row, for the `urgent` order. */
  p?: number | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** All SQL of the agents' inbox: lists, details, replies, notes, status, assignment. */
export class InboxRepository {
  constructor(private readonly db: Db) {}

  private filterConditions(f: ConversationFilter): SQL[] {
    const where: SQL[] = [eq(conversations.workspaceId, f.workspaceId)];
    if (f.status?.length) where.push(inArray(conversations.status, f.status));
    if (f.channel) {
      where.push(
        UUID.test(f.channel)
          ? eq(conversations.channelId, f.channel)
          : sql`${conversations.channelId} IN (SELECT id FROM channels WHERE kind = ${f.channel})`,
      );
    }
    if (f.assignee === "me") where.push(eq(conversations.assigneeId, f.userId));
    else if (f.assignee === "none") where.push(sql`${conversations.assigneeId} IS NULL`);
    else if (f.assignee) where.push(eq(conversations.assigneeId, f.assignee));
    if (f.tag) where.push(sql`${f.tag} = ANY(${conversations.tags})`);
    if (f.team === "none") where.push(sql`${conversations.teamId} IS NULL`);
    else if (f.team) where.push(eq(conversations.teamId, f.team));
    if (f.ids) where.push(f.ids.length ? inArray(conversations.id, f.ids) : sql`false`);
    if (f.q) {
      const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(sql`(
        EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = ${conversations.id}
                AND to_tsvector('simple', COALESCE(m.search_text, m.text)) @@ plainto_tsquery('simple', ${f.q}))
        OR EXISTS (SELECT 1 FROM contacts ct WHERE ct.id = ${conversations.contactId} AND ct.display_name ILIKE ${pattern})
        OR EXISTS (SELECT 1 FROM contact_identities ci WHERE ci.contact_id = ${conversations.contactId} AND ci.handle ILIKE ${pattern}))`);
    }
    return where;
  }

  async listConversations(
    f: ConversationFilter,
    cursor: Cursor | undefined,
    limit: number,
    sort: ConversationSort = "newest",
  ): Promise<ConversationListRow[]> {
    const where = this.filterConditions(f);
    const urgent = sort === "urgent";
    if (cursor && urgent) {
      where.push(sql`(${conversations.queueScore} < ${cursor.p ?? 0} OR (${conversations.queueScore} = ${cursor.p ?? 0}
        AND (${conversations.lastMessageAt}, ${conversations.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)))`);
    } else if (cursor) {
      where.push(
        sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
      );
    }
    const rows = await this.db
      .select({
        conversation: conversations,
        channel: { id: channels.id, kind: channels.kind, name: channels.name },
        contact: {
          id: contacts.id,
          displayName: contacts.displayName,
          avatarUrl: contacts.avatarUrl,
        },
        lastText: sql<string | null>`lm.text`,
        lastDirection: sql<string | null>`lm.direction`,
        lastAt: sql<string | null>`lm.created_at`,
        lastDeleted: sql<string | null>`lm.deleted_at`,
        lastPersonalData: sql<
          { type: string; start: number; end: number }[] | null
        >`lm.personal_data`,
        // The exact timestamp for the page cursor: JavaScript dates stop at milliseconds,
        // PostgreSQL keeps microseconds, and a rounded cursor would skip or repeat rows.
        cursorAt: sql<string>`to_char(${conversations.lastMessageAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        impostor: sql<boolean>`EXISTS (SELECT 1 FROM impostor_accounts ia
          WHERE ia.contact_id = ${contacts.id} AND ia.status = 'confirmed')`,
      })
      .from(conversations)
      .innerJoin(channels, eq(channels.id, conversations.channelId))
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .leftJoin(
        sql`LATERAL (SELECT m.text, m.direction, m.created_at, m.deleted_at, m.personal_data FROM messages m
              WHERE m.conversation_id = ${conversations.id} AND m.direction <> 'note'
              ORDER BY m.created_at DESC, m.id DESC LIMIT 1) lm`,
        sql`true`,
      )
      .where(and(...where))
      .orderBy(
        ...(urgent
          ? [
              desc(conversations.queueScore),
              asc(conversations.lastMessageAt),
              asc(conversations.id),
            ]
          : [desc(conversations.lastMessageAt), desc(conversations.id)]),
      )
      .limit(limit);
    return rows.map((r) => ({
      conversation: r.conversation,
      channel: r.channel,
      contact: r.contact,
      lastMessage: r.lastAt
        ? {
            text: r.lastText ?? "",
            direction: r.lastDirection ?? "inbound",
            createdAt: new Date(r.lastAt),
            deleted: r.lastDeleted !== null,
            personalData: r.lastPersonalData ?? [],
          }
        : null,
      impostor: Boolean(r.impostor),
      cursorAt: r.cursorAt,
    }));
  }

  /** Counts for the console's views, in one query. */
  async countViews(workspaceId: string, userId: string): Promise<Record<string, number>> {
    const result = await queryRows(
      this.db,
      sql`
      SELECT
        count(*) FILTER (WHERE status IN ('new','open') AND assignee_id = ${userId}) AS mine,
        count(*) FILTER (WHERE status IN ('new','open') AND assignee_id IS NULL) AS unassigned,
        count(*) FILTER (WHERE status IN ('new','open')) AS open,
        count(*) FILTER (WHERE status = 'pending') AS pending,
        count(*) FILTER (WHERE status = 'solved') AS solved
      FROM conversations WHERE workspace_id = ${workspaceId}`,
    );
    const row = (result[0] ?? {}) as Record<string, unknown>;
    const perChannel = await queryRows<{ kind: string; n: unknown }>(
      this.db,
      sql`SELECT ch.kind, count(*) AS n FROM conversations c JOIN channels ch ON ch.id = c.channel_id
          WHERE c.workspace_id = ${workspaceId} AND c.status IN ('new','open') GROUP BY ch.kind`,
    );
    const perTeam = await queryRows<{ team_id: string; n: unknown }>(
      this.db,
      sql`SELECT team_id, count(*) AS n FROM conversations
          WHERE workspace_id = ${workspaceId} AND status IN ('new','open') AND team_id IS NOT NULL
          GROUP BY team_id`,
    );
    return {
      ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])),
      ...Object.fromEntries(perChannel.map((r) => [`channel:${r.kind}`, Number(r.n)])),
      ...Object.fromEntries(perTeam.map((r) => [`team:${r.team_id}`, Number(r.n)])),
    };
  }

  /**
   * Counts for saved views, all in one pass over the workspace's conversations: each
   * view is a `count(*) FILTER (WHERE …)` column with the list's own conditions.
   */
  async countFilters(
    workspaceId: string,
    userId: string,
    filters: { key: string; filter: Omit<ConversationFilter, "workspaceId" | "userId"> }[],
  ): Promise<Record<string, number>> {
    if (!filters.length) return {};
    const columns = filters.map(({ filter }, i) => {
      const where = this.filterConditions({ ...filter, workspaceId, userId }).slice(1);
      const cond = where.length ? sql.join(where, sql` AND `) : sql`true`;
      return sql`count(*) FILTER (WHERE ${cond}) AS ${sql.identifier(`c${i}`)}`;
    });
    const [row] = await queryRows<Record<string, unknown>>(
      this.db,
      sql`SELECT ${sql.join(columns, sql`, `)} FROM conversations
          WHERE ${conversations.workspaceId} = ${workspaceId}`,
    );
    return Object.fromEntries(filters.map(({ key }, i) => [key, Number(row?.[`c${i}`] ?? 0)]));
  }

  async findConversation(workspaceId: string, id: string): Promise<ConversationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, id), eq(conversations.workspaceId, workspaceId)));
    return row;
  }

  async findChannel(id: string): Promise<ChannelRow | undefined> {
    const [row] = await this.db.select().from(channels).where(eq(channels.id, id));
    return row;
  }

  async listMessages(conversationId: string, includeNotes: boolean) {
    const where = [eq(messages.conversationId, conversationId)];
    if (!includeNotes) where.push(ne(messages.direction, "note"));
    return this.db
      .select({
        message: messages,
        authorName: sql<
          string | null
        >`COALESCE(${users.name}, ${contactIdentities.displayName}, ${contactIdentities.handle})`,
      })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.authorUserId))
      .leftJoin(contactIdentities, eq(contactIdentities.id, messages.authorIdentityId))
      .where(and(...where))
      .orderBy(asc(messages.createdAt), asc(messages.receivedAt));
  }

  async findContactWithIdentities(contactId: string) {
    const [contact] = await this.db.select().from(contacts).where(eq(contacts.id, contactId));
    if (!contact) return undefined;
    const identities = await this.db
      .select()
      .from(contactIdentities)
      .where(eq(contactIdentities.contactId, contactId))
      .orderBy(asc(contactIdentities.createdAt));
    return { contact, identities };
  }

  async updateContact(
    workspaceId: string,
    id: string,
    patch: { displayName?: string; tags?: string[]; notes?: string | null },
  ) {
    const [row] = await this.db
      .update(contacts)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(contacts.id, id), eq(contacts.workspaceId, workspaceId)))
      .returning();
    return row;
  }

  async listContactConversations(contactId: string, exceptId: string, limit = 20) {
    return this.db
      .select({
        id: conversations.id,
        status: conversations.status,
        channelKind: channels.kind,
        lastMessageAt: conversations.lastMessageAt,
        messageCount: conversations.messageCount,
      })
      .from(conversations)
      .innerJoin(channels, eq(channels.id, conversations.channelId))
      .where(and(eq(conversations.contactId, contactId), ne(conversations.id, exceptId)))
      .orderBy(desc(conversations.lastMessageAt))
      .limit(limit);
  }

  /** The newest inbound message of the conversation with a platform id (what replies answer). */
  async latestInbound(conversationId: string): Promise<MessageRow | undefined> {
    const [row] = await this.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.conversationId, conversationId),
          eq(messages.direction, "inbound"),
          sql`${messages.platformId} IS NOT NULL`,
        ),
      )
      .orderBy(desc(messages.createdAt))
      .limit(1);
    return row;
  }

  async findMessage(id: string): Promise<MessageRow | undefined> {
    const [row] = await this.db.select().from(messages).where(eq(messages.id, id));
    return row;
  }

  /** Adds an agent's message (outbound reply or internal note) and counts it. */
  async addAgentMessage(
    values: typeof messages.$inferInsert,
    statusAfter: ConversationStatus | undefined,
    addTags: string[] = [],
    /**
     * Runs first, with the conversation locked, and may throw to refuse the message —
     * so two agents sending at once cannot both pass a check on "who replied since".
     */
    guard?: (tx: Db) => Promise<void>,
  ): Promise<MessageRow> {
    return this.db.transaction(async (tx) => {
      if (guard) {
        await tx.execute(
          sql`SELECT 1 FROM conversations WHERE id = ${values.conversationId} FOR UPDATE`,
        );
        await guard(tx as unknown as Db);
      }
      const [row] = await tx.insert(messages).values(values).returning();
      await tx
        .update(conversations)
        .set({
          messageCount:
            values.direction === "note"
              ? sql`${conversations.messageCount}`
              : sql`${conversations.messageCount} + 1`,
          lastMessageAt: sql`GREATEST(${conversations.lastMessageAt}, now())`,
          updatedAt: new Date(),
          ...(statusAfter ? statusPatch(statusAfter) : {}),
          ...(addTags.length ? { tags: mergeTags(addTags) } : {}),
        })
        .where(eq(conversations.id, values.conversationId));
      return row!;
    });
  }

  /**
   * Replies by other agents stored after `seenMessageId` (by our own clock, `received_at`:
   * platform timestamps may lag). Undefined when that message is not in the conversation.
   */
  async repliesByOthersSince(
    executor: Pick<Db, "execute">,
    conversationId: string,
    seenMessageId: string,
    agentId: string,
  ): Promise<{ id: string; authorId: string; authorName: string; createdAt: Date }[] | undefined> {
    const seen = await queryRows<{ received_at: unknown }>(
      executor,
      sql`SELECT received_at FROM messages WHERE id = ${seenMessageId} AND conversation_id = ${conversationId}`,
    );
    if (!seen.length) return undefined;
    const rows = await queryRows<{
      id: string;
      author_id: string;
      name: string;
      created_at: unknown;
    }>(
      executor,
      sql`SELECT m.id, m.author_user_id AS author_id, u.name, m.created_at FROM messages m
          JOIN users u ON u.id = m.author_user_id
          WHERE m.conversation_id = ${conversationId} AND m.direction = 'outbound'
            AND m.author_user_id <> ${agentId} AND m.id <> ${seenMessageId}
            AND m.received_at > (SELECT received_at FROM messages WHERE id = ${seenMessageId})
          ORDER BY m.received_at`,
    );
    return rows.map((r) => ({
      id: r.id,
      authorId: r.author_id,
      authorName: r.name,
      createdAt: new Date(r.created_at as string),
    }));
  }

  async updateConversation(
    id: string,
    patch: {
      status?: ConversationStatus;
      assigneeId?: string | null;
      teamId?: string | null;
      priority?: number;
      tags?: string[];
    },
  ): Promise<ConversationRow | undefined> {
    const { status, ...rest } = patch;
    const [row] = await this.db
      .update(conversations)
      .set({ ...rest, ...(status ? statusPatch(status) : {}), updatedAt: new Date() })
      .where(eq(conversations.id, id))
      .returning();
    return row;
  }

  /**
   * Applies one change to many conversations of a workspace in one transaction; `within`
   * runs inside it with the changed ids (to publish events that go out at commit).
   */
  async bulkUpdate(
    workspaceId: string,
    ids: string[],
    change:
      | { set: { status?: ConversationStatus; assigneeId?: string | null; teamId?: string | null } }
      | { addTag: string }
      | { removeTag: string },
    within: (tx: Db, changed: string[]) => Promise<void>,
  ): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const patch =
        "set" in change
          ? {
              ...(change.set.assigneeId !== undefined ? { assigneeId: change.set.assigneeId } : {}),
              ...(change.set.teamId !== undefined ? { teamId: change.set.teamId } : {}),
              ...(change.set.status ? statusPatch(change.set.status) : {}),
            }
          : "addTag" in change
            ? { tags: mergeTags([change.addTag]) }
            : { tags: sql`array_remove(${conversations.tags}, ${change.removeTag})` };
      const rows = await tx
        .update(conversations)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, ids)))
        .returning({ id: conversations.id });
      const changed = rows.map((r) => r.id);
      await within(tx as unknown as Db, changed);
      return changed;
    });
  }

  async isWorkspaceTeam(workspaceId: string, teamId: string): Promise<boolean> {
    const rows = await queryRows(
      this.db,
      sql`SELECT 1 FROM teams WHERE id = ${teamId} AND workspace_id = ${workspaceId}`,
    );
    return rows.length > 0;
  }

  async isWorkspaceStaff(workspaceId: string, userId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.id, userId),
          eq(users.workspaceId, workspaceId),
          inArray(users.role, ["agent", "moderator", "admin"]),
        ),
      );
    return Boolean(row);
  }

  // --- outbound delivery ------------------------------------------------------

  /** Claims outbound messages that are due: queued ones, and retries whose time came. */
  async claimOutbound(limit: number): Promise<MessageRow[]> {
    const result = await queryRows(
      this.db,
      sql`
      UPDATE messages SET delivery_status = 'sending', delivery_attempts = delivery_attempts + 1,
        next_attempt_at = now() + interval '5 minutes'
      WHERE id IN (
        SELECT id FROM messages
        WHERE delivery_status IN ('queued') AND next_attempt_at <= now()
        ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id`,
    );
    const ids = (result as { id: string }[]).map((r) => r.id);
    if (!ids.length) return [];
    return this.db.select().from(messages).where(inArray(messages.id, ids));
  }

  /**
   * Marks a message sent with the platform's id. If the platform's echo of it arrived
   * first and was stored as its own message, that copy is removed: one message, once.
   */
  async markSent(message: MessageRow, platformId: string | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (platformId === null) {
        await tx
          .update(messages)
          .set({ deliveryStatus: "sent", deliveryError: null, nextAttemptAt: null })
          .where(eq(messages.id, message.id));
        return;
      }
      const echoes = await tx
        .delete(messages)
        .where(
          and(
            eq(messages.channelId, message.channelId),
            eq(messages.platformId, platformId),
            ne(messages.id, message.id),
          ),
        )
        .returning({ id: messages.id });
      if (echoes.length) {
        await tx
          .update(conversations)
          .set({ messageCount: sql`${conversations.messageCount} - ${echoes.length}` })
          .where(eq(conversations.id, message.conversationId));
      }
      await tx
        .update(messages)
        .set({ platformId, deliveryStatus: "sent", deliveryError: null, nextAttemptAt: null })
        .where(eq(messages.id, message.id));
    });
  }

  async markDeliveryRetry(id: string, error: string, at: Date): Promise<void> {
    await this.db
      .update(messages)
      .set({ deliveryStatus: "queued", deliveryError: error.slice(0, 1000), nextAttemptAt: at })
      .where(eq(messages.id, id));
  }

  async markDeliveryFailed(id: string, error: string): Promise<void> {
    await this.db
      .update(messages)
      .set({ deliveryStatus: "failed", deliveryError: error.slice(0, 1000), nextAttemptAt: null })
      .where(eq(messages.id, id));
  }

  /** Messages left in `sending` by a crashed process: the outcome is unknown. */
  async failStaleSending(): Promise<MessageRow[]> {
    return this.db
      .update(messages)
      .set({
        deliveryStatus: "failed",
        deliveryError:
          "hilft stopped while sending; it may or may not have reached the platform. Check there before sending again.",
        nextAttemptAt: null,
      })
      .where(and(eq(messages.deliveryStatus, "sending"), sql`${messages.nextAttemptAt} < now()`))
      .returning();
  }

  async markHidden(id: string): Promise<void> {
    await this.db.update(messages).set({ hiddenAt: new Date() }).where(eq(messages.id, id));
  }
}

/** SQL for "the conversation's tags plus these", without duplicates, in order. */
function mergeTags(add: string[]): SQL {
  return sql`ARRAY(SELECT DISTINCT unnest(${conversations.tags} || ${toTextArray(add)}) ORDER BY 1)`;
}

function toTextArray(values: string[]): SQL {
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

function statusPatch(status: ConversationStatus) {
  return {
    status,
    solvedAt: status === "solved" ? new Date() : null,
    closedAt: status === "closed" ? new Date() : null,
  };
}

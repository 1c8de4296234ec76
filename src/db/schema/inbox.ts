import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users, workspaces } from "./accounts.ts";
import { questions } from "./community.ts";
import { teams } from "./operations.ts";

export const channelKind = pgEnum("channel_kind", ["x", "facebook", "community", "email"]);
export const channelStatus = pgEnum("channel_status", ["active", "disabled"]);
export const conversationStatus = pgEnum("conversation_status", [
  "new",
  "open",
  "pending",
  "solved",
  "closed",
]);
export const messageDirection = pgEnum("message_direction", ["inbound", "outbound", "note"]);
export const messageVisibility = pgEnum("message_visibility", ["public", "private", "internal"]);
export const deliveryStatus = pgEnum("delivery_status", ["queued", "sending", "sent", "failed"]);
export const webhookEventStatus = pgEnum("webhook_event_status", [
  "pending",
  "processing",
  "done",
  "dead",
]);

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const channels = pgTable(
  "channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: channelKind("kind").notNull(),
    name: text("name").notNull(),
    /** X handle without @, or the Facebook page's name. */
    handle: text("handle"),
    /** The platform's id of the account: X user id (`for_user_id`), Facebook page id. */
    externalId: text("external_id").notNull(),
    /** AES-256-GCM sealed JSON of the credentials; see lib/secret-box.ts. */
    credentials: text("credentials").notNull(),
    apiBaseUrl: text("api_base_url"),
    status: channelStatus("status").notNull().default("active"),
    disabledReason: text("disabled_reason"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("channels_kind_external_key").on(t.kind, t.externalId)],
);

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    avatarUrl: text("avatar_url"),
    notes: text("notes"),
    /** Labels such as `vip`: routing rules match them, VIPs rank higher in the queue. */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("contacts_workspace_idx").on(t.workspaceId)],
);

export const contactIdentities = pgTable(
  "contact_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    kind: channelKind("kind").notNull(),
    /** X user id, Facebook page-scoped id (PSID or commenter id), community user id. */
    platformUserId: text("platform_user_id").notNull(),
    handle: text("handle"),
    displayName: text("display_name"),
    avatarUrl: text("avatar_url"),
    /**
     * Messenger webhooks carry only a page-scoped id: the name and picture are looked up
     * afterwards (User Profile API), retried with backoff, given up after a few attempts.
     */
    profileAttempts: integer("profile_attempts").notNull().default(0),
    profileNextAt: ts("profile_next_at").notNull().defaultNow(),
    profileError: text("profile_error"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contact_identities_platform_key").on(t.workspaceId, t.kind, t.platformUserId),
    index("contact_identities_contact_idx").on(t.contactId),
    index("contact_identities_profile_due_idx")
      .on(t.profileNextAt)
      .where(sql`kind = 'facebook' AND display_name IS NULL AND profile_attempts < 5`),
  ],
);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** What groups messages into this thread, e.g. `x:tweet:<root id>`, `fb:dm:<psid>`. */
    threadKey: text("thread_key").notNull(),
    visibility: messageVisibility("visibility").notNull(),
    status: conversationStatus("status").notNull().default("new"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** The team responsible (routing rules or an agent set it); null means no team yet. */
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    priority: integer("priority").notNull().default(0),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    messageCount: integer("message_count").notNull().default(0),
    lastMessageAt: ts("last_message_at").notNull().defaultNow(),
    /** Latest inbound private message: Messenger's 24-hour window counts from here. */
    lastInboundPrivateAt: ts("last_inbound_private_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    solvedAt: ts("solved_at"),
    closedAt: ts("closed_at"),
    /**
     * When routing rules last placed it (team, priority, tags, assignee); null until the
     * first inbound message is routed, and again after a reopen.
     */
    routedAt: ts("routed_at"),
    /** Start of the current SLA cycle: the first inbound message, or the one that reopened it. */
    slaStartedAt: ts("sla_started_at"),
    firstResponseWarnAt: ts("first_response_warn_at"),
    firstResponseDueAt: ts("first_response_due_at"),
    /** The first agent reply of the cycle that reached the platform. */
    firstResponseAt: ts("first_response_at"),
    /** Null while pending on the customer (paused); set again when it resumes. */
    resolutionWarnAt: ts("resolution_warn_at"),
    resolutionDueAt: ts("resolution_due_at"),
    /** Stretches pending on the customer in this cycle, kept by a trigger on `status`. */
    slaPauses: jsonb("sla_pauses")
      .$type<{ from: string; to?: string | null }[]>()
      .notNull()
      .default([]),
    /** The last out-of-hours automatic reply: at most one per closed period. */
    lastAutoReplyAt: ts("last_auto_reply_at"),
    /**
     * Place in the console's urgent order (higher first): `queueScore` in lib/routing.ts
     * over SLA time left, level, me-too, sentiment and VIP; refreshed by the SLA task.
     */
    queueScore: integer("queue_score").notNull().default(0),
    /** The unanswered community question this conversation brings into the queue. */
    communityQuestionId: uuid("community_question_id").references(() => questions.id, {
      onDelete: "set null",
    }),
  },
  (t) => [
    // One thread is live at a time; a message after `closed` starts a new conversation.
    uniqueIndex("conversations_live_thread_key")
      .on(t.channelId, t.threadKey)
      .where(sql`status <> 'closed'`),
    index("conversations_list_idx").on(t.workspaceId, t.status, t.lastMessageAt),
    uniqueIndex("conversations_community_question_key").on(t.communityQuestionId),
    index("conversations_contact_idx").on(t.contactId),
    index("conversations_assignee_idx").on(t.assigneeId, t.status),
    index("conversations_team_idx").on(t.teamId, t.status),
    // Reports select conversations started in a date range.
    index("conversations_created_idx").on(t.workspaceId, t.createdAt),
    // SLA attainment: clocks still running (their breach depends on the time of asking).
    index("conversations_sla_running_idx")
      .on(t.workspaceId, t.createdAt)
      .where(sql`sla_started_at IS NOT NULL AND (first_response_at IS NULL OR solved_at IS NULL)`),
    // The SLA task looks for clocks that reach their warning or due time.
    index("conversations_first_response_due_idx")
      .on(t.firstResponseWarnAt)
      .where(sql`first_response_at IS NULL AND status IN ('new', 'open')`),
    index("conversations_resolution_due_idx")
      .on(t.resolutionWarnAt)
      .where(sql`status IN ('new', 'open')`),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    /** The platform's id of the message (tweet id, DM event id, mid, comment id). */
    platformId: text("platform_id"),
    /** The platform id this message answers, when it is a reply. */
    parentPlatformId: text("parent_platform_id"),
    direction: messageDirection("direction").notNull(),
    visibility: messageVisibility("visibility").notNull(),
    authorIdentityId: uuid("author_identity_id").references(() => contactIdentities.id, {
      onDelete: "set null",
    }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Exactly what was written; emptied when the platform reports a deletion. */
    text: text("text").notNull(),
    language: text("language"),
    /** Inbound only: positive, neutral or negative (see lib/text-analysis). */
    sentiment: text("sentiment").$type<"positive" | "neutral" | "negative">(),
    /** −1 (very negative) … 1 (very positive). */
    sentimentScore: real("sentiment_score"),
    praise: boolean("praise").notNull().default(false),
    /**
     * Personal data found in `text` (public inbound messages): type and span only, never
     * the value. The API masks these spans unless someone with the right reveals them.
     */
    personalData: jsonb("personal_data")
      .$type<{ type: string; start: number; end: number }[]>()
      .notNull()
      .default([]),
    /** What full-text search reads when `text` holds personal data: the masked text. */
    searchText: text("search_text"),
    /** Platform extras: attachments, quoted tweet, postback payload, favourite count. */
    meta: jsonb("meta").$type<Record<string, unknown>>().notNull().default({}),
    favoriteCount: integer("favorite_count").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
    receivedAt: ts("received_at").notNull().defaultNow(),
    editedAt: ts("edited_at"),
    deletedAt: ts("deleted_at"),
    hiddenAt: ts("hidden_at"),
    deliveryStatus: deliveryStatus("delivery_status"),
    deliveryError: text("delivery_error"),
    deliveryAttempts: integer("delivery_attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at"),
    /** Outbound: how to send it (`x_reply`, `x_dm`, `fb_message`, `fb_comment`, `fb_private_reply`). */
    sendAction: text("send_action"),
  },
  (t) => [
    uniqueIndex("messages_channel_platform_key")
      .on(t.channelId, t.platformId)
      .where(sql`platform_id IS NOT NULL`),
    index("messages_conversation_idx").on(t.conversationId, t.createdAt),
    index("messages_outbox_idx")
      .on(t.nextAttemptAt)
      .where(sql`delivery_status IN ('queued', 'sending')`),
    // Search never indexes personal data: a message with findings is indexed masked.
    index("messages_text_search_idx").using(
      "gin",
      sql`to_tsvector('simple', COALESCE(${t.searchText}, ${t.text}))`,
    ),
    // Reports count inbound messages in a date range.
    index("messages_inbound_created_idx")
      .on(t.workspaceId, t.createdAt)
      .where(sql`direction = 'inbound'`),
    index("messages_praise_idx")
      .on(t.workspaceId, t.createdAt)
      .where(sql`praise AND direction = 'inbound'`),
  ],
);

/**
 * Every verified webhook delivery, stored before it is acknowledged: the durable record
 * and the work queue of the ingestion pipeline in one (processed in id order).
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: channelKind("platform").notNull(),
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "set null" }),
    /** sha256 of the body: a platform's redelivery of the same bytes is stored once. */
    bodyHash: text("body_hash").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    status: webhookEventStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    receivedAt: ts("received_at").notNull().defaultNow(),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    processedAt: ts("processed_at"),
    /**
     * When the body was emptied by the retention task (it holds what customers wrote,
     * personal data included); a purged event can no longer be replayed.
     */
    payloadPurgedAt: ts("payload_purged_at"),
  },
  (t) => [
    uniqueIndex("webhook_events_body_key").on(t.platform, t.bodyHash),
    index("webhook_events_queue_idx")
      .on(t.nextAttemptAt, t.id)
      .where(sql`status IN ('pending', 'processing')`),
    index("webhook_events_status_idx").on(t.status, t.id),
    // What the retention task looks for: processed bodies not yet emptied, oldest first.
    index("webhook_events_retention_idx")
      .on(t.processedAt)
      .where(sql`status = 'done' AND payload_purged_at IS NULL`),
  ],
);

/** Deletions that arrived before the message they delete; applied when it arrives. */
export const platformDeletions = pgTable(
  "platform_deletions",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    platformId: text("platform_id").notNull(),
    deletedAt: ts("deleted_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("platform_deletions_key").on(t.channelId, t.platformId)],
);

/** Things admins must see: a revoked channel, dead-lettered events, impostors later. */
export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    severity: text("severity").notNull().default("warning"),
    message: text("message").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts("created_at").notNull().defaultNow(),
    resolvedAt: ts("resolved_at"),
    read: boolean("read").notNull().default(false),
  },
  (t) => [index("alerts_workspace_idx").on(t.workspaceId, t.createdAt)],
);

export type ChannelRow = typeof channels.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type ContactIdentityRow = typeof contactIdentities.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type WebhookEventRow = typeof webhookEvents.$inferSelect;
export type ChannelKind = (typeof channelKind.enumValues)[number];
export type ConversationStatus = (typeof conversationStatus.enumValues)[number];

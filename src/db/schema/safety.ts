import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users, workspaces } from "./accounts.ts";
import { channelKind, channels, contacts, messages } from "./inbox.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** What hilft does on its own when a customer posts personal data in public. */
export interface PersonalDataPolicy {
  /** Hide the public post through the channel (Facebook; X has no hide in this API). */
  hide: boolean;
  /** Send the customer a private message asking to continue privately. */
  privateMessage: boolean;
}

/**
 * A workspace's trust-and-safety settings. A missing row means the defaults; brand
 * handles and names left null are derived from the workspace's X channels.
 */
export const safetySettings = pgTable("safety_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** Per channel kind (`x`, `facebook`). */
  personalDataPolicy: jsonb("personal_data_policy")
    .$type<Record<string, PersonalDataPolicy>>()
    .notNull()
    .default({}),
  /** Roles allowed to reveal masked personal data (besides admins). */
  revealRoles: text("reveal_roles").array().notNull().default(sql`'{admin,moderator}'::text[]`),
  /** Region for numbers written without a country code. */
  defaultRegion: text("default_region").notNull().default("DE"),
  /** Values that are never personal data here: hotlines, the company's own IBAN. */
  allowlist: text("allowlist").array().notNull().default(sql`'{}'::text[]`),
  customPatterns: jsonb("custom_patterns")
    .$type<{ name: string; regex: string; flags?: string }[]>()
    .notNull()
    .default([]),
  brandHandles: text("brand_handles").array(),
  brandNames: text("brand_names").array(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** One public message with personal data: counted, and what hilft did about it. */
export const personalDataIncidents = pgTable(
  "personal_data_incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    // No conversation id: threads merge (replies before their parent); the message knows.
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    types: text("types").array().notNull(),
    /** `{hide: "queued"|"unavailable"|"off", privateMessage: "queued"|"off"}`. */
    actions: jsonb("actions").$type<Record<string, string>>().notNull().default({}),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("personal_data_incidents_message_key").on(t.messageId),
    index("personal_data_incidents_workspace_idx").on(t.workspaceId, t.createdAt),
  ],
);

/**
 * Accounts that look like the brand. One row per account (`account_key`: the lower-cased
 * handle, or `id:<platform user id>` without one), so an impostor raises one alert.
 */
export const impostorAccounts = pgTable(
  "impostor_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: channelKind("kind").notNull(),
    accountKey: text("account_key").notNull(),
    platformUserId: text("platform_user_id"),
    handle: text("handle"),
    displayName: text("display_name"),
    /** The contact hilft knows the account as, once it wrote to the brand. */
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    status: text("status").notNull().default("suspected"),
    reason: text("reason").notNull(),
    score: real("score").notNull(),
    evidence: jsonb("evidence").$type<Record<string, unknown>>().notNull(),
    seenCount: integer("seen_count").notNull().default(1),
    firstSeenAt: ts("first_seen_at").notNull().defaultNow(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: ts("decided_at"),
  },
  (t) => [
    uniqueIndex("impostor_accounts_key").on(t.workspaceId, t.kind, t.accountKey),
    index("impostor_accounts_confirmed_contact_idx")
      .on(t.contactId)
      .where(sql`status = 'confirmed'`),
  ],
);

/**
 * Append-only and tamper-evident: each row stores sha256(prev_hash + canonical JSON of the
 * row), so changing or removing a row breaks every hash after it (`hilft audit verify`).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // No foreign keys: the record outlives the people and workspaces it names.
    workspaceId: uuid("workspace_id"),
    actorId: uuid("actor_id"),
    /** Who, readably: an e-mail address, `cli`, `system`. */
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    createdAt: ts("created_at").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_workspace_idx").on(t.workspaceId, t.id),
    index("audit_events_action_idx").on(t.workspaceId, t.action, t.id),
  ],
);

export type SafetySettingsRow = typeof safetySettings.$inferSelect;
export type ImpostorAccountRow = typeof impostorAccounts.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;

import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users, workspaces } from "./accounts.ts";

/**
 * Following boards, tags and ideas, each person's community handle and e-mail choice,
 * and the e-mails queued for them. Questions are followed in `community_followers`
 * (older, with a reason); the follow list API shows both.
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const FOLLOW_TARGETS = ["board", "tag", "idea"] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];

export const follows = pgTable(
  "community_follows",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** board | tag | idea */
    targetType: text("target_type").$type<FollowTarget>().notNull(),
    /** The board's or idea's id, or the normalised tag. */
    target: text("target").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.targetType, t.target] }),
    index("community_follows_target_idx").on(t.workspaceId, t.targetType, t.target),
  ],
);

export const EMAIL_FREQUENCIES = ["off", "immediate", "daily"] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

/**
 * A person's community settings: the `@handle` others mention them by (given on their
 * first post, changeable) and how their notifications reach them by e-mail.
 */
export const memberSettings = pgTable(
  "community_member_settings",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    handle: text("handle").notNull(),
    email: text("email").$type<EmailFrequency>().notNull().default("immediate"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("community_member_settings_handle_key").on(t.workspaceId, sql`lower(${t.handle})`),
  ],
);

/** One notification (or one digest) by e-mail; `key` is unique, so nothing goes twice. */
export interface EmailItemRef {
  /** community_notifications (q) or community_idea_notifications (i). */
  source: "q" | "i";
  id: string;
}

export const emailDeliveries = pgTable(
  "community_email_deliveries",
  {
    /** `q:<notification id>`, `i:<idea notification id>` or `digest:<user id>:<local date>`. */
    key: text("key").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** immediate | digest */
    kind: text("kind").notNull(),
    items: jsonb("items").$type<EmailItemRef[]>().notNull(),
    /** queued | sent | failed (gave up) */
    status: text("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    /** Not before this time; also holds a claimed delivery while it is being sent. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("community_email_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'queued'`),
  ],
);

export type FollowRow = typeof follows.$inferSelect;
export type MemberSettingsRow = typeof memberSettings.$inferSelect;
export type EmailDeliveryRow = typeof emailDeliveries.$inferSelect;

import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["customer", "agent", "moderator", "admin"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  defaultLocale: text("default_locale").notNull().default("de"),
  timeZone: text("time_zone").notNull().default("Europe/Berlin"),
  /**
   * Set when the time zone changed: the roll-ups counted per local day (calendar
   * `response_days`, `sla_days`) still need counting again in the new zone, and reports
   * count from the facts until then. Cleared by the rebuild (SLA task).
   */
  rollupsStaleSince: timestamp("rollups_stale_since", { withTimezone: true }),
  /** When an instance began that rebuild (started again after 10 minutes unfinished). */
  rollupsRebuildStartedAt: timestamp("rollups_rebuild_started_at", { withTimezone: true }),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: userRole("role").notNull().default("customer"),
    passwordHash: text("password_hash"),
    locale: text("locale"),
    /** Appended to replies, e.g. `^AB`. Null means the default (initials); "" means none. */
    signature: text("signature"),
    /** IANA zone the console shows times in; null follows the browser. */
    timeZone: text("time_zone"),
    /** What an agent knows: languages and products, e.g. `lang:de`, `product:mobile`. */
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    /** Consents for the public team page: both off until the agent agrees. */
    showPhotoPublicly: boolean("show_photo_publicly").notNull().default(false),
    showFullNamePublicly: boolean("show_full_name_publicly").notNull().default(false),
    /** When the photo (in `agent_photos`) last changed; null means none. */
    photoUpdatedAt: timestamp("photo_updated_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [
    // E-mail addresses are compared case-insensitively; the column keeps what was typed.
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    index("users_workspace_role_idx").on(t.workspaceId, t.role),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Agents' profile photos, resized to a small WebP on upload. Kept apart from `users` so
 * that the many queries reading users never carry image bytes.
 */
export const agentPhotos = pgTable("agent_photos", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  webp: bytea("webp").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** sha256 of the cookie value; the value itself is never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    csrfToken: text("csrf_token").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** First characters of the token, shown in lists so people can tell tokens apart. */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

export type UserRow = typeof users.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type UserRole = (typeof userRole.enumValues)[number];

import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { TBadgeRule } from "../../lib/reputation/badges.ts";
import type { TReputationSettingsPatch } from "../../lib/reputation/settings.ts";
import { users, workspaces } from "./accounts.ts";

/**
 * Reputation: an append-only ledger of points (a reversal is a new row pointing at the
 * one it cancels), a per-person cache of the total and rank, badges and their awards,
 * the rewards catalogue and its redemptions, serial-voting cases and vote origins for
 * sockpuppet signals. Settings per workspace are JSON laid over defaults in
 * src/lib/reputation/settings.ts.
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const reputationSettings = pgTable("reputation_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  settings: jsonb("settings").$type<TReputationSettingsPatch>().notNull().default({}),
  updatedAt: updatedAt(),
});

export const reputationLedger = pgTable(
  "reputation_ledger",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** A LedgerKind (src/lib/reputation/points.ts), or `reversal`. */
    kind: text("kind").notNull(),
    points: integer("points").notNull(),
    /**
     * What caused the row, unique per person: the same cause recorded twice (a retried
     * request, a race) is one row. Reversals use `reversal:<original id>`.
     */
    causeKey: text("cause_key").notNull(),
    /** Set on a compensating row: the row it cancels (at most one reversal each). */
    reversesId: uuid("reverses_id"),
    /** Who did what caused it (the voter, the accepter), when someone did. */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    postType: text("post_type"),
    postId: uuid("post_id"),
    questionId: uuid("question_id"),
    /** UTC day whose daily cap the gain counted against; null when it is not capped. */
    capDay: date("cap_day", { mode: "string" }),
    /** Points the rule gave before the daily cap, for transparency. */
    uncappedPoints: integer("uncapped_points"),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("reputation_ledger_cause_key").on(t.userId, t.causeKey),
    uniqueIndex("reputation_ledger_reverses_key").on(t.reversesId),
    index("reputation_ledger_user_idx").on(t.userId, t.createdAt),
    index("reputation_ledger_workspace_idx").on(t.workspaceId, t.createdAt),
    index("reputation_ledger_post_idx").on(t.postId),
    index("reputation_ledger_actor_idx").on(t.actorId, t.createdAt),
  ],
);

/** The sum of a person's ledger and the rank it gives; rewritten on every change. */
export const reputationTotals = pgTable(
  "reputation_totals",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    points: integer("points").notNull().default(0),
    rankKey: text("rank_key").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [index("reputation_totals_board_idx").on(t.workspaceId, t.points)],
);

export const badges = pgTable(
  "reputation_badges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    icon: text("icon").notNull(),
    /** Null for manual badges that staff award by hand. */
    rule: jsonb("rule").$type<TBadgeRule>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("reputation_badges_workspace_key").on(t.workspaceId, t.key)],
);

export const badgeAwards = pgTable(
  "reputation_badge_awards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    badgeId: uuid("badge_id")
      .notNull()
      .references(() => badges.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Staff who awarded a manual badge; null for rule badges. */
    awardedById: uuid("awarded_by_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("reputation_badge_awards_key").on(t.badgeId, t.userId),
    index("reputation_badge_awards_user_idx").on(t.userId),
  ],
);

export const rewards = pgTable(
  "reputation_rewards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    imageUrl: text("image_url"),
    stock: integer("stock").notNull().default(0),
    /** Points it costs; null when it is given by eligibility instead. */
    pricePoints: integer("price_points"),
    /** Only the top N helpers of the current month may request it; null: no such rule. */
    topHelpersOfMonth: integer("top_helpers_of_month"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("reputation_rewards_workspace_idx").on(t.workspaceId, t.active)],
);

export const redemptionStatus = pgEnum("reputation_redemption_status", [
  "requested",
  "approved",
  "shipped",
  "declined",
]);

export const redemptions = pgTable(
  "reputation_redemptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    rewardId: uuid("reward_id")
      .notNull()
      .references(() => rewards.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: redemptionStatus("status").notNull().default("requested"),
    /** Points held when requested (returned on decline). */
    points: integer("points").notNull().default(0),
    /** Staff's message to the customer (why declined, tracking number). */
    message: text("message"),
    decidedById: uuid("decided_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("reputation_redemptions_queue_idx").on(t.workspaceId, t.status, t.createdAt),
    index("reputation_redemptions_user_idx").on(t.userId, t.createdAt),
    // One open request per person and reward: a double click is one request.
    uniqueIndex("reputation_redemptions_open_key")
      .on(t.rewardId, t.userId)
      .where(sql`status = 'requested'`),
  ],
);

/** A serial-voting pattern the nightly check found and reversed. */
export const serialVotingCases = pgTable(
  "reputation_serial_voting_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    voterId: uuid("voter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    votes: integer("votes").notNull(),
    pointsReversed: integer("points_reversed").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("reputation_serial_voting_cases_idx").on(t.workspaceId, t.createdAt)],
);

/**
 * Where a person voted from: hashes of the IP address and of the device cookie, never
 * the values. Two accounts seen on the same origin that vote for each other raise a
 * moderator review.
 */
export const voteOrigins = pgTable(
  "reputation_vote_origins",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** `ip:<sha256>` or `device:<sha256>` */
    origin: text("origin").notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.origin] }),
    index("reputation_vote_origins_origin_idx").on(t.origin),
  ],
);

export type LedgerRow = typeof reputationLedger.$inferSelect;
export type BadgeRow = typeof badges.$inferSelect;
export type BadgeAwardRow = typeof badgeAwards.$inferSelect;
export type RewardRow = typeof rewards.$inferSelect;
export type RedemptionRow = typeof redemptions.$inferSelect;
export type RedemptionStatus = (typeof redemptionStatus.enumValues)[number];

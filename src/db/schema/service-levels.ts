import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { workspaces } from "./accounts.ts";
import { channelKind, channels, conversations } from "./inbox.ts";
import { teams } from "./operations.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * SLA warnings and breaches, one row per clock, event and due time (so a second
 * instance or a retry records nothing twice); the reports count the breaches.
 */
export const slaEvents = pgTable(
  "sla_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    teamId: uuid("team_id"),
    /** `first_response` or `resolution`. */
    clock: text("clock").$type<"first_response" | "resolution">().notNull(),
    /** `warning` or `breach`. */
    kind: text("kind").$type<"warning" | "breach">().notNull(),
    dueAt: ts("due_at").notNull(),
    at: ts("at").notNull(),
  },
  (t) => [
    uniqueIndex("sla_events_once_key").on(t.conversationId, t.clock, t.kind, t.dueAt),
    index("sla_events_workspace_idx").on(t.workspaceId, t.at),
  ],
);

/**
 * Inbound messages per workspace, channel and UTC hour, kept by a statement trigger on
 * `messages`: the year-wide volume report reads 8,760 rows per channel instead of
 * millions of messages.
 */
export const inboundHourly = pgTable(
  "inbound_hourly",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    hour: ts("hour").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.hour, t.channelId] }),
    index("inbound_hourly_channel_idx").on(t.channelId),
  ],
);

/**
 * Response facts for the reports: one row per wave of a conversation (its first inbound
 * message, and each inbound message after it was solved) with the first agent reply
 * after it and when the wave was solved. Kept by triggers on `messages` and
 * `conversations` (see the migration), so every write path counts.
 */
export const responseFacts = pgTable(
  "response_facts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    channel: channelKind("channel").notNull(),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    priority: integer("priority").notNull().default(0),
    startedAt: ts("started_at").notNull(),
    firstReplyAt: ts("first_reply_at"),
    resolvedAt: ts("resolved_at"),
  },
  (t) => [
    index("response_facts_range_idx").on(t.workspaceId, t.startedAt),
    index("response_facts_conversation_idx").on(t.conversationId, t.startedAt),
  ],
);

/**
 * The response-times roll-up: per workspace, clock, local day (the workspace's zone) of
 * the wave's start and channel, how many waves began (`waves`), how many have no reply
 * yet (`unanswered`) and how many first responses and resolutions took `bucket_ms`
 * (fixed buckets, `src/lib/duration-histogram.ts`). The clock is the calendar
 * (`CALENDAR_CLOCK`) or a team's business hours (see `responseClocks`). Kept by a
 * trigger on `response_facts`; a year of reports sums a few hundred thousand rows.
 */
export const responseDays = pgTable(
  "response_days",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    clockId: uuid("clock_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    channel: channelKind("channel").notNull(),
    kind: text("kind").$type<"waves" | "unanswered" | "first_response" | "resolution">().notNull(),
    bucketMs: bigint("bucket_ms", { mode: "number" }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [
    primaryKey({
      columns: [t.workspaceId, t.clockId, t.day, t.channel, t.kind, t.bucketMs],
    }),
  ],
);

/**
 * The SLA attainment roll-up: per workspace, team (`NO_TEAM` for none) and local day
 * (the workspace's zone) of the conversation's start, the conversations with SLA clocks
 * and those whose first response or resolution met or missed its due time. Clocks still
 * running (missed only once due) are counted from the conversations when asked. Kept by
 * a trigger on `conversations`.
 */
export const slaDays = pgTable(
  "sla_days",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    teamId: uuid("team_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    conversations: integer("conversations").notNull().default(0),
    firstResponseMet: integer("first_response_met").notNull().default(0),
    firstResponseLate: integer("first_response_late").notNull().default(0),
    resolutionMet: integer("resolution_met").notNull().default(0),
    resolutionLate: integer("resolution_late").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.teamId, t.day] })],
);

/** The team id in `sla_days` of conversations without a team. */
export const NO_TEAM = "00000000-0000-0000-0000-000000000000";

/** The clock id of calendar time in `response_days`. */
export const CALENDAR_CLOCK = "00000000-0000-0000-0000-000000000000";

/**
 * A team's business clock as the roll-up uses it: built (intervals written, the team's
 * days counted) for the schedule in `schedule_key`, valid for waves within
 * [covers_from, covers_to). Rebuilt when the team's hours change. While `counted_at` is
 * null the days are being counted (the triggers already add changes) and reports do
 * not use the clock yet.
 */
export const responseClocks = pgTable("response_clocks", {
  teamId: uuid("team_id")
    .primaryKey()
    .references(() => teams.id, { onDelete: "cascade" }),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  scheduleKey: text("schedule_key").notNull(),
  coversFrom: ts("covers_from").notNull(),
  coversTo: ts("covers_to").notNull(),
  builtAt: ts("built_at").notNull().defaultNow(),
  countedAt: ts("counted_at"),
});

/** A team's open intervals (epoch ms) with the open time before each, for the roll-up. */
export const responseClockIntervals = pgTable(
  "response_clock_intervals",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => responseClocks.teamId, { onDelete: "cascade" }),
    startMs: bigint("start_ms", { mode: "number" }).notNull(),
    endMs: bigint("end_ms", { mode: "number" }).notNull(),
    beforeMs: bigint("before_ms", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.startMs] })],
);

export type ResponseClockRow = typeof responseClocks.$inferSelect;

export type SlaEventRow = typeof slaEvents.$inferSelect;

import { sql } from "drizzle-orm";
import {
  boolean,
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
import type { ScheduleException, WeeklyShift } from "../../lib/opening-hours/index.ts";
import { users, workspaces } from "./accounts.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** A team with published opening hours: who answers, when, and under which holidays. */
export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Shown to customers on /team and in the community; internal teams stay hidden. */
    isPublic: boolean("is_public").notNull().default(true),
    timeZone: text("time_zone").notNull().default("Europe/Berlin"),
    /** date-holidays region, e.g. DE + NW; no country means no holidays. */
    holidayCountry: text("holiday_country"),
    holidayState: text("holiday_state"),
    weekly: jsonb("weekly").$type<WeeklyShift[]>().notNull().default([]),
    exceptions: jsonb("exceptions").$type<ScheduleException[]>().notNull().default([]),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("teams_workspace_name_key").on(t.workspaceId, sql`lower(${t.name})`)],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Languages and products, e.g. `lang:de`, `product:mobile`. */
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    /** Conversations this agent handles at once. */
    capacity: integer("capacity").notNull().default(5),
    /** The agent's own weekly shifts; null means the team's opening hours. */
    shifts: jsonb("shifts").$type<WeeklyShift[] | null>(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index("team_members_user_idx").on(t.userId),
  ],
);

export const incidentStatus = pgEnum("incident_status", ["open", "resolved"]);

/**
 * An incident (outage, launch day): opened by hand or when spike detection fires, shown
 * as the console banner while open, kept for the reports' incident timeline.
 */
export const incidents = pgTable(
  "incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    status: incidentStatus("status").notNull().default("open"),
    /** `spike` when detection opened it, `manual` when a person did. */
    source: text("source").notNull(),
    /** Public status note the macro links to. */
    statusNoteUrl: text("status_note_url"),
    /** The spike figures that opened it (count, baseline, ratio, …). */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    openedBy: uuid("opened_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: ts("started_at").notNull().defaultNow(),
    resolvedAt: ts("resolved_at"),
  },
  (t) => [
    index("incidents_workspace_idx").on(t.workspaceId, t.startedAt),
    // Spike detection opens at most one incident at a time per workspace.
    uniqueIndex("incidents_open_spike_key")
      .on(t.workspaceId)
      .where(sql`status = 'open' AND source = 'spike'`),
  ],
);

export type TeamRow = typeof teams.$inferSelect;
export type TeamMemberRow = typeof teamMembers.$inferSelect;
export type IncidentRow = typeof incidents.$inferSelect;

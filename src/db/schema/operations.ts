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
import type { RuleConditions } from "../../lib/routing.ts";
import type { SlaPolicy } from "../../lib/sla.ts";
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
    /** How new conversations reach agents: `manual` (pull), `round_robin`, `least_loaded`. */
    routingMode: text("routing_mode")
      .$type<"manual" | "round_robin" | "least_loaded">()
      .notNull()
      .default("manual"),
    /** Round robin continues after this agent. */
    lastAssignedUserId: uuid("last_assigned_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
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

/** Conditions → team, priority and tags; evaluated in `position` order on new conversations. */
export const routingRules = pgTable(
  "routing_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
    enabled: boolean("enabled").notNull().default(true),
    conditions: jsonb("conditions").$type<RuleConditions>().notNull().default({}),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    /** 0 low, 1 normal, 2 high, 3 urgent; null leaves it. */
    priority: integer("priority"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    stop: boolean("stop").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("routing_rules_workspace_idx").on(t.workspaceId, t.position)],
);

/** Per channel kind and language: the out-of-hours reply text with `{backAt}`. */
export type AutoReplyTemplates = Partial<Record<string, Partial<Record<"de" | "en", string>>>>;

/** A workspace's service settings: SLA targets, the fallback team, automatic replies. */
export const serviceSettings = pgTable("service_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  slaPolicy: jsonb("sla_policy").$type<SlaPolicy>(),
  /** Team for conversations no rule places. */
  defaultTeamId: uuid("default_team_id").references(() => teams.id, { onDelete: "set null" }),
  autoReplyEnabled: boolean("auto_reply_enabled").notNull().default(true),
  autoReplyTemplates: jsonb("auto_reply_templates")
    .$type<AutoReplyTemplates>()
    .notNull()
    .default({}),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** An agent's presence, refreshed by the console's heartbeat; stale means offline. */
export const agentPresence = pgTable("agent_presence", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** `online` takes conversations; `away` and `offline` do not. */
  status: text("status").$type<"online" | "away" | "offline">().notNull(),
  lastSeenAt: ts("last_seen_at").notNull(),
});

export type TeamRow = typeof teams.$inferSelect;
export type TeamMemberRow = typeof teamMembers.$inferSelect;
export type IncidentRow = typeof incidents.$inferSelect;
export type RoutingRuleRow = typeof routingRules.$inferSelect;
export type ServiceSettingsRow = typeof serviceSettings.$inferSelect;

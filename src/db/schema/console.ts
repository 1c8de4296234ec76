import {
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users, workspaces } from "./accounts.ts";
import { conversations } from "./inbox.ts";

export const savedViewScope = pgEnum("saved_view_scope", ["personal", "shared"]);

/** The list query a saved view stands for: the same filters as `GET /conversations`. */
export interface SavedViewQuery {
  status?: ("new" | "open" | "pending" | "solved" | "closed")[] | undefined;
  channel?: string | undefined;
  /** `me`, `none` or a user id. */
  assignee?: string | undefined;
  /** A team id or `none`. */
  team?: string | undefined;
  tag?: string | undefined;
  q?: string | undefined;
  sort?: "newest" | "urgent" | undefined;
}

/** An agent's saved filter in the console sidebar; `shared` ones are the workspace's. */
export const savedViews = pgTable(
  "saved_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scope: savedViewScope("scope").notNull().default("personal"),
    name: text("name").notNull(),
    query: jsonb("query").$type<SavedViewQuery>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("saved_views_workspace_idx").on(t.workspaceId, t.scope)],
);

export type SavedViewRow = typeof savedViews.$inferSelect;

export const presenceState = pgEnum("presence_state", ["viewing", "typing"]);

/**
 * Who is looking at or typing in a conversation right now. Consoles send a heartbeat;
 * an entry past `expires_at` is gone (a closed laptop says nothing). Kept in the
 * database so every instance answers the same, whichever one the heartbeat reached.
 */
export const conversationPresence = pgTable(
  "conversation_presence",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    state: presenceState("state").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    index("conversation_presence_workspace_idx").on(t.workspaceId, t.expiresAt),
  ],
);

export type PresenceRow = typeof conversationPresence.$inferSelect;

import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./accounts.ts";

export const macroScope = pgEnum("macro_scope", ["personal", "shared"]);

/** What a macro does to the conversation when its reply is sent. */
export interface MacroActions {
  status?: "open" | "pending" | "solved" | undefined;
  addTags?: string[] | undefined;
}

/** Canned responses: a body with `{{variables}}` and actions applied on send. */
export const macros = pgTable(
  "macros",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The author; a personal macro is visible to them only. */
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "cascade" }),
    scope: macroScope("scope").notNull().default("personal"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    actions: jsonb("actions").$type<MacroActions>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("macros_workspace_idx").on(t.workspaceId, t.scope)],
);

export type MacroRow = typeof macros.$inferSelect;
export type MacroScope = (typeof macroScope.enumValues)[number];

import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users, workspaces } from "./accounts.ts";
import { boards } from "./community.ts";

/**
 * The ideas board: customers suggest, vote, and the team answers with a status.
 *
 * Ideas have their own tables rather than a `kind` column on community_questions: they
 * share little with questions (no answers, accepted solution, me-too, duplicates or
 * review queue; a different status set), and every question list, count, sitemap and
 * the similar-question engine would otherwise need a `kind = 'question'` filter that is
 * easy to forget. Boards are shared: a board's `kind` says which of the two it holds.
 */

export const ideaStatus = pgEnum("community_idea_status", [
  "new",
  "under_review",
  "planned",
  "in_progress",
  "done",
  "declined",
]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const ideas = pgTable(
  "community_ideas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Short number for URLs: /community/i/<number>-<slug>. */
    number: integer("number").notNull().unique().generatedAlwaysAsIdentity(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    status: ideaStatus("status").notNull().default("new"),
    /** Kept in step with community_idea_votes in the same transaction as each vote. */
    votes: integer("votes").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("community_ideas_board_votes_idx").on(t.boardId, t.votes, t.createdAt),
    index("community_ideas_board_created_idx").on(t.boardId, t.createdAt),
    index("community_ideas_author_idx").on(t.authorId),
  ],
);

/** One up-vote per person and idea. */
export const ideaVotes = pgTable(
  "community_idea_votes",
  {
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.ideaId, t.userId] }),
    index("community_idea_votes_user_idx").on(t.userId),
  ],
);

/** Every status change with the team's comment: the history shown on the idea page. */
export const ideaStatusChanges = pgTable(
  "community_idea_status_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    fromStatus: ideaStatus("from_status").notNull(),
    toStatus: ideaStatus("to_status").notNull(),
    comment: text("comment").notNull(),
    commentHtml: text("comment_html").notNull(),
    changedById: uuid("changed_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("community_idea_status_changes_idea_idx").on(t.ideaId, t.createdAt)],
);

/**
 * In-app notices about ideas (a status change). Separate from community_notifications,
 * whose rows and API items always name a question.
 */
export const ideaNotifications = pgTable(
  "community_idea_notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    statusChangeId: uuid("status_change_id")
      .notNull()
      .references(() => ideaStatusChanges.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** Not yet handed to e-mail (see community_notifications.email_pending). */
    emailPending: boolean("email_pending").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index("community_idea_notifications_user_idx").on(t.userId, t.createdAt),
    index("community_idea_notifications_email_idx")
      .on(t.userId, t.createdAt)
      .where(sql`${t.emailPending}`),
  ],
);

export type IdeaRow = typeof ideas.$inferSelect;
export type IdeaStatusChangeRow = typeof ideaStatusChanges.$inferSelect;
export type IdeaStatus = (typeof ideaStatus.enumValues)[number];

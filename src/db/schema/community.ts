import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users, workspaces } from "./accounts.ts";

/**
 * The help community: boards, questions, answers, comments, their revisions, votes,
 * me-too, followers and flags. A migration trigger keeps `questions.search_vector` in
 * step with title and body, in the question's text search configuration.
 */

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const questionStatus = pgEnum("community_question_status", [
  "open",
  "solved",
  "closed",
  "duplicate",
]);
export const postType = pgEnum("community_post_type", ["question", "answer", "comment"]);
export const flagReason = pgEnum("community_flag_reason", [
  "spam",
  "offensive",
  "personal_data",
  "off_topic",
  "duplicate",
]);
export const flagStatus = pgEnum("community_flag_status", ["open", "resolved"]);
export const flagResolution = pgEnum("community_flag_resolution", [
  "hide",
  "lock",
  "dismiss",
  "approve",
]);

export const boards = pgTable(
  "community_boards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
    /** What the board holds: `questions`, or `ideas` (see community-ideas.ts). */
    kind: text("kind").notNull().default("questions"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("community_boards_workspace_slug_key").on(t.workspaceId, t.slug)],
);

export const questions = pgTable(
  "community_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Short number for URLs: /community/q/<number>-<slug>. */
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
    externalId: text("external_id"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Text search configuration: german, english or simple. */
    language: text("language").notNull().default("simple"),
    searchVector: tsvector("search_vector"),
    /** The published answers' text, kept by a trigger on community_answers; ranks, never matches. */
    answersVector: tsvector("answers_vector"),
    status: questionStatus("status").notNull().default("open"),
    duplicateOfId: uuid("duplicate_of_id"),
    closedById: uuid("closed_by_id").references(() => users.id),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Why the team closed it (status `closed`): off_topic, needs_details, outdated, answered_privately, other. */
    closeReason: text("close_reason"),
    /** The team's public words on the closure, shown on the question. */
    closeNote: text("close_note"),
    acceptedAnswerId: uuid("accepted_answer_id"),
    acceptedById: uuid("accepted_by_id").references(() => users.id),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    upvotes: integer("upvotes").notNull().default(0),
    meTooCount: integer("me_too_count").notNull().default(0),
    answerCount: integer("answer_count").notNull().default(0),
    /** Held for review (first post of a new user, links): only author and staff see it. */
    pendingReview: boolean("pending_review").notNull().default(false),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedById: uuid("deleted_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Bumped by triggers on any change to the question or its answers and comments
     * (migration `0009_question_page_cache_sql`): the key of the rendered-page cache.
     */
    pageVersion: integer("page_version").notNull().default(0),
  },
  (t) => [
    uniqueIndex("community_questions_external_key").on(t.workspaceId, t.externalId),
    index("community_questions_board_activity_idx").on(t.boardId, t.lastActivityAt),
    index("community_questions_workspace_activity_idx").on(t.workspaceId, t.lastActivityAt),
    index("community_questions_author_idx").on(t.authorId),
    index("community_questions_tags_idx").using("gin", t.tags),
    index("community_questions_search_idx").using("gin", t.searchVector),
    index("community_questions_title_trgm_idx").using("gin", sql`lower(${t.title}) gin_trgm_ops`),
  ],
);

export const answers = pgTable(
  "community_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    externalId: text("external_id"),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    upvotes: integer("upvotes").notNull().default(0),
    downvotes: integer("downvotes").notNull().default(0),
    pendingReview: boolean("pending_review").notNull().default(false),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedById: uuid("deleted_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("community_answers_external_key").on(t.questionId, t.externalId),
    index("community_answers_question_idx").on(t.questionId, t.createdAt),
    index("community_answers_author_idx").on(t.authorId),
  ],
);

export const comments = pgTable(
  "community_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    /** Set when the comment is on an answer; null for comments on the question. */
    answerId: uuid("answer_id").references(() => answers.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    pendingReview: boolean("pending_review").notNull().default(false),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedById: uuid("deleted_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("community_comments_question_idx").on(t.questionId, t.createdAt)],
);

/** The text a post had before an edit, who changed it and when. */
export const revisions = pgTable(
  "community_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postType: postType("post_type").notNull(),
    postId: uuid("post_id").notNull(),
    editorId: uuid("editor_id")
      .notNull()
      .references(() => users.id),
    previousTitle: text("previous_title"),
    previousBody: text("previous_body").notNull(),
    previousTags: text("previous_tags").array(),
    createdAt: createdAt(),
  },
  (t) => [index("community_revisions_post_idx").on(t.postType, t.postId, t.createdAt)],
);

/** One vote per person and post: +1 or -1 (questions take only +1). */
export const votes = pgTable(
  "community_votes",
  {
    postType: postType("post_type").notNull(),
    postId: uuid("post_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    value: smallint("value").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.postType, t.postId, t.userId] })],
);

export const meToos = pgTable(
  "community_me_toos",
  {
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.questionId, t.userId] }),
    index("community_me_toos_user_idx").on(t.userId),
  ],
);

export const followers = pgTable(
  "community_followers",
  {
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Why they follow: asked, answered, me_too, manual. */
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.questionId, t.userId] }),
    index("community_followers_user_idx").on(t.userId),
  ],
);

/** Reports by members and review items the system raises (held posts, objections). */
export const flags = pgTable(
  "community_flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    postType: postType("post_type").notNull(),
    postId: uuid("post_id").notNull(),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    /** Null for items the system raised itself. */
    reporterId: uuid("reporter_id").references(() => users.id, { onDelete: "set null" }),
    /** A member's reason, or null for held posts and duplicate objections. */
    reason: flagReason("reason"),
    /** flag | held_for_review | duplicate_objection */
    kind: text("kind").notNull().default("flag"),
    note: text("note"),
    status: flagStatus("status").notNull().default("open"),
    resolution: flagResolution("resolution"),
    resolvedById: uuid("resolved_by_id").references(() => users.id),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("community_flags_queue_idx").on(t.workspaceId, t.status, t.createdAt),
    index("community_flags_post_idx").on(t.postType, t.postId),
    // One open flag per reporter and post; system items are not deduplicated here.
    uniqueIndex("community_flags_open_reporter_key")
      .on(t.postType, t.postId, t.reporterId)
      .where(sql`status = 'open' AND reporter_id IS NOT NULL`),
  ],
);

/** Community standing of an account: trusted members skip review and may close duplicates. */
export const members = pgTable("community_members", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  trusted: boolean("trusted").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** In-app notices: a new answer on a followed question, an accepted answer, a badge. */
export const notifications = pgTable(
  "community_notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Null for notices about the person rather than a question (a badge). */
    questionId: uuid("question_id").references(() => questions.id, { onDelete: "cascade" }),
    /** new_answer | answer_accepted | badge_awarded | mention | new_question */
    kind: text("kind").notNull(),
    /** The question, answer or comment a `mention` is in (one notice per post and person). */
    postId: uuid("post_id"),
    /** The badge award a badge_awarded notice is about (reputation_badge_awards). */
    badgeAwardId: uuid("badge_award_id"),
    answerId: uuid("answer_id").references(() => answers.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** Not yet handed to e-mail (queued, put in a digest, or skipped by the setting). */
    emailPending: boolean("email_pending").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index("community_notifications_user_idx").on(t.userId, t.createdAt),
    index("community_notifications_email_idx")
      .on(t.userId, t.createdAt)
      .where(sql`${t.emailPending}`),
    uniqueIndex("community_notifications_mention_key")
      .on(t.userId, t.postId)
      .where(sql`${t.kind} = 'mention'`),
  ],
);

/**
 * The similar-question engine's narrow copy of each visible question (kept by triggers in
 * migration `community_question_search_sql`): its lexemes (title weight A, body B) and
 * their counts, so that a search scans a small table instead of the wide question rows.
 * Deleted, hidden, held and duplicate questions have no row.
 */
export const questionSearch = pgTable(
  "community_question_search",
  {
    questionId: uuid("question_id")
      .primaryKey()
      .references(() => questions.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The question's text search configuration (german, english or simple). */
    language: text("language").notNull(),
    vector: tsvector("vector").notNull(),
    titleLength: integer("title_length").notNull(),
    bodyLength: integer("body_length").notNull(),
    solved: boolean("solved").notNull(),
  },
  (t) => [
    index("community_question_search_vector_idx").using("gin", t.vector),
    index("community_question_search_workspace_idx").on(t.workspaceId),
  ],
);

/**
 * How many questions of a workspace contain each lexeme, refreshed from time to time
 * (see search.repository.ts): very common words are then left out when looking for
 * candidates, which keeps similar-question search fast on large communities.
 */
export const lexemeStats = pgTable(
  "community_lexeme_stats",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    lexeme: text("lexeme").notNull(),
    documents: integer("documents").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.lexeme] })],
);

export const searchStats = pgTable("community_search_stats", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  documents: integer("documents").notNull(),
  /** Average lexemes per title and per body (BM25F length normalisation). */
  averageTitleLength: real("average_title_length").notNull().default(0),
  averageBodyLength: real("average_body_length").notNull().default(0),
  /** Average distinct lexemes in a question's answers (BM25 of the answers). */
  averageAnswersLength: real("average_answers_length").notNull().default(0),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The "similar questions" shown beside a question, computed once (in the background)
 * and kept: computing them costs a full-text search, reading them one indexed row.
 * `queryTitle` is the title they were computed for; a different title makes them stale.
 */
export const relatedQuestions = pgTable("community_related_questions", {
  questionId: uuid("question_id")
    .primaryKey()
    .references(() => questions.id, { onDelete: "cascade" }),
  relatedIds: uuid("related_ids").array().notNull(),
  queryTitle: text("query_title").notNull(),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
});

export type BoardRow = typeof boards.$inferSelect;
export type QuestionRow = typeof questions.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;
export type RevisionRow = typeof revisions.$inferSelect;
export type FlagRow = typeof flags.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type QuestionStatus = (typeof questionStatus.enumValues)[number];
export type PostType = (typeof postType.enumValues)[number];
export type FlagReason = (typeof flagReason.enumValues)[number];
export type FlagResolution = (typeof flagResolution.enumValues)[number];

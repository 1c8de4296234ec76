import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users, workspaces } from "./accounts.ts";
import { answers, questions } from "./community.ts";
import { conversations } from "./inbox.ts";

/**
 * The knowledge base: articles (one row per language version; versions of one article
 * share a translation group), their revisions, categories, "was this helpful?"
 * feedback, the help search log, and short links with their clicks. A migration
 * trigger keeps `kb_articles.search_vector` in step with title, summary and body.
 */

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const articleStatus = pgEnum("kb_article_status", [
  "draft",
  "review",
  "published",
  "archived",
]);

export const kbCategories = pgTable(
  "kb_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    /** German and English names: the help pages show the reader's language. */
    nameDe: text("name_de").notNull(),
    nameEn: text("name_en").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("kb_categories_workspace_slug_key").on(t.workspaceId, t.slug)],
);

export const kbArticles = pgTable(
  "kb_articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Short number for permalinks: /help/<number>-<slug>. */
    number: integer("number").notNull().unique().generatedAlwaysAsIdentity(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Language versions of one article share this id (the first version's id). */
    translationGroup: uuid("translation_group").notNull(),
    language: text("language").$type<"de" | "en">().notNull(),
    slug: text("slug").notNull(),
    /** Slugs this article had before: their URLs redirect to the current one. */
    oldSlugs: text("old_slugs").array().notNull().default(sql`'{}'::text[]`),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    categoryId: uuid("category_id").references(() => kbCategories.id, { onDelete: "set null" }),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Question-and-answer articles are marked up as schema.org FAQPage. */
    faq: boolean("faq").notNull().default(false),
    status: articleStatus("status").notNull().default("draft"),
    /** Published articles are public from this time on (scheduled publishing). */
    publishAt: ts("publish_at"),
    archivedAt: ts("archived_at"),
    /** An archived article points readers here. */
    successorId: uuid("successor_id"),
    promotedFromAnswerId: uuid("promoted_from_answer_id").references(() => answers.id, {
      onDelete: "set null",
    }),
    promotedFromQuestionId: uuid("promoted_from_question_id").references(() => questions.id, {
      onDelete: "set null",
    }),
    /** Who wrote the promoted answer, shown as attribution. */
    attributionUserId: uuid("attribution_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    revisionCount: integer("revision_count").notNull().default(0),
    viewCount: integer("view_count").notNull().default(0),
    helpfulYes: integer("helpful_yes").notNull().default(0),
    helpfulNo: integer("helpful_no").notNull().default(0),
    searchVector: tsvector("search_vector"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("kb_articles_translation_key").on(t.translationGroup, t.language),
    uniqueIndex("kb_articles_promoted_answer_key").on(t.promotedFromAnswerId),
    index("kb_articles_workspace_status_idx").on(t.workspaceId, t.status, t.publishAt),
    index("kb_articles_category_idx").on(t.categoryId),
    // The community question page looks up the article made from its answer.
    index("kb_articles_promoted_question_idx").on(t.promotedFromQuestionId),
    index("kb_articles_search_idx").using("gin", t.searchVector),
    index("kb_articles_title_trgm_idx").using("gin", sql`lower(${t.title}) gin_trgm_ops`),
  ],
);

/** Every saved version of an article: the full text, who saved it, when. */
export const kbRevisions = pgTable(
  "kb_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    tags: text("tags").array().notNull(),
    /** Set when this revision restored an older one. */
    restoredFrom: integer("restored_from"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("kb_revisions_article_number_key").on(t.articleId, t.number)],
);

/** "Was this helpful?": one answer per reader (user or visitor cookie) and article. */
export const kbFeedback = pgTable(
  "kb_feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    /** `user:<id>` or `visitor:<cookie>`. */
    readerKey: text("reader_key").notNull(),
    helpful: boolean("helpful").notNull(),
    reason: text("reason"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("kb_feedback_reader_key").on(t.articleId, t.readerKey)],
);

/**
 * Help searches: what was asked, how many results, which article the reader opened. A
 * search counts as failed when it found nothing, or when the same reader searched
 * again soon after opening an article from it (the article did not answer them).
 */
export const kbSearches = pgTable(
  "kb_searches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    readerKey: text("reader_key").notNull(),
    query: text("query").notNull(),
    results: integer("results").notNull(),
    articleId: uuid("article_id").references(() => kbArticles.id, { onDelete: "cascade" }),
    failed: boolean("failed").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("kb_searches_reader_idx").on(t.readerKey, t.createdAt),
    index("kb_searches_article_idx").on(t.articleId),
  ],
);

/** `/s/<code>`: a short link to an article, optionally sent in one conversation. */
export const kbShortLinks = pgTable(
  "kb_short_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    articleId: uuid("article_id")
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, {
      onDelete: "cascade",
    }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    clicks: integer("clicks").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    // One link per article and conversation (and one general link per article), so
    // asking again returns the same code.
    uniqueIndex("kb_short_links_conversation_key")
      .on(t.articleId, t.conversationId)
      .where(sql`conversation_id IS NOT NULL`),
    uniqueIndex("kb_short_links_general_key").on(t.articleId).where(sql`conversation_id IS NULL`),
  ],
);

export const kbShortLinkClicks = pgTable(
  "kb_short_link_clicks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shortLinkId: uuid("short_link_id")
      .notNull()
      .references(() => kbShortLinks.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, {
      onDelete: "cascade",
    }),
    clickedAt: ts("clicked_at").notNull().defaultNow(),
  },
  (t) => [
    index("kb_short_link_clicks_link_idx").on(t.shortLinkId, t.clickedAt),
    index("kb_short_link_clicks_conversation_idx").on(t.conversationId),
  ],
);

export type KbCategoryRow = typeof kbCategories.$inferSelect;
export type KbArticleRow = typeof kbArticles.$inferSelect;
export type KbRevisionRow = typeof kbRevisions.$inferSelect;
export type KbShortLinkRow = typeof kbShortLinks.$inferSelect;
export type ArticleStatus = (typeof articleStatus.enumValues)[number];

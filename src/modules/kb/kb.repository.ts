import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  type ArticleStatus,
  type KbArticleRow,
  type KbCategoryRow,
  type KbRevisionRow,
  type KbShortLinkRow,
  kbArticles,
  kbCategories,
  kbFeedback,
  kbRevisions,
  kbSearches,
  kbShortLinkClicks,
  kbShortLinks,
} from "../../db/schema/index.ts";
import { rowsOf } from "../community/community.repository.ts";

/** Published and due: what readers may see. */
export const publicArticle = (): SQL =>
  sql`${kbArticles.status} = 'published' AND (${kbArticles.publishAt} IS NULL OR ${kbArticles.publishAt} <= now())`;

export type ArticleContent = Pick<
  KbArticleRow,
  "title" | "summary" | "body" | "bodyHtml" | "tags" | "slug" | "categoryId" | "faq"
>;

export interface NewArticle extends ArticleContent {
  workspaceId: string;
  language: "de" | "en";
  translationGroup?: string | undefined;
  authorId: string;
  status?: ArticleStatus;
  publishAt?: Date | null;
  promotedFromAnswerId?: string | null;
  promotedFromQuestionId?: string | null;
  attributionUserId?: string | null;
}

export interface ListArticlesFilter {
  workspaceId: string;
  status?: ArticleStatus | undefined;
  categoryId?: string | undefined;
  language?: "de" | "en" | undefined;
  publicOnly: boolean;
  limit: number;
  offset: number;
}

export interface ArticleMatch {
  id: string;
  number: number;
  slug: string;
  title: string;
  summary: string;
  language: "de" | "en";
  score: number;
}

export interface DeflectionFigures {
  conversationsSolved: number;
  conversationsSolvedWithLink: number;
  questionsClosed: number;
  questionsClosedByArticle: number;
  shortLinkClicks: number;
}

/** All SQL of the knowledge base. */
export class KbRepository {
  constructor(private readonly db: Db) {}

  // --- categories ------------------------------------------------------------

  listCategories(workspaceId: string): Promise<KbCategoryRow[]> {
    return this.db
      .select()
      .from(kbCategories)
      .where(eq(kbCategories.workspaceId, workspaceId))
      .orderBy(asc(kbCategories.position), asc(kbCategories.slug));
  }

  async findCategory(workspaceId: string, ref: { id?: string; slug?: string }) {
    const cond = ref.id ? eq(kbCategories.id, ref.id) : eq(kbCategories.slug, ref.slug ?? "");
    const [row] = await this.db
      .select()
      .from(kbCategories)
      .where(and(eq(kbCategories.workspaceId, workspaceId), cond));
    return row;
  }

  /** Creates the category, or returns `created: false` when the slug is taken. */
  async insertCategory(input: typeof kbCategories.$inferInsert) {
    const [row] = await this.db
      .insert(kbCategories)
      .values(input)
      .onConflictDoNothing()
      .returning();
    return row;
  }

  // --- articles --------------------------------------------------------------

  /** Inserts an article with its first revision, in one transaction. */
  async insertArticle(input: NewArticle): Promise<KbArticleRow> {
    return this.db.transaction(async (tx) => {
      const id = crypto.randomUUID();
      const [row] = await tx
        .insert(kbArticles)
        .values({
          ...input,
          id,
          translationGroup: input.translationGroup ?? id,
          revisionCount: 1,
        })
        .returning();
      await tx.insert(kbRevisions).values({
        articleId: id,
        number: 1,
        authorId: input.authorId,
        title: input.title,
        summary: input.summary,
        body: input.body,
        tags: input.tags,
      });
      return row!;
    });
  }

  /**
   * Saves new content as the next revision. The row is locked first so two editors
   * saving at once get consecutive revision numbers; a changed slug keeps the old one
   * for redirects.
   */
  async saveContent(
    articleId: string,
    editorId: string,
    content: ArticleContent,
    restoredFrom?: number,
  ): Promise<KbArticleRow> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(kbArticles)
        .where(eq(kbArticles.id, articleId))
        .for("update");
      if (!current) throw new Error(`article ${articleId} vanished`);
      const number = current.revisionCount + 1;
      const oldSlugs =
        content.slug !== current.slug && !current.oldSlugs.includes(current.slug)
          ? [...current.oldSlugs.filter((s) => s !== content.slug), current.slug]
          : current.oldSlugs.filter((s) => s !== content.slug);
      const [row] = await tx
        .update(kbArticles)
        .set({ ...content, oldSlugs, revisionCount: number, updatedAt: new Date() })
        .where(eq(kbArticles.id, articleId))
        .returning();
      await tx.insert(kbRevisions).values({
        articleId,
        number,
        authorId: editorId,
        title: content.title,
        summary: content.summary,
        body: content.body,
        tags: content.tags,
        restoredFrom: restoredFrom ?? null,
      });
      return row!;
    });
  }

  async updateArticle(
    id: string,
    patch: Partial<typeof kbArticles.$inferInsert>,
  ): Promise<KbArticleRow | undefined> {
    const [row] = await this.db
      .update(kbArticles)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(kbArticles.id, id))
      .returning();
    return row;
  }

  async findArticle(id: string): Promise<KbArticleRow | undefined> {
    const [row] = await this.db.select().from(kbArticles).where(eq(kbArticles.id, id));
    return row;
  }

  async findArticleByNumber(workspaceId: string, number: number) {
    const [row] = await this.db
      .select()
      .from(kbArticles)
      .where(and(eq(kbArticles.workspaceId, workspaceId), eq(kbArticles.number, number)));
    return row;
  }

  async findByPromotedAnswer(answerId: string) {
    const [row] = await this.db
      .select()
      .from(kbArticles)
      .where(eq(kbArticles.promotedFromAnswerId, answerId));
    return row;
  }

  /** The public article promoted from a question's answer, for the question page's link. */
  async findPublicByQuestion(questionId: string) {
    const [row] = await this.db
      .select()
      .from(kbArticles)
      .where(and(eq(kbArticles.promotedFromQuestionId, questionId), publicArticle()))
      .limit(1);
    return row;
  }

  listTranslations(translationGroup: string): Promise<KbArticleRow[]> {
    return this.db
      .select()
      .from(kbArticles)
      .where(eq(kbArticles.translationGroup, translationGroup))
      .orderBy(asc(kbArticles.language));
  }

  listArticles(f: ListArticlesFilter): Promise<KbArticleRow[]> {
    const conds: SQL[] = [eq(kbArticles.workspaceId, f.workspaceId)];
    if (f.publicOnly) conds.push(publicArticle());
    if (f.status) conds.push(eq(kbArticles.status, f.status));
    if (f.categoryId) conds.push(eq(kbArticles.categoryId, f.categoryId));
    if (f.language) conds.push(eq(kbArticles.language, f.language));
    return this.db
      .select()
      .from(kbArticles)
      .where(and(...conds))
      .orderBy(desc(kbArticles.viewCount), asc(kbArticles.number))
      .limit(f.limit)
      .offset(f.offset);
  }

  listRevisions(articleId: string): Promise<KbRevisionRow[]> {
    return this.db
      .select()
      .from(kbRevisions)
      .where(eq(kbRevisions.articleId, articleId))
      .orderBy(desc(kbRevisions.number));
  }

  async findRevision(articleId: string, number: number) {
    const [row] = await this.db
      .select()
      .from(kbRevisions)
      .where(and(eq(kbRevisions.articleId, articleId), eq(kbRevisions.number, number)));
    return row;
  }

  async recordView(articleId: string): Promise<void> {
    await this.db
      .update(kbArticles)
      .set({ viewCount: sql`${kbArticles.viewCount} + 1` })
      .where(eq(kbArticles.id, articleId));
  }

  /**
   * One answer per reader: a second answer replaces the first. The counters are
   * recounted in the same transaction, so they always match the feedback rows.
   */
  async saveFeedback(input: {
    articleId: string;
    readerKey: string;
    helpful: boolean;
    reason: string | null;
  }): Promise<KbArticleRow> {
    return this.db.transaction(async (tx) => {
      await tx
        .insert(kbFeedback)
        .values(input)
        .onConflictDoUpdate({
          target: [kbFeedback.articleId, kbFeedback.readerKey],
          set: { helpful: input.helpful, reason: input.reason, createdAt: new Date() },
        });
      const [row] = await tx
        .update(kbArticles)
        .set({
          helpfulYes: sql`(SELECT count(*)::int FROM kb_feedback WHERE article_id = ${input.articleId} AND helpful)`,
          helpfulNo: sql`(SELECT count(*)::int FROM kb_feedback WHERE article_id = ${input.articleId} AND NOT helpful)`,
        })
        .where(eq(kbArticles.id, input.articleId))
        .returning();
      return row!;
    });
  }

  async findFeedback(articleId: string, readerKey: string) {
    const [row] = await this.db
      .select()
      .from(kbFeedback)
      .where(and(eq(kbFeedback.articleId, articleId), eq(kbFeedback.readerKey, readerKey)));
    return row;
  }

  listFeedback(articleId: string, limit: number) {
    return this.db
      .select()
      .from(kbFeedback)
      .where(eq(kbFeedback.articleId, articleId))
      .orderBy(desc(kbFeedback.createdAt))
      .limit(limit);
  }

  listSitemapArticles(workspaceId: string, limit: number) {
    return this.db
      .select({
        number: kbArticles.number,
        slug: kbArticles.slug,
        updatedAt: kbArticles.updatedAt,
      })
      .from(kbArticles)
      .where(and(eq(kbArticles.workspaceId, workspaceId), publicArticle()))
      .orderBy(asc(kbArticles.number))
      .limit(limit);
  }

  // --- search ----------------------------------------------------------------

  /**
   * Articles matching a query, best first, scored like similar questions: full-text
   * rank (title over summary and tags over body) plus a small trigram term on titles.
   * The query is parsed in German and English; each article is ranked in its own.
   */
  async searchArticles(q: {
    workspaceId: string;
    tsquery: string;
    title: string;
    limit: number;
    publicOnly: boolean;
    language?: "de" | "en" | undefined;
  }): Promise<ArticleMatch[]> {
    if (!q.tsquery && !q.title.trim()) return [];
    const visible = q.publicOnly
      ? sql`AND a.status = 'published' AND (a.publish_at IS NULL OR a.publish_at <= now())`
      : sql`AND a.status <> 'archived'`;
    const language = q.language ? sql`AND a.language = ${q.language}` : sql``;
    const result = await this.db.execute(sql`
      WITH query AS (
        SELECT to_tsquery('german', ${q.tsquery}) AS de, to_tsquery('english', ${q.tsquery}) AS en
      )
      SELECT a.id, a.number, a.slug, a.title, a.summary, a.language,
        (ts_rank('{0.1,0.4,0.6,1}'::float4[], a.search_vector,
            CASE a.language WHEN 'de' THEN query.de ELSE query.en END, 0)
          + 0.1 * similarity(lower(a.title), lower(${q.title})))::float8 AS score
      FROM kb_articles a, query
      WHERE a.workspace_id = ${q.workspaceId} ${visible} ${language}
        AND (a.search_vector @@ query.de OR a.search_vector @@ query.en
             OR lower(a.title) % lower(${q.title}))
      ORDER BY score DESC, a.number
      LIMIT ${q.limit}`);
    return rowsOf<ArticleMatch>(result).map((r) => ({ ...r, score: Number(r.score) }));
  }

  async logSearch(input: {
    workspaceId: string;
    readerKey: string;
    query: string;
    results: number;
  }): Promise<string> {
    return this.db.transaction(async (tx) => {
      // The reader searched again soon after opening an article from an earlier
      // search: that article did not answer them.
      await tx.execute(sql`
        UPDATE kb_searches SET failed = true
        WHERE reader_key = ${input.readerKey} AND article_id IS NOT NULL AND NOT failed
          AND created_at > now() - interval '30 minutes'`);
      const [row] = await tx
        .insert(kbSearches)
        .values({ ...input, failed: input.results === 0 })
        .returning({ id: kbSearches.id });
      return row!.id;
    });
  }

  /** The reader opened `articleId` from their search `searchId`. */
  async attachSearch(searchId: string, readerKey: string, articleId: string): Promise<void> {
    await this.db
      .update(kbSearches)
      .set({ articleId })
      .where(
        and(
          eq(kbSearches.id, searchId),
          eq(kbSearches.readerKey, readerKey),
          isNull(kbSearches.articleId),
        ),
      );
  }

  /**
   * Articles that need attention: a low share of "helpful" answers (at least
   * `minVotes`), or many readers who searched again after opening them.
   */
  async attentionList(workspaceId: string, opts: { minVotes: number; limit: number }) {
    const result = await this.db.execute(sql`
      SELECT a.id, a.number, a.slug, a.title, a.language, a.status, a.view_count AS "viewCount",
        a.helpful_yes AS "helpfulYes", a.helpful_no AS "helpfulNo",
        coalesce(s.failed, 0)::int AS "failedSearchViews",
        coalesce(s.total, 0)::int AS "searchViews"
      FROM kb_articles a
      LEFT JOIN (
        SELECT article_id, count(*) FILTER (WHERE failed) AS failed, count(*) AS total
        FROM kb_searches WHERE workspace_id = ${workspaceId} AND article_id IS NOT NULL
        GROUP BY article_id
      ) s ON s.article_id = a.id
      WHERE a.workspace_id = ${workspaceId} AND a.status = 'published'
        AND ((a.helpful_yes + a.helpful_no >= ${opts.minVotes}
              AND a.helpful_yes::float8 / (a.helpful_yes + a.helpful_no) < 0.5)
          OR coalesce(s.failed, 0) >= 3)
      ORDER BY coalesce(s.failed, 0) + a.helpful_no - a.helpful_yes DESC, a.view_count DESC
      LIMIT ${opts.limit}`);
    return rowsOf<{
      id: string;
      number: number;
      slug: string;
      title: string;
      language: "de" | "en";
      status: ArticleStatus;
      viewCount: number;
      helpfulYes: number;
      helpfulNo: number;
      failedSearchViews: number;
      searchViews: number;
    }>(result);
  }

  /** Searches that found nothing, most frequent first: articles waiting to be written. */
  async failedQueries(workspaceId: string, limit: number) {
    const result = await this.db.execute(sql`
      SELECT lower(query) AS query, count(*)::int AS searches
      FROM kb_searches WHERE workspace_id = ${workspaceId} AND results = 0
      GROUP BY lower(query) ORDER BY searches DESC, query LIMIT ${limit}`);
    return rowsOf<{ query: string; searches: number }>(result);
  }

  // --- short links -----------------------------------------------------------

  /** The link for this article (and conversation), created on first use. */
  async ensureShortLink(input: {
    workspaceId: string;
    articleId: string;
    conversationId: string | null;
    createdById: string;
    code: string;
  }): Promise<KbShortLinkRow | undefined> {
    const existing = await this.findShortLinkFor(input.articleId, input.conversationId);
    if (existing) return existing;
    const [row] = await this.db
      .insert(kbShortLinks)
      .values(input)
      .onConflictDoNothing()
      .returning();
    // A concurrent request may have won the unique index; its row is the answer.
    // (Undefined only when the random code was taken: the caller tries another.)
    return row ?? (await this.findShortLinkFor(input.articleId, input.conversationId));
  }

  private async findShortLinkFor(articleId: string, conversationId: string | null) {
    const [row] = await this.db
      .select()
      .from(kbShortLinks)
      .where(
        and(
          eq(kbShortLinks.articleId, articleId),
          conversationId
            ? eq(kbShortLinks.conversationId, conversationId)
            : isNull(kbShortLinks.conversationId),
        ),
      );
    return row;
  }

  async findShortLink(code: string) {
    const [row] = await this.db.select().from(kbShortLinks).where(eq(kbShortLinks.code, code));
    return row;
  }

  listShortLinks(articleIds: string[]) {
    if (!articleIds.length) return Promise.resolve([]);
    return this.db.select().from(kbShortLinks).where(inArray(kbShortLinks.articleId, articleIds));
  }

  async recordClick(link: KbShortLinkRow): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .insert(kbShortLinkClicks)
        .values({ shortLinkId: link.id, conversationId: link.conversationId });
      await tx
        .update(kbShortLinks)
        .set({ clicks: sql`${kbShortLinks.clicks} + 1` })
        .where(eq(kbShortLinks.id, link.id));
    });
  }

  // --- deflection ------------------------------------------------------------

  /**
   * Conversations solved (or closed) in [from, to) whose last agent message carried one of the
   * conversation's short links (no agent wrote after it), and community questions
   * solved or closed in the period whose accepted answer links to a help article.
   */
  async deflection(workspaceId: string, from: Date, to: Date): Promise<DeflectionFigures> {
    const result = await this.db.execute(sql`
      WITH solved AS (
        SELECT c.id FROM conversations c
        WHERE c.workspace_id = ${workspaceId} AND c.status IN ('solved', 'closed')
          AND coalesce(c.solved_at, c.closed_at) >= ${from} AND coalesce(c.solved_at, c.closed_at) < ${to}
      ),
      last_agent AS (
        SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.text
        FROM messages m JOIN solved s ON s.id = m.conversation_id
        WHERE m.direction = 'outbound' AND m.author_user_id IS NOT NULL
        ORDER BY m.conversation_id, m.created_at DESC, m.id DESC
      ),
      closed_questions AS (
        SELECT q.id, q.accepted_answer_id FROM community_questions q
        WHERE q.workspace_id = ${workspaceId} AND q.deleted_at IS NULL
          AND q.status IN ('solved', 'closed')
          AND coalesce(q.accepted_at, q.closed_at) >= ${from}
          AND coalesce(q.accepted_at, q.closed_at) < ${to}
      )
      SELECT
        (SELECT count(*)::int FROM solved) AS "conversationsSolved",
        (SELECT count(*)::int FROM last_agent la WHERE EXISTS (
          SELECT 1 FROM kb_short_links l
          WHERE l.conversation_id = la.conversation_id
            AND strpos(la.text, '/s/' || l.code) > 0)) AS "conversationsSolvedWithLink",
        (SELECT count(*)::int FROM closed_questions) AS "questionsClosed",
        (SELECT count(*)::int FROM closed_questions cq JOIN community_answers a ON a.id = cq.accepted_answer_id
          WHERE a.body ~ '/(help/[0-9]+-|s/[A-Za-z0-9]{4,})') AS "questionsClosedByArticle",
        (SELECT count(*)::int FROM kb_short_link_clicks k JOIN kb_short_links l ON l.id = k.short_link_id
          WHERE l.workspace_id = ${workspaceId} AND k.clicked_at >= ${from} AND k.clicked_at < ${to}) AS "shortLinkClicks"`);
    const [row] = rowsOf<DeflectionFigures>(result);
    return row!;
  }
}

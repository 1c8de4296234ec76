import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { QuestionStatus } from "../../db/schema/index.ts";
import type { SearchConfig } from "../../lib/search-text.ts";
import { rowsOf } from "./community.repository.ts";

/** How the two signals are combined. */
export interface SimilarityWeights {
  /** Weight of PostgreSQL full-text rank (title over body over answers). */
  text: number;
  /** Weight of trigram similarity between the titles. */
  trigram: number;
  /** ts_rank normalisation flags (1 = divide by 1 + log(document length)). */
  normalization: number;
  /** ts_rank weights for D (answers), C (unused), B (body) and A (title) lexemes. */
  rankWeights: [number, number, number, number];
}

/**
 * Tuned on SemEval-2016 dev + train-part2 together (docs/community.md): raw ts_rank
 * (no length normalisation: a long question that covers the words is no worse a match)
 * over title, body and answers with PostgreSQL's default class weights, plus a small
 * trigram term on titles that mostly breaks ties and rescues typos.
 */
export const DEFAULT_WEIGHTS: SimilarityWeights = {
  text: 1,
  trigram: 0.1,
  normalization: 0,
  rankWeights: [0.1, 0.2, 0.4, 1],
};

export interface SimilarQuery {
  workspaceId: string;
  config: SearchConfig;
  /** `to_tsquery` input: words joined with `|` (see lib/search-text.ts). */
  tsquery: string;
  title: string;
  limit: number;
  /** Only score these questions (evaluation; "which of these is closest?"). */
  restrictTo?: string[];
  /** Leave this question out (the one being viewed). */
  excludeId?: string;
  weights?: SimilarityWeights;
}

export interface SimilarRow {
  id: string;
  number: number;
  externalId: string | null;
  title: string;
  status: QuestionStatus;
  score: number;
}

/** Candidates that get the full score (per signal); bounds the cost of common words. */
const CANDIDATES = 200;
/**
 * A word in more than this share of a workspace's questions (and more than MIN_COMMON
 * of them) only ranks candidates, it does not find them: "router" in a telecom
 * community would otherwise make every query rank most of the table.
 */
const COMMON_SHARE = 0.05;
const MIN_COMMON = 200;
/** How old the word statistics may get before a search refreshes them (in the background). */
const STATS_MAX_AGE_MS = 15 * 60 * 1000;

const visible = sql.raw(
  "q.deleted_at IS NULL AND q.hidden_at IS NULL AND NOT q.pending_review AND q.status <> 'duplicate'",
);

/** The similar-question engine: one SQL statement, the same on PGlite and PostgreSQL. */
export class SearchRepository {
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly refreshedAt = new Map<string, number>();

  constructor(private readonly db: Db) {}

  /**
   * Recounts in how many questions each lexeme occurs (PostgreSQL's ts_stat). The
   * importer calls it after a run; searches call it when the counts are stale.
   */
  async refreshStats(workspaceId: string): Promise<void> {
    const running = this.refreshing.get(workspaceId);
    if (running) return running;
    const work = this.db
      .transaction(async (tx) => {
        await tx.execute(
          sql`DELETE FROM community_lexeme_stats WHERE workspace_id = ${workspaceId}`,
        );
        const inner = `SELECT search_vector FROM community_questions WHERE workspace_id = '${workspaceId.replace(/'/g, "''")}' AND deleted_at IS NULL`;
        await tx.execute(sql`
          INSERT INTO community_lexeme_stats (workspace_id, lexeme, documents)
          SELECT ${workspaceId}, word, ndoc FROM ts_stat(${inner}) WHERE ndoc > 1`);
        await tx.execute(sql`
          INSERT INTO community_search_stats (workspace_id, documents, refreshed_at)
          SELECT ${workspaceId}, count(*), now() FROM community_questions
          WHERE workspace_id = ${workspaceId} AND deleted_at IS NULL
          ON CONFLICT (workspace_id) DO UPDATE SET documents = excluded.documents, refreshed_at = now()`);
        // Fresh planner statistics too: after a large import the old ones send the
        // planner past the GIN indexes.
        await tx.execute(sql`ANALYZE community_questions`);
      })
      .then(() => {
        this.refreshedAt.set(workspaceId, Date.now());
      })
      .finally(() => this.refreshing.delete(workspaceId));
    this.refreshing.set(workspaceId, work);
    return work;
  }

  /** Starts a background refresh when this process has not refreshed for a while. */
  private refreshIfStale(workspaceId: string) {
    const at = this.refreshedAt.get(workspaceId) ?? 0;
    if (Date.now() - at < STATS_MAX_AGE_MS || this.refreshing.has(workspaceId)) return;
    // Counted as fresh at once, so a failing refresh is not retried on every search.
    this.refreshedAt.set(workspaceId, Date.now());
    this.refreshStats(workspaceId).catch(() => {});
  }

  /**
   * The query that finds candidates: the query's less common words (OR), or, when all
   * are common, the two least common together (AND). As a constant, so the planner
   * uses the GIN index.
   */
  private async matchQuery(q: SimilarQuery): Promise<string> {
    const words = q.tsquery.replace(/ \| /g, " ");
    const result = await this.db.execute(sql`
      WITH stats AS (
        SELECT greatest(${MIN_COMMON}, ${COMMON_SHARE}::float8 * coalesce(
          (SELECT documents FROM community_search_stats WHERE workspace_id = ${q.workspaceId}), 0)) AS limit_docs
      ),
      lexemes AS (
        SELECT l.lexeme, coalesce((SELECT s.documents FROM community_lexeme_stats s
                        WHERE s.workspace_id = ${q.workspaceId} AND s.lexeme = l.lexeme), 0) AS documents
        FROM unnest(tsvector_to_array(to_tsvector(${q.config}::regconfig, ${words}))) AS l(lexeme)
      )
      SELECT
        (SELECT string_agg(quote_literal(lexeme), ' | ') FROM lexemes, stats
          WHERE documents <= stats.limit_docs) AS rare,
        (SELECT string_agg(quote_literal(lexeme), ' & ')
          FROM (SELECT lexeme FROM lexemes ORDER BY documents, lexeme LIMIT 2) x) AS rarest`);
    const [row] = rowsOf<{ rare: string | null; rarest: string | null }>(result);
    return row?.rare ?? row?.rarest ?? "";
  }

  async similar(q: SimilarQuery): Promise<SimilarRow[]> {
    if (!q.restrictTo) this.refreshIfStale(q.workspaceId);
    const w = q.weights ?? DEFAULT_WEIGHTS;
    const rankWeights = `{${w.rankWeights.join(",")}}`;
    const exclude = q.excludeId ? sql`AND q.id <> ${q.excludeId}` : sql``;
    // Restricted (evaluation): score exactly the given questions. Otherwise two stages:
    // the GIN indexes find candidates (text match on the query's less common words, or a
    // similar title), the cheaper rank keeps the best few hundred, and only those get
    // the full score with answers.
    const match = q.restrictTo ? "" : await this.matchQuery(q);
    const candidates = q.restrictTo
      ? sql`SELECT unnest(${`{${q.restrictTo.join(",")}}`}::uuid[]) AS id`
      : sql`(SELECT q.id FROM community_questions q
              WHERE q.workspace_id = ${q.workspaceId} AND ${visible}
                AND q.search_vector @@ to_tsquery('simple', ${match}) ${exclude}
              ORDER BY ts_rank(q.search_vector, to_tsquery(${q.config}::regconfig, ${q.tsquery}), 0) DESC
              LIMIT ${CANDIDATES})
            UNION
            (SELECT q.id FROM community_questions q
              WHERE q.workspace_id = ${q.workspaceId} AND ${visible} AND lower(q.title) % lower(${q.title}) ${exclude}
              ORDER BY similarity(lower(q.title), lower(${q.title})) DESC LIMIT ${CANDIDATES / 4})`;
    const result = await this.db.execute(sql`
      WITH query AS (SELECT to_tsquery(${q.config}::regconfig, ${q.tsquery}) AS tsq),
      candidates AS (${candidates})
      SELECT q.id, q.number, q.external_id AS "externalId", q.title, q.status,
        (${w.text}::float8 * ts_rank(${rankWeights}::float4[],
            q.search_vector || setweight(coalesce(q.answers_vector, ''::tsvector), 'D'),
            query.tsq, ${w.normalization}::int)
          + ${w.trigram}::float8 * similarity(lower(q.title), lower(${q.title})))::float8 AS score
      FROM community_questions q JOIN candidates c ON c.id = q.id, query
      WHERE q.workspace_id = ${q.workspaceId}
      ORDER BY score DESC, q.number DESC
      LIMIT ${q.limit}`);
    return rowsOf<SimilarRow>(result).map((r) => ({ ...r, score: Number(r.score) }));
  }
}

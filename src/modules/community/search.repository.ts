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

/** The similar-question engine: one SQL statement, the same on PGlite and PostgreSQL. */
export class SearchRepository {
  constructor(private readonly db: Db) {}

  async similar(q: SimilarQuery): Promise<SimilarRow[]> {
    const w = q.weights ?? DEFAULT_WEIGHTS;
    const rankWeights = `{${w.rankWeights.join(",")}}`;
    const restrict = q.restrictTo
      ? sql`AND q.id = ANY(${`{${q.restrictTo.join(",")}}`}::uuid[])`
      : sql`AND q.deleted_at IS NULL AND q.hidden_at IS NULL AND NOT q.pending_review
            AND q.status <> 'duplicate'
            AND (q.search_vector @@ query.tsq OR lower(q.title) % lower(${q.title}))`;
    const exclude = q.excludeId ? sql`AND q.id <> ${q.excludeId}` : sql``;
    const result = await this.db.execute(sql`
      WITH query AS (SELECT to_tsquery(${q.config}::regconfig, ${q.tsquery}) AS tsq)
      SELECT q.id, q.number, q.external_id AS "externalId", q.title, q.status,
        (${w.text}::float8 * ts_rank(${rankWeights}::float4[],
            q.search_vector || setweight(coalesce(q.answers_vector, ''::tsvector), 'D'),
            query.tsq, ${w.normalization}::int)
          + ${w.trigram}::float8 * similarity(lower(q.title), lower(${q.title})))::float8 AS score
      FROM community_questions q, query
      WHERE q.workspace_id = ${q.workspaceId} ${restrict} ${exclude}
      ORDER BY score DESC, q.number DESC
      LIMIT ${q.limit}`);
    return rowsOf<SimilarRow>(result).map((r) => ({ ...r, score: Number(r.score) }));
  }
}

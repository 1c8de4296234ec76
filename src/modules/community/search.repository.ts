import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { QuestionStatus } from "../../db/schema/index.ts";
import type { SearchConfig } from "../../lib/search-text.ts";
import { rowsOf } from "./community.repository.ts";

/** A query's lexemes (text form of its tsvector) and what the workspace knows about them. */
export interface QueryLexemes {
  /** `setweight(title, 'A') || setweight(body, 'B')` in the query's configuration. */
  vector: string;
  /** Documents of the workspace containing each lexeme (0: fewer than two, or unknown). */
  frequencies: Map<string, number>;
  documents: number;
  averageTitleLength: number;
  averageBodyLength: number;
  /** Average distinct lexemes in a question's answers. */
  averageAnswersLength: number;
  /** When the counts were taken; null when the workspace was never counted. */
  refreshedAt: Date | null;
}

export interface CandidateRow {
  id: string;
  /** Text form of the question's tsvector (title A, body B). */
  vector: string;
  /** pg_trgm similarity of the lower-cased titles. */
  titleSimilarity: number;
}

/** The answers of one question, as far as a query needs them. */
export interface AnswerLexemesRow {
  /** Occurrences of each of the query's lexemes in the question's answers. */
  counts: Map<string, number>;
  /** Distinct lexemes in all its answers. */
  length: number;
}

export interface QuestionSummaryRow {
  id: string;
  number: number;
  externalId: string | null;
  title: string;
  status: QuestionStatus;
}

export interface CandidateQuery {
  workspaceId: string;
  /** `to_tsquery('simple', …)` input built from lexemes (see lib/question-similarity.ts). */
  match: string;
  title: string;
  limit: number;
  /** Also take questions with a similar title (pg_trgm); only cheap on small workspaces. */
  titles: boolean;
  excludeId?: string;
}

/**
 * SQL of the similar-question engine. All of it reads `community_question_search`, the
 * narrow table of visible questions; the ranking itself is done in TypeScript
 * (lib/question-similarity.ts), so it is the same on PGlite and PostgreSQL.
 */
export class SearchRepository {
  private readonly refreshing = new Map<string, Promise<void>>();

  constructor(private readonly db: Db) {}

  /**
   * Recounts in how many questions each lexeme occurs (PostgreSQL's ts_stat), the
   * number of questions and their average title and body lengths. The importer calls it
   * after a run, searches when the counts are missing or stale; one run per workspace at
   * a time.
   */
  refreshStats(workspaceId: string): Promise<void> {
    const running = this.refreshing.get(workspaceId);
    if (running) return running;
    const work = this.recount(workspaceId).finally(() => this.refreshing.delete(workspaceId));
    this.refreshing.set(workspaceId, work);
    return work;
  }

  private async recount(workspaceId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`DELETE FROM community_lexeme_stats WHERE workspace_id = ${workspaceId}`);
      // ts_stat takes the text of a query; the id is a uuid, quoted to be safe.
      const inner = `SELECT vector FROM community_question_search WHERE workspace_id = '${workspaceId.replace(/'/g, "''")}'`;
      await tx.execute(sql`
        INSERT INTO community_lexeme_stats (workspace_id, lexeme, documents)
        SELECT ${workspaceId}, word, ndoc FROM ts_stat(${inner}) WHERE ndoc > 1`);
      await tx.execute(sql`
        INSERT INTO community_search_stats
          (workspace_id, documents, average_title_length, average_body_length,
           average_answers_length, refreshed_at)
        SELECT ${workspaceId}, count(*), coalesce(avg(s.title_length), 0),
          coalesce(avg(s.body_length), 0), coalesce(avg(coalesce(length(q.answers_vector), 0)), 0),
          now()
        FROM community_question_search s JOIN community_questions q ON q.id = s.question_id
        WHERE s.workspace_id = ${workspaceId}
        ON CONFLICT (workspace_id) DO UPDATE SET documents = excluded.documents,
          average_title_length = excluded.average_title_length,
          average_body_length = excluded.average_body_length,
          average_answers_length = excluded.average_answers_length, refreshed_at = now()`);
      // Fresh planner statistics too: after a large import the old ones send the planner
      // past the GIN index.
      await tx.execute(sql`ANALYZE community_question_search`);
    });
  }

  /** The query's lexemes in its configuration, with the workspace's counts for them. */
  async queryLexemes(
    workspaceId: string,
    config: SearchConfig,
    title: string,
    body: string,
  ): Promise<QueryLexemes> {
    const result = await this.db.execute(sql`
      WITH v AS (
        SELECT setweight(to_tsvector(${config}::regconfig, ${title}), 'A')
            || setweight(to_tsvector(${config}::regconfig, ${body}), 'B') AS vector
      )
      SELECT v.vector::text AS vector,
        (SELECT coalesce(json_agg(json_build_array(u.lexeme, coalesce(l.documents, 0))), '[]'::json)
          FROM unnest(v.vector) u
          LEFT JOIN community_lexeme_stats l ON l.workspace_id = ${workspaceId} AND l.lexeme = u.lexeme
        )::text AS frequencies,
        s.documents, s.average_title_length AS "averageTitleLength",
        s.average_body_length AS "averageBodyLength",
        s.average_answers_length AS "averageAnswersLength", s.refreshed_at AS "refreshedAt"
      FROM v LEFT JOIN community_search_stats s ON s.workspace_id = ${workspaceId}`);
    const [row] = rowsOf<{
      vector: string;
      frequencies: string;
      documents: number | null;
      averageTitleLength: number | null;
      averageBodyLength: number | null;
      averageAnswersLength: number | null;
      refreshedAt: Date | string | null;
    }>(result);
    return {
      vector: row?.vector ?? "",
      frequencies: new Map(JSON.parse(row?.frequencies ?? "[]") as [string, number][]),
      documents: Number(row?.documents ?? 0),
      averageTitleLength: Number(row?.averageTitleLength ?? 0),
      averageBodyLength: Number(row?.averageBodyLength ?? 0),
      averageAnswersLength: Number(row?.averageAnswersLength ?? 0),
      refreshedAt: row?.refreshedAt ? new Date(row.refreshedAt) : null,
    };
  }

  /**
   * Candidates: questions matching any of the given lexemes, the best `limit` by a cheap
   * rank, plus (small workspaces) those with a similar title. The tsquery is a constant,
   * so the planner uses the GIN index.
   */
  async candidates(q: CandidateQuery): Promise<CandidateRow[]> {
    const exclude = q.excludeId ? sql`AND s.question_id <> ${q.excludeId}` : sql``;
    const byText = q.match
      ? sql`(SELECT s.question_id AS id FROM community_question_search s
              WHERE s.workspace_id = ${q.workspaceId}
                AND s.vector @@ to_tsquery('simple', ${q.match}) ${exclude}
              ORDER BY ts_rank(s.vector, to_tsquery('simple', ${q.match}), 0) DESC, s.question_id
              LIMIT ${q.limit})`
      : null;
    const byTitle = q.titles
      ? sql`(SELECT s.question_id AS id FROM community_questions t
              JOIN community_question_search s ON s.question_id = t.id
              WHERE t.workspace_id = ${q.workspaceId} AND lower(t.title) % lower(${q.title}) ${exclude}
              ORDER BY similarity(lower(t.title), lower(${q.title})) DESC, s.question_id
              LIMIT ${Math.ceil(q.limit / 4)})`
      : null;
    const union = byText && byTitle ? sql`${byText} UNION ${byTitle}` : (byText ?? byTitle ?? null);
    if (!union) return [];
    return this.describeCandidates(sql`${union}`, q.title);
  }

  /** The given questions as candidates (those not visible are left out). */
  async restrictedCandidates(ids: string[], title: string): Promise<CandidateRow[]> {
    if (ids.length === 0) return [];
    return this.describeCandidates(
      sql`SELECT unnest(${`{${ids.join(",")}}`}::uuid[]) AS id`,
      title,
    );
  }

  private async describeCandidates(ids: ReturnType<typeof sql>, title: string) {
    const result = await this.db.execute(sql`
      WITH c AS (${ids})
      SELECT s.question_id AS id, s.vector::text AS vector,
        similarity(lower(t.title), lower(${title}))::float8 AS "titleSimilarity"
      FROM c JOIN community_question_search s ON s.question_id = c.id
      JOIN community_questions t ON t.id = s.question_id
      ORDER BY s.question_id`);
    return rowsOf<CandidateRow>(result).map((r) => ({
      ...r,
      titleSimilarity: Number(r.titleSimilarity),
    }));
  }

  /**
   * For a shortlist of questions: how often each of the query's lexemes occurs in their
   * answers (`answers_vector`, kept by triggers), and how many distinct lexemes the
   * answers have. Only the query's lexemes leave the database, not the whole vectors.
   */
  async answerLexemes(ids: string[], lexemes: string[]): Promise<Map<string, AnswerLexemesRow>> {
    if (ids.length === 0) return new Map();
    const result = await this.db.execute(sql`
      SELECT q.id, coalesce(length(q.answers_vector), 0) AS length,
        (SELECT coalesce(json_agg(json_build_array(u.lexeme, coalesce(array_length(u.positions, 1), 1))), '[]'::json)
          FROM unnest(q.answers_vector) u WHERE u.lexeme = ANY(${pgTextArray(lexemes)}::text[])
        )::text AS counts
      FROM community_questions q WHERE q.id = ANY(${`{${ids.join(",")}}`}::uuid[])`);
    return new Map(
      rowsOf<{ id: string; length: number; counts: string }>(result).map((r) => [
        r.id,
        {
          length: Number(r.length),
          counts: new Map(JSON.parse(r.counts) as [string, number][]),
        },
      ]),
    );
  }

  /** What a result shows, for the questions ranked best. */
  async summaries(ids: string[]): Promise<Map<string, QuestionSummaryRow>> {
    if (ids.length === 0) return new Map();
    const result = await this.db.execute(sql`
      SELECT q.id, q.number, q.external_id AS "externalId", q.title, q.status
      FROM community_questions q WHERE q.id = ANY(${`{${ids.join(",")}}`}::uuid[])`);
    return new Map(rowsOf<QuestionSummaryRow>(result).map((r) => [r.id, r]));
  }
}

/** A PostgreSQL array literal of strings, each quoted (lexemes may hold any character). */
function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

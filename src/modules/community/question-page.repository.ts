import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { QuestionStatus } from "../../db/schema/index.ts";
import { rowsOf } from "./community.repository.ts";
import { PAGE_CHANNEL } from "./question-page-cache.ts";

/** What the question page needs before deciding whether a cached render is still good. */
export interface PageKey {
  id: string;
  number: number;
  workspaceId: string;
  authorId: string;
  title: string;
  pageVersion: number;
  pendingReview: boolean;
  hiddenAt: Date | null;
  deletedAt: Date | null;
}

export interface StoredRelated {
  queryTitle: string;
  computedAt: Date;
  items: { id: string; number: number; title: string; status: QuestionStatus }[];
}

/** SQL of the fast question page: the cache key and the stored "similar questions". */
export class QuestionPageRepository {
  constructor(private readonly db: Db) {}

  /** One indexed row, no text columns beyond the title. */
  async findPageKey(number: number): Promise<PageKey | undefined> {
    const [row] = rowsOf<PageKey>(
      await this.db.execute(sql`
        SELECT id, number, workspace_id AS "workspaceId", author_id AS "authorId", title,
          page_version AS "pageVersion", pending_review AS "pendingReview",
          hidden_at AS "hiddenAt", deleted_at AS "deletedAt"
        FROM community_questions WHERE number = ${number}`),
    );
    return row;
  }

  /**
   * The stored list with each question's current title and status, in stored order;
   * questions that were since deleted, hidden, held or closed as duplicates drop out.
   */
  async findRelated(questionId: string): Promise<StoredRelated | undefined> {
    const rows = rowsOf<{
      queryTitle: string;
      computedAt: Date | string;
      items: StoredRelated["items"] | string | null;
    }>(
      await this.db.execute(sql`
        SELECT r.query_title AS "queryTitle", r.computed_at AS "computedAt",
          (SELECT json_agg(json_build_object('id', q.id, 'number', q.number, 'title', q.title,
                    'status', q.status) ORDER BY x.pos)
             FROM unnest(r.related_ids) WITH ORDINALITY AS x(id, pos)
             JOIN community_questions q ON q.id = x.id
             WHERE q.deleted_at IS NULL AND q.hidden_at IS NULL AND NOT q.pending_review
               AND q.status <> 'duplicate') AS items
        FROM community_related_questions r WHERE r.question_id = ${questionId}`),
    );
    const row = rows[0];
    if (!row) return undefined;
    const items = typeof row.items === "string" ? JSON.parse(row.items) : (row.items ?? []);
    return { queryTitle: row.queryTitle, computedAt: new Date(row.computedAt), items };
  }

  /**
   * Stores the list and bumps the question's page version in one transaction, so cached
   * renders without (or with an older) list are replaced.
   */
  async saveRelated(questionId: string, relatedIds: string[], queryTitle: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`
        INSERT INTO community_related_questions (question_id, related_ids, query_title, computed_at)
        VALUES (${questionId}, ${`{${relatedIds.join(",")}}`}::uuid[], ${queryTitle}, now())
        ON CONFLICT (question_id) DO UPDATE SET related_ids = excluded.related_ids,
          query_title = excluded.query_title, computed_at = excluded.computed_at`);
      await tx.execute(
        sql`UPDATE community_questions SET page_version = page_version + 1 WHERE id = ${questionId}`,
      );
    });
  }

  /** A NOTIFY on the question pages' channel (see question-page-cache.ts). */
  async notifyPages(payload: string): Promise<void> {
    await this.db.execute(sql`SELECT pg_notify(${PAGE_CHANNEL}, ${payload})`);
  }

  /** Public questions that have no stored list yet (for a backfill), oldest number first. */
  async questionsWithoutRelated(workspaceId: string, limit: number): Promise<string[]> {
    return rowsOf<{ id: string }>(
      await this.db.execute(sql`
        SELECT q.id FROM community_questions q
        WHERE q.workspace_id = ${workspaceId} AND q.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM community_related_questions r WHERE r.question_id = q.id)
        ORDER BY q.number LIMIT ${limit}`),
    ).map((r) => r.id);
  }
}

import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { answers, followers, questions, users } from "../../db/schema/index.ts";

export interface PreparedAnswer {
  externalId: string;
  authorId: string;
  body: string;
  bodyHtml: string;
  createdAt: Date;
  accepted: boolean;
}

export interface PreparedQuestion {
  externalId: string;
  boardId: string;
  authorId: string;
  title: string;
  body: string;
  bodyHtml: string;
  tags: string[];
  language: string;
  createdAt: Date;
  lastActivityAt: Date;
  answers: PreparedAnswer[];
}

export interface BatchCounts {
  questionsCreated: number;
  questionsUpdated: number;
  answersCreated: number;
  answersUpdated: number;
}

const ANSWER_CHUNK = 1000;

/** Batched, idempotent writes for `hilft import community` (keyed by external ids). */
export class ImportRepository {
  constructor(private readonly db: Db) {}

  /**
   * Creates accounts (no password, so nobody can sign in as them) for imported authors
   * that do not exist yet; returns every given e-mail's user id.
   */
  async ensureAuthors(
    workspaceId: string,
    people: { email: string; name: string }[],
  ): Promise<Map<string, string>> {
    if (!people.length) return new Map();
    await this.db
      .insert(users)
      .values(
        people.map((p) => ({
          workspaceId,
          email: p.email,
          name: p.name,
          role: "customer" as const,
        })),
      )
      .onConflictDoNothing();
    const rows = await this.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(
          sql`lower(${users.email})`,
          people.map((p) => p.email.toLowerCase()),
        ),
      );
    return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
  }

  /** Upserts one batch of questions with their answers in a single transaction. */
  async upsertBatch(workspaceId: string, batch: PreparedQuestion[]): Promise<BatchCounts> {
    return this.db.transaction(async (tx) => {
      const counts: BatchCounts = {
        questionsCreated: 0,
        questionsUpdated: 0,
        answersCreated: 0,
        answersUpdated: 0,
      };
      const changed = sql`(${questions.title}, ${questions.body}, ${questions.tags}, ${questions.boardId})
        IS DISTINCT FROM (excluded.title, excluded.body, excluded.tags, excluded.board_id)`;
      const stored = await tx
        .insert(questions)
        .values(
          batch.map((q) => ({
            workspaceId,
            boardId: q.boardId,
            authorId: q.authorId,
            externalId: q.externalId,
            title: q.title,
            body: q.body,
            bodyHtml: q.bodyHtml,
            tags: q.tags,
            language: q.language,
            createdAt: q.createdAt,
            updatedAt: q.createdAt,
            lastActivityAt: q.lastActivityAt,
          })),
        )
        .onConflictDoUpdate({
          target: [questions.workspaceId, questions.externalId],
          set: {
            boardId: sql`excluded.board_id`,
            authorId: sql`excluded.author_id`,
            title: sql`excluded.title`,
            body: sql`excluded.body`,
            bodyHtml: sql`excluded.body_html`,
            tags: sql`excluded.tags`,
            language: sql`excluded.language`,
            createdAt: sql`excluded.created_at`,
            updatedAt: sql`CASE WHEN ${changed} THEN now() ELSE ${questions.updatedAt} END`,
            lastActivityAt: sql`GREATEST(${questions.lastActivityAt}, excluded.last_activity_at)`,
          },
        })
        .returning({
          id: questions.id,
          externalId: questions.externalId,
          inserted: sql<boolean>`(xmax = 0)`,
        });
      const idByExternal = new Map(stored.map((r) => [r.externalId!, r.id]));
      for (const r of stored) {
        if (r.inserted) counts.questionsCreated += 1;
        else counts.questionsUpdated += 1;
      }

      const answerRows = batch.flatMap((q) =>
        q.answers.map((a) => ({
          questionId: idByExternal.get(q.externalId)!,
          authorId: a.authorId,
          externalId: a.externalId,
          body: a.body,
          bodyHtml: a.bodyHtml,
          createdAt: a.createdAt,
          updatedAt: a.createdAt,
        })),
      );
      const answerIds = new Map<string, string>();
      for (let i = 0; i < answerRows.length; i += ANSWER_CHUNK) {
        const chunk = answerRows.slice(i, i + ANSWER_CHUNK);
        const rows = await tx
          .insert(answers)
          .values(chunk)
          .onConflictDoUpdate({
            target: [answers.questionId, answers.externalId],
            set: {
              authorId: sql`excluded.author_id`,
              body: sql`excluded.body`,
              bodyHtml: sql`excluded.body_html`,
              createdAt: sql`excluded.created_at`,
              updatedAt: sql`CASE WHEN ${answers.body} IS DISTINCT FROM excluded.body THEN now() ELSE ${answers.updatedAt} END`,
            },
          })
          .returning({
            id: answers.id,
            questionId: answers.questionId,
            externalId: answers.externalId,
            inserted: sql<boolean>`(xmax = 0)`,
          });
        for (const r of rows) {
          answerIds.set(`${r.questionId}\n${r.externalId}`, r.id);
          if (r.inserted) counts.answersCreated += 1;
          else counts.answersUpdated += 1;
        }
      }

      // The file says which answer the asker accepted; an answer accepted here stays.
      for (const q of batch) {
        const accepted = q.answers.find((a) => a.accepted);
        if (!accepted) continue;
        const questionId = idByExternal.get(q.externalId)!;
        await tx
          .update(questions)
          .set({
            acceptedAnswerId: answerIds.get(`${questionId}\n${accepted.externalId}`)!,
            acceptedById: q.authorId,
            acceptedAt: sql`COALESCE(${questions.acceptedAt}, ${accepted.createdAt})`,
            status: sql`CASE WHEN ${questions.status} = 'open' THEN 'solved' ELSE ${questions.status} END`,
          })
          .where(eq(questions.id, questionId));
      }

      const ids = [...idByExternal.values()];
      await tx.execute(sql`
        UPDATE ${questions} SET answer_count = COALESCE(c.n, 0)
        FROM (SELECT q.id, (SELECT count(*)::int FROM ${answers} a WHERE a.question_id = q.id
                AND a.deleted_at IS NULL AND a.hidden_at IS NULL AND NOT a.pending_review) AS n
              FROM ${questions} q WHERE q.id = ANY(${`{${ids.join(",")}}`}::uuid[])) c
        WHERE ${questions.id} = c.id`);
      await tx
        .insert(followers)
        .values(
          batch.map((q) => ({
            questionId: idByExternal.get(q.externalId)!,
            userId: q.authorId,
            reason: "asked",
          })),
        )
        .onConflictDoNothing();
      return counts;
    });
  }

  async countByExternalIds(workspaceId: string, externalIds: string[]): Promise<number> {
    const rows = await this.db
      .select({ id: questions.id })
      .from(questions)
      .where(
        and(eq(questions.workspaceId, workspaceId), inArray(questions.externalId, externalIds)),
      );
    return rows.length;
  }
}

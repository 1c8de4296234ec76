import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import type { Executor } from "./service-levels.repository.ts";

/** What the queue score of one waiting conversation is computed from. */
export interface QueueInputs {
  id: string;
  queueScore: number;
  priority: number;
  slaStartedAt: Date | null;
  /** The running clock's due time: first response until answered, then resolution. */
  dueAt: Date | null;
  vip: boolean;
  sentiment: "positive" | "neutral" | "negative" | null;
  meToo: number;
}

/** A community question nobody has answered, to bring into the team's queue. */
export interface UnansweredQuestion {
  id: string;
  workspaceId: string;
  authorId: string;
  authorName: string;
  title: string;
  body: string;
  createdAt: Date;
}

const d = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

/** The console's queue: scores of waiting conversations, community questions brought in. */
export class QueueRepository {
  constructor(private readonly db: Db) {}

  /** Open conversations (all, or the given ones) with what their score depends on. */
  /**
   * The queue inputs of waiting conversations: the given ones, or (without `ids`) a page
   * of all of them in id order, after `after`.
   */
  async queueInputs(
    ids?: string[],
    page: { after: string | null; limit: number } | null = null,
  ): Promise<QueueInputs[]> {
    if (ids && !ids.length) return [];
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`WITH waiting AS (
             SELECT c.id, c.queue_score, c.priority, c.sla_started_at,
                    CASE WHEN c.first_response_at IS NULL THEN c.first_response_due_at
                         ELSE c.resolution_due_at END AS due_at,
                    'vip' = ANY(ct.tags) AS vip,
                    coalesce(q.me_too_count, 0) AS me_too
               FROM conversations c
               JOIN contacts ct ON ct.id = c.contact_id
               LEFT JOIN community_questions q ON q.id = c.community_question_id
              WHERE c.status IN ('new', 'open')
                ${ids ? sql`AND c.id = ANY(${`{${ids.join(",")}}`}::uuid[])` : sql``}
                ${page?.after ? sql`AND c.id > ${page.after}::uuid` : sql``}
                ${page ? sql`ORDER BY c.id LIMIT ${page.limit}` : sql``}
           ),
           latest AS (
             SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.sentiment
               FROM messages m
              WHERE m.conversation_id IN (SELECT id FROM waiting) AND m.direction = 'inbound'
              ORDER BY m.conversation_id, m.created_at DESC
           )
           SELECT w.*, l.sentiment
             FROM waiting w LEFT JOIN latest l ON l.conversation_id = w.id`,
    );
    return rows.map((r) => ({
      id: String(r.id),
      queueScore: Number(r.queue_score),
      priority: Number(r.priority),
      slaStartedAt: d(r.sla_started_at),
      dueAt: d(r.due_at),
      vip: r.vip === true,
      sentiment: (r.sentiment as QueueInputs["sentiment"]) ?? null,
      meToo: Number(r.me_too),
    }));
  }

  /** The inbox conversations that a community question was brought in as. */
  async conversationsOfQuestion(questionId: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      this.db,
      sql`SELECT id FROM conversations WHERE community_question_id = ${questionId}`,
    );
    return rows.map((r) => String(r.id));
  }

  /** Solves the waiting inbox conversation of a community question; its id, if any. */
  async solveQuestionConversation(questionId: string, at: Date): Promise<string | null> {
    const rows = await queryRows<{ id: string }>(
      this.db,
      sql`UPDATE conversations SET status = 'solved', solved_at = ${at.toISOString()}
           WHERE community_question_id = ${questionId} AND status IN ('new', 'open', 'pending')
       RETURNING id`,
    );
    return rows[0] ? String(rows[0].id) : null;
  }

  async setQueueScores(updates: { id: string; score: number }[]): Promise<void> {
    if (!updates.length) return;
    await this.db.execute(sql`
      UPDATE conversations c SET queue_score = v.score
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS v(id uuid, score int)
       WHERE c.id = v.id`);
  }

  /**
   * Open community questions asked before `before` without any answer, not held for
   * review, hidden or deleted, that no conversation brings in yet; oldest first.
   */
  async unansweredQuestions(before: Date, limit: number): Promise<UnansweredQuestion[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`SELECT q.id, q.workspace_id, q.author_id, u.name AS author_name, q.title, q.body, q.created_at
            FROM community_questions q
            JOIN users u ON u.id = q.author_id
           WHERE q.status = 'open' AND q.answer_count = 0 AND q.accepted_answer_id IS NULL
             AND NOT q.pending_review AND q.hidden_at IS NULL AND q.deleted_at IS NULL
             AND q.created_at <= ${before.toISOString()}::timestamptz
             AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.community_question_id = q.id)
           ORDER BY q.created_at
           LIMIT ${limit}`,
    );
    return rows.map((r) => ({
      id: String(r.id),
      workspaceId: String(r.workspace_id),
      authorId: String(r.author_id),
      authorName: String(r.author_name),
      title: String(r.title),
      body: String(r.body),
      createdAt: d(r.created_at)!,
    }));
  }

  /**
   * Stores a question as a new conversation on the workspace's community channel (made
   * on first use) with the question as its inbound message; the asker becomes a contact
   * with a community identity. Returns the message id, or null if another instance
   * brought the question in first.
   */
  async insertQuestionConversation(
    tx: Executor,
    q: UnansweredQuestion,
  ): Promise<{ conversationId: string; messageId: string } | null> {
    const [channel] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO channels (workspace_id, kind, name, external_id, credentials)
          VALUES (${q.workspaceId}, 'community', 'Community', ${`community:${q.workspaceId}`}, '')
          ON CONFLICT (kind, external_id) DO UPDATE SET kind = EXCLUDED.kind
          RETURNING id`,
    );
    const [identity] = await queryRows<{ contact_id: string }>(
      tx,
      sql`SELECT contact_id FROM contact_identities
           WHERE workspace_id = ${q.workspaceId} AND kind = 'community' AND platform_user_id = ${q.authorId}`,
    );
    let contactId = identity?.contact_id;
    if (!contactId) {
      const [contact] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO contacts (workspace_id, display_name)
            VALUES (${q.workspaceId}, ${q.authorName}) RETURNING id`,
      );
      contactId = contact!.id;
      await tx.execute(sql`
        INSERT INTO contact_identities (workspace_id, contact_id, kind, platform_user_id, display_name)
        VALUES (${q.workspaceId}, ${contactId}, 'community', ${q.authorId}, ${q.authorName})`);
    }
    const at = q.createdAt.toISOString();
    const [conversation] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO conversations (workspace_id, channel_id, contact_id, thread_key, visibility,
                                     status, message_count, last_message_at, created_at,
                                     community_question_id)
          VALUES (${q.workspaceId}, ${channel!.id}, ${contactId}, ${`community:q:${q.id}`}, 'public',
                  'new', 1, ${at}::timestamptz, ${at}::timestamptz, ${q.id})
          ON CONFLICT DO NOTHING RETURNING id`,
    );
    if (!conversation) return null;
    const [message] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility,
                                platform_id, text, created_at)
          VALUES (${q.workspaceId}, ${conversation.id}, ${channel!.id}, 'inbound', 'public',
                  ${`community:q:${q.id}`}, ${`${q.title}\n\n${q.body}`}, ${at}::timestamptz)
          RETURNING id`,
    );
    return { conversationId: conversation.id, messageId: message!.id };
  }
}

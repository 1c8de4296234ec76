import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  ilike,
  inArray,
  isNull,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  type AnswerRow,
  answers,
  type BoardRow,
  boards,
  type CommentRow,
  comments,
  flags,
  followers,
  type PostType,
  type QuestionRow,
  type QuestionStatus,
  questions,
  type RevisionRow,
  revisions,
  type UserRow,
  users,
} from "../../db/schema/index.ts";
import { newAnswerNotices } from "./notifications/follows.repository.ts";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

/** The public face of an author: never the e-mail address. */
export interface AuthorRef {
  id: string;
  name: string;
  role: UserRow["role"];
}

export const authorColumns = { id: users.id, name: users.name, role: users.role };

export interface QuestionWithRefs {
  question: QuestionRow;
  board: BoardRow;
  author: AuthorRef;
}

export interface ListQuestionsFilter {
  workspaceId: string;
  boardId?: string | undefined;
  tag?: string | undefined;
  authorId?: string | undefined;
  status?: QuestionStatus | undefined;
  unanswered?: boolean | undefined;
  sort: "activity" | "newest" | "priority" | "votes";
  limit: number;
  offset: number;
  /** Staff see hidden and held questions too (never deleted ones in lists). */
  includeHidden: boolean;
}

/**
 * Question columns for pages and lists: the search vectors are left out (null). They
 * can be large (answers' text) and nothing that shows a question reads them.
 */
const {
  searchVector: _sv,
  answersVector: _av,
  ...questionTextColumns
} = getTableColumns(questions);
const questionColumns = {
  ...questionTextColumns,
  searchVector: sql<string | null>`NULL`,
  answersVector: sql<string | null>`NULL`,
};

/** A publicly visible question: not deleted, not hidden, not waiting for review. */
export const publicQuestion = () =>
  and(isNull(questions.deletedAt), isNull(questions.hiddenAt), eq(questions.pendingReview, false))!;

/** All SQL about boards, questions, answers, comments and their revisions. */
export class CommunityRepository {
  constructor(private readonly db: Db) {}

  // --- boards --------------------------------------------------------------

  listBoards(workspaceId: string): Promise<BoardRow[]> {
    return this.db
      .select()
      .from(boards)
      .where(eq(boards.workspaceId, workspaceId))
      .orderBy(asc(boards.position), asc(boards.name));
  }

  async findBoardBySlug(workspaceId: string, slug: string): Promise<BoardRow | undefined> {
    const [row] = await this.db
      .select()
      .from(boards)
      .where(and(eq(boards.workspaceId, workspaceId), eq(boards.slug, slug)));
    return row;
  }

  async findBoardById(id: string): Promise<BoardRow | undefined> {
    const [row] = await this.db.select().from(boards).where(eq(boards.id, id));
    return row;
  }

  /** Creates the board unless its slug exists; returns the stored row either way. */
  async ensureBoard(input: {
    workspaceId: string;
    slug: string;
    name: string;
    description?: string;
    position?: number;
    kind?: "questions" | "ideas";
  }): Promise<{ board: BoardRow; created: boolean }> {
    const [created] = await this.db.insert(boards).values(input).onConflictDoNothing().returning();
    if (created) return { board: created, created: true };
    const board = await this.findBoardBySlug(input.workspaceId, input.slug);
    if (!board) throw new Error(`board ${input.slug} vanished while being created`);
    return { board, created: false };
  }

  async updateBoard(
    id: string,
    patch: Partial<Pick<BoardRow, "name" | "description" | "position" | "slug">>,
  ): Promise<BoardRow | undefined> {
    const [row] = await this.db.update(boards).set(patch).where(eq(boards.id, id)).returning();
    return row;
  }

  /** Public question counts per board. */
  async countQuestionsByBoard(workspaceId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .select({ boardId: questions.boardId, n: count() })
      .from(questions)
      .where(and(eq(questions.workspaceId, workspaceId), publicQuestion()))
      .groupBy(questions.boardId);
    return new Map(rows.map((r) => [r.boardId, Number(r.n)]));
  }

  // --- questions -----------------------------------------------------------

  /** Inserts the question; the asker follows it; a held question enters the review queue. */
  async createQuestion(
    values: typeof questions.$inferInsert & { authorId: string; workspaceId: string },
  ): Promise<QuestionRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(questions).values(values).returning();
      await tx
        .insert(followers)
        .values({ questionId: row!.id, userId: values.authorId, reason: "asked" })
        .onConflictDoNothing();
      if (row!.pendingReview) {
        await tx.insert(flags).values({
          workspaceId: values.workspaceId,
          postType: "question",
          postId: row!.id,
          questionId: row!.id,
          kind: "held_for_review",
        });
      }
      return row!;
    });
  }

  private questionWithRefs() {
    return this.db
      .select({ question: questionColumns, board: boards, author: authorColumns })
      .from(questions)
      .innerJoin(boards, eq(boards.id, questions.boardId))
      .innerJoin(users, eq(users.id, questions.authorId));
  }

  async findQuestion(id: string): Promise<QuestionWithRefs | undefined> {
    const [row] = await this.questionWithRefs().where(eq(questions.id, id));
    return row;
  }

  async findQuestionByNumber(number: number): Promise<QuestionWithRefs | undefined> {
    const [row] = await this.questionWithRefs().where(eq(questions.number, number));
    return row;
  }

  async findQuestionRow(id: string): Promise<QuestionRow | undefined> {
    const [row] = await this.db.select().from(questions).where(eq(questions.id, id));
    return row;
  }

  async findQuestionsByIds(ids: string[]): Promise<QuestionRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(questions).where(inArray(questions.id, ids));
  }

  async listQuestions(filter: ListQuestionsFilter): Promise<QuestionWithRefs[]> {
    const where: SQL[] = [
      eq(questions.workspaceId, filter.workspaceId),
      isNull(questions.deletedAt),
    ];
    if (!filter.includeHidden) where.push(publicQuestion());
    if (filter.boardId) where.push(eq(questions.boardId, filter.boardId));
    if (filter.authorId) where.push(eq(questions.authorId, filter.authorId));
    if (filter.status) where.push(eq(questions.status, filter.status));
    if (filter.tag) where.push(sql`${questions.tags} @> ARRAY[${filter.tag}]::text[]`);
    if (filter.unanswered) {
      where.push(eq(questions.answerCount, 0));
      where.push(inArray(questions.status, ["open"]));
    }
    const order = {
      activity: [desc(questions.lastActivityAt)],
      newest: [desc(questions.createdAt)],
      // Open questions that many people share come first: me-too raises priority.
      priority: [desc(questions.meTooCount), desc(questions.upvotes), desc(questions.createdAt)],
      votes: [desc(questions.upvotes), desc(questions.createdAt)],
    }[filter.sort];
    return this.questionWithRefs()
      .where(and(...where))
      .orderBy(...order, desc(questions.number))
      .limit(filter.limit)
      .offset(filter.offset);
  }

  /** Public questions for the sitemap, newest activity first. */
  listSitemapQuestions(
    workspaceId: string,
    limit: number,
  ): Promise<Pick<QuestionRow, "number" | "title" | "updatedAt" | "lastActivityAt">[]> {
    return this.db
      .select({
        number: questions.number,
        title: questions.title,
        updatedAt: questions.updatedAt,
        lastActivityAt: questions.lastActivityAt,
      })
      .from(questions)
      .where(and(eq(questions.workspaceId, workspaceId), publicQuestion()))
      .orderBy(desc(questions.lastActivityAt))
      .limit(limit);
  }

  /** Tags of public questions with their counts, most used first. */
  async popularTags(workspaceId: string, limit: number): Promise<{ tag: string; n: number }[]> {
    const rows = await this.db.execute<{ tag: string; n: number }>(sql`
      SELECT tag, count(*)::int AS n
      FROM ${questions}, unnest(${questions.tags}) AS tag
      WHERE ${questions.workspaceId} = ${workspaceId} AND ${publicQuestion()}
      GROUP BY tag ORDER BY n DESC, tag LIMIT ${limit}`);
    return rowsOf(rows);
  }

  /** Saves an edit and the text it replaces, in one transaction. */
  async editQuestion(
    question: QuestionRow,
    editorId: string,
    patch: Partial<
      Pick<QuestionRow, "title" | "body" | "bodyHtml" | "tags" | "language" | "boardId">
    >,
  ): Promise<QuestionRow> {
    return this.db.transaction(async (tx) => {
      await tx.insert(revisions).values({
        postType: "question",
        postId: question.id,
        editorId,
        previousTitle: question.title,
        previousBody: question.body,
        previousTags: question.tags,
      });
      const [row] = await tx
        .update(questions)
        .set({ ...patch, updatedAt: new Date(), lastActivityAt: new Date() })
        .where(eq(questions.id, question.id))
        .returning();
      return row!;
    });
  }

  async updateQuestion(
    id: string,
    patch: Partial<typeof questions.$inferInsert>,
    within?: (tx: Tx) => Promise<void>,
  ): Promise<QuestionRow | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.update(questions).set(patch).where(eq(questions.id, id)).returning();
      if (row) await within?.(tx);
      return row;
    });
  }

  // --- answers -------------------------------------------------------------

  async createAnswer(
    values: typeof answers.$inferInsert & { authorId: string },
    workspaceId: string,
  ): Promise<AnswerRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(answers).values(values).returning();
      await recountAnswers(tx, values.questionId);
      await tx
        .update(questions)
        .set({ lastActivityAt: new Date() })
        .where(eq(questions.id, values.questionId));
      await tx
        .insert(followers)
        .values({ questionId: values.questionId, userId: values.authorId, reason: "answered" })
        .onConflictDoNothing();
      if (!row!.pendingReview) {
        // Everyone following the question hears about a new (published) answer.
        await tx.execute(newAnswerNotices(row!));
      }
      if (row!.pendingReview) {
        await tx.insert(flags).values({
          workspaceId,
          postType: "answer",
          postId: row!.id,
          questionId: values.questionId,
          kind: "held_for_review",
        });
      }
      return row!;
    });
  }

  async findAnswer(id: string): Promise<AnswerRow | undefined> {
    const [row] = await this.db.select().from(answers).where(eq(answers.id, id));
    return row;
  }

  listAnswers(questionId: string): Promise<{ answer: AnswerRow; author: AuthorRef }[]> {
    return this.db
      .select({ answer: answers, author: authorColumns })
      .from(answers)
      .innerJoin(users, eq(users.id, answers.authorId))
      .where(eq(answers.questionId, questionId))
      .orderBy(
        desc(sql`${answers.upvotes} - ${answers.downvotes}`),
        asc(answers.createdAt),
        asc(answers.id),
      );
  }

  async editAnswer(
    answer: AnswerRow,
    editorId: string,
    patch: Pick<AnswerRow, "body" | "bodyHtml">,
  ): Promise<AnswerRow> {
    return this.db.transaction(async (tx) => {
      await tx.insert(revisions).values({
        postType: "answer",
        postId: answer.id,
        editorId,
        previousBody: answer.body,
      });
      const [row] = await tx
        .update(answers)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(answers.id, answer.id))
        .returning();
      return row!;
    });
  }

  /**
   * Deletes or restores an answer and recounts the question's answers. Deleting the
   * accepted answer takes the acceptance away, so a solved question opens again.
   */
  async setAnswerDeleted(
    answer: AnswerRow,
    deletedBy: string | null,
    within?: (tx: Tx) => Promise<void>,
  ): Promise<AnswerRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(answers)
        .set({ deletedAt: deletedBy ? new Date() : null, deletedById: deletedBy })
        .where(eq(answers.id, answer.id))
        .returning();
      await recountAnswers(tx, answer.questionId);
      if (deletedBy) {
        await tx
          .update(questions)
          .set({ acceptedAnswerId: null, acceptedById: null, acceptedAt: null, status: "open" })
          .where(
            and(eq(questions.id, answer.questionId), eq(questions.acceptedAnswerId, answer.id)),
          );
      }
      await within?.(tx);
      return row!;
    });
  }

  async updateAnswer(
    id: string,
    patch: Partial<typeof answers.$inferInsert>,
    within?: (tx: Tx) => Promise<void>,
  ): Promise<AnswerRow | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.update(answers).set(patch).where(eq(answers.id, id)).returning();
      if (row) await recountAnswers(tx, row.questionId);
      if (row) await within?.(tx);
      return row;
    });
  }

  // --- comments ------------------------------------------------------------

  async createComment(
    values: typeof comments.$inferInsert,
    workspaceId: string,
  ): Promise<CommentRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(comments).values(values).returning();
      if (row!.pendingReview) {
        await tx.insert(flags).values({
          workspaceId,
          postType: "comment",
          postId: row!.id,
          questionId: values.questionId,
          kind: "held_for_review",
        });
      }
      return row!;
    });
  }

  async findComment(id: string): Promise<CommentRow | undefined> {
    const [row] = await this.db.select().from(comments).where(eq(comments.id, id));
    return row;
  }

  listComments(questionId: string): Promise<{ comment: CommentRow; author: AuthorRef }[]> {
    return this.db
      .select({ comment: comments, author: authorColumns })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .where(eq(comments.questionId, questionId))
      .orderBy(asc(comments.createdAt), asc(comments.id));
  }

  async editComment(
    comment: CommentRow,
    editorId: string,
    patch: Pick<CommentRow, "body" | "bodyHtml">,
  ) {
    return this.db.transaction(async (tx) => {
      await tx.insert(revisions).values({
        postType: "comment",
        postId: comment.id,
        editorId,
        previousBody: comment.body,
      });
      const [row] = await tx
        .update(comments)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(comments.id, comment.id))
        .returning();
      return row!;
    });
  }

  async updateComment(
    id: string,
    patch: Partial<typeof comments.$inferInsert>,
  ): Promise<CommentRow | undefined> {
    const [row] = await this.db.update(comments).set(patch).where(eq(comments.id, id)).returning();
    return row;
  }

  // --- mentions ------------------------------------------------------------

  /**
   * Questions, answers and comments of the workspace whose Markdown contains `@handle`
   * for one of these handles (a case-insensitive text match; callers parse the body to
   * be sure). For re-rendering links when a handle appears or changes.
   */
  async postsMentioning(
    workspaceId: string,
    handles: string[],
  ): Promise<{ type: PostType; id: string; body: string; bodyHtml: string }[]> {
    if (!handles.length) return [];
    const patterns = handles.map((h) => `%@${h.replace(/[\\%_]/g, "\\$&")}%`);
    const like = (column: typeof questions.body | typeof answers.body | typeof comments.body) =>
      or(...patterns.map((p) => ilike(column, p)));
    const [qs, as, cs] = await Promise.all([
      this.db
        .select({ id: questions.id, body: questions.body, bodyHtml: questions.bodyHtml })
        .from(questions)
        .where(and(eq(questions.workspaceId, workspaceId), like(questions.body))),
      this.db
        .select({ id: answers.id, body: answers.body, bodyHtml: answers.bodyHtml })
        .from(answers)
        .innerJoin(questions, eq(questions.id, answers.questionId))
        .where(and(eq(questions.workspaceId, workspaceId), like(answers.body))),
      this.db
        .select({ id: comments.id, body: comments.body, bodyHtml: comments.bodyHtml })
        .from(comments)
        .innerJoin(questions, eq(questions.id, comments.questionId))
        .where(and(eq(questions.workspaceId, workspaceId), like(comments.body))),
    ]);
    return [
      ...qs.map((r) => ({ type: "question" as const, ...r })),
      ...as.map((r) => ({ type: "answer" as const, ...r })),
      ...cs.map((r) => ({ type: "comment" as const, ...r })),
    ];
  }

  /** Stores a post's HTML rendered again (no revision: the Markdown is unchanged). */
  async setBodyHtml(type: PostType, id: string, bodyHtml: string): Promise<void> {
    const table = type === "question" ? questions : type === "answer" ? answers : comments;
    await this.db.update(table).set({ bodyHtml }).where(eq(table.id, id));
  }

  // --- revisions -----------------------------------------------------------

  listRevisions(
    postType: PostType,
    postId: string,
  ): Promise<{ revision: RevisionRow; editor: AuthorRef }[]> {
    return this.db
      .select({ revision: revisions, editor: authorColumns })
      .from(revisions)
      .innerJoin(users, eq(users.id, revisions.editorId))
      .where(and(eq(revisions.postType, postType), eq(revisions.postId, postId)))
      .orderBy(desc(revisions.createdAt), desc(revisions.id));
  }

  // --- authors -------------------------------------------------------------

  /** Posts by this author that went public (for "first post of a new user"). */
  async countPublishedPosts(userId: string): Promise<number> {
    const notHeld = (t: typeof questions | typeof answers) =>
      and(eq(t.authorId, userId), eq(t.pendingReview, false), isNull(t.hiddenAt));
    const [q] = await this.db.select({ n: count() }).from(questions).where(notHeld(questions));
    const [a] = await this.db.select({ n: count() }).from(answers).where(notHeld(answers));
    return Number(q?.n ?? 0) + Number(a?.n ?? 0);
  }

  async authorStats(
    userId: string,
  ): Promise<{ questions: number; answers: number; accepted: number }> {
    const rows = await this.db.execute(sql`
      SELECT
        (SELECT count(*)::int FROM ${questions} WHERE ${questions.authorId} = ${userId} AND ${publicQuestion()}) AS questions,
        (SELECT count(*)::int FROM ${answers} WHERE ${answers.authorId} = ${userId}
           AND ${answers.deletedAt} IS NULL AND ${answers.hiddenAt} IS NULL AND NOT ${answers.pendingReview}) AS answers,
        (SELECT count(*)::int FROM ${questions} q JOIN ${answers} a ON a.id = q.accepted_answer_id
           WHERE a.author_id = ${userId}) AS accepted`);
    return (
      rowsOf<{ questions: number; answers: number; accepted: number }>(rows)[0] ?? {
        questions: 0,
        answers: 0,
        accepted: 0,
      }
    );
  }

  /** Recent public answers of an author with their question, for the profile page. */
  listAnswersByAuthor(userId: string, limit: number) {
    return this.db
      .select({ answer: answers, question: questions })
      .from(answers)
      .innerJoin(questions, eq(questions.id, answers.questionId))
      .where(
        and(
          eq(answers.authorId, userId),
          isNull(answers.deletedAt),
          isNull(answers.hiddenAt),
          eq(answers.pendingReview, false),
          publicQuestion(),
        ),
      )
      .orderBy(desc(answers.createdAt))
      .limit(limit);
  }
}

async function recountAnswers(tx: Executor, questionId: string) {
  await tx
    .update(questions)
    .set({
      answerCount: sql`(SELECT count(*)::int FROM ${answers} WHERE ${answers.questionId} = ${questionId}
        AND ${answers.deletedAt} IS NULL AND ${answers.hiddenAt} IS NULL AND NOT ${answers.pendingReview})`,
    })
    .where(eq(questions.id, questionId));
}

/** `db.execute` answers `{rows}` on node-postgres and PGlite alike. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

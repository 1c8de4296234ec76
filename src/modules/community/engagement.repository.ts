import { and, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  answers,
  badgeAwards,
  badges,
  followers,
  meToos,
  notifications,
  type PostType,
  type QuestionRow,
  questions,
  users,
  votes,
} from "../../db/schema/index.ts";
import type { Executor, Tx } from "./community.repository.ts";

export type VoteOutcome = "created" | "changed" | "unchanged";

/** Work another module does in the same transaction as the change (reputation points). */
export type Within = (tx: Tx) => Promise<void>;

/** Votes, me-too, followers, accepted answers and duplicate merges: all SQL for them. */
export class EngagementRepository {
  constructor(private readonly db: Db) {}

  // --- votes ---------------------------------------------------------------

  /** Stores the person's vote on a question or answer and recounts the post's totals. */
  async castVote(
    postType: "question" | "answer",
    postId: string,
    userId: string,
    value: 1 | -1,
    within?: Within,
  ): Promise<VoteOutcome> {
    return this.db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ value: votes.value })
        .from(votes)
        .where(
          and(eq(votes.postType, postType), eq(votes.postId, postId), eq(votes.userId, userId)),
        )
        .for("update");
      if (existing?.value === value) return "unchanged";
      if (existing) {
        await tx
          .update(votes)
          .set({ value, createdAt: new Date() })
          .where(
            and(eq(votes.postType, postType), eq(votes.postId, postId), eq(votes.userId, userId)),
          );
      } else {
        const inserted = await tx
          .insert(votes)
          .values({ postType, postId, userId, value })
          .onConflictDoNothing()
          .returning({ value: votes.value });
        // A concurrent request won the race with the same vote.
        if (!inserted.length) return "unchanged";
      }
      await recountVotes(tx, postType, postId);
      await within?.(tx);
      return existing ? "changed" : "created";
    });
  }

  async removeVote(
    postType: "question" | "answer",
    postId: string,
    userId: string,
    within?: Within,
  ) {
    return this.db.transaction(async (tx) => {
      const removed = await tx
        .delete(votes)
        .where(
          and(eq(votes.postType, postType), eq(votes.postId, postId), eq(votes.userId, userId)),
        )
        .returning({ value: votes.value });
      if (removed.length) {
        await recountVotes(tx, postType, postId);
        await within?.(tx);
      }
      return removed.length > 0;
    });
  }

  /** The signed-in person's votes on the given posts, by post id. */
  async myVotes(
    userId: string,
    postType: PostType,
    postIds: string[],
  ): Promise<Map<string, number>> {
    if (!postIds.length) return new Map();
    const rows = await this.db
      .select({ postId: votes.postId, value: votes.value })
      .from(votes)
      .where(
        and(eq(votes.userId, userId), eq(votes.postType, postType), inArray(votes.postId, postIds)),
      );
    return new Map(rows.map((r) => [r.postId, r.value]));
  }

  // --- me too and followers ------------------------------------------------

  /** Joins the question ("me too") and follows it; false when already joined. */
  async addMeToo(questionId: string, userId: string, within?: Within): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(meToos)
        .values({ questionId, userId })
        .onConflictDoNothing()
        .returning({ userId: meToos.userId });
      if (!inserted.length) return false;
      await tx
        .insert(followers)
        .values({ questionId, userId, reason: "me_too" })
        .onConflictDoNothing();
      await recountMeToos(tx, questionId);
      await within?.(tx);
      return true;
    });
  }

  /** Leaves the me-too (the person keeps following until they unfollow). */
  async removeMeToo(questionId: string, userId: string, within?: Within): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const removed = await tx
        .delete(meToos)
        .where(and(eq(meToos.questionId, questionId), eq(meToos.userId, userId)))
        .returning({ userId: meToos.userId });
      if (removed.length) {
        await recountMeToos(tx, questionId);
        await within?.(tx);
      }
      return removed.length > 0;
    });
  }

  async hasMeToo(questionId: string, userId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ userId: meToos.userId })
      .from(meToos)
      .where(and(eq(meToos.questionId, questionId), eq(meToos.userId, userId)));
    return Boolean(row);
  }

  async isFollowing(questionId: string, userId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ userId: followers.userId })
      .from(followers)
      .where(and(eq(followers.questionId, questionId), eq(followers.userId, userId)));
    return Boolean(row);
  }

  async follow(questionId: string, userId: string): Promise<void> {
    await this.db
      .insert(followers)
      .values({ questionId, userId, reason: "manual" })
      .onConflictDoNothing();
  }

  async unfollow(questionId: string, userId: string): Promise<boolean> {
    const removed = await this.db
      .delete(followers)
      .where(and(eq(followers.questionId, questionId), eq(followers.userId, userId)))
      .returning({ userId: followers.userId });
    return removed.length > 0;
  }

  async listFollowerIds(questionId: string): Promise<string[]> {
    const rows = await this.db
      .select({ userId: followers.userId })
      .from(followers)
      .where(eq(followers.questionId, questionId));
    return rows.map((r) => r.userId);
  }

  // --- notifications -------------------------------------------------------

  /**
   * My notifications, newest first, with the question's title and number (badge
   * notices have no question) and the badge's name and icon.
   */
  listNotifications(userId: string, opts: { unreadOnly: boolean; limit: number }) {
    return this.db
      .select({
        notification: notifications,
        questionTitle: questions.title,
        questionNumber: questions.number,
        actorName: users.name,
        badgeName: badges.name,
        badgeIcon: badges.icon,
      })
      .from(notifications)
      .leftJoin(questions, eq(questions.id, notifications.questionId))
      .leftJoin(users, eq(users.id, notifications.actorId))
      .leftJoin(badgeAwards, eq(badgeAwards.id, notifications.badgeAwardId))
      .leftJoin(badges, eq(badges.id, badgeAwards.badgeId))
      .where(
        and(
          eq(notifications.userId, userId),
          opts.unreadOnly ? isNull(notifications.readAt) : undefined,
          or(isNull(notifications.questionId), isNull(questions.deletedAt)),
        ),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(opts.limit);
  }

  /** Marks the given (or all) notifications of the person read; returns how many. */
  async markNotificationsRead(userId: string, ids?: string[]): Promise<number> {
    const rows = await this.db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          ids ? inArray(notifications.id, ids) : undefined,
        ),
      )
      .returning({ id: notifications.id });
    return rows.length;
  }

  // --- accepted answer -----------------------------------------------------

  /**
   * Accepts one answer (replacing any earlier one) and marks the question solved; the
   * answer's author is notified unless they accepted it themselves.
   */
  async accept(
    questionId: string,
    answerId: string,
    byId: string,
    within?: (tx: Tx, row: QuestionRow) => Promise<void>,
  ): Promise<QuestionRow> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`
      INSERT INTO community_notifications (user_id, question_id, kind, answer_id, actor_id)
      SELECT author_id, question_id, 'answer_accepted', id, ${byId}
      FROM ${answers} WHERE id = ${answerId} AND author_id <> ${byId}`);
      const [row] = await tx
        .update(questions)
        .set({
          acceptedAnswerId: answerId,
          acceptedById: byId,
          acceptedAt: new Date(),
          status: sql`CASE WHEN ${questions.status} = 'open' THEN 'solved' ELSE ${questions.status} END`,
          lastActivityAt: new Date(),
        })
        .where(eq(questions.id, questionId))
        .returning();
      await within?.(tx, row!);
      return row!;
    });
  }

  async unaccept(questionId: string, within?: Within): Promise<QuestionRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(questions)
        .set({
          acceptedAnswerId: null,
          acceptedById: null,
          acceptedAt: null,
          status: sql`CASE WHEN ${questions.status} = 'solved' THEN 'open' ELSE ${questions.status} END`,
        })
        .where(eq(questions.id, questionId))
        .returning();
      await within?.(tx);
      return row!;
    });
  }

  // --- duplicates ----------------------------------------------------------

  /**
   * Closes `source` as a duplicate of `target`: the asker, the me-too people and the
   * followers of the source join the target, whose me-too count is recounted. Answers
   * stay where they are. One transaction.
   */
  async closeAsDuplicate(
    source: QuestionRow,
    target: QuestionRow,
    byId: string,
  ): Promise<QuestionRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(questions)
        .set({
          status: "duplicate",
          duplicateOfId: target.id,
          closedById: byId,
          closedAt: new Date(),
          closeReason: null,
          closeNote: null,
          lastActivityAt: new Date(),
        })
        .where(eq(questions.id, source.id))
        .returning();
      // The asker of the duplicate has the same problem: they count as a me-too.
      await tx.execute(sql`
        INSERT INTO ${meToos} (question_id, user_id, created_at)
        SELECT ${target.id}, user_id, created_at FROM ${meToos} WHERE question_id = ${source.id}
          AND user_id <> ${target.authorId}
        UNION
        SELECT ${target.id}::uuid, ${source.authorId}::uuid, now() WHERE ${source.authorId}::uuid <> ${target.authorId}::uuid
        ON CONFLICT DO NOTHING`);
      await tx.execute(sql`
        INSERT INTO ${followers} (question_id, user_id, reason, created_at)
        SELECT ${target.id}, user_id, 'merged', created_at FROM ${followers} WHERE question_id = ${source.id}
        ON CONFLICT DO NOTHING`);
      await recountMeToos(tx, target.id);
      await tx
        .update(questions)
        .set({ lastActivityAt: new Date() })
        .where(eq(questions.id, target.id));
      return row!;
    });
  }

  /** Questions closed as duplicates of this one (for "also asked as"). */
  async listDuplicatesOf(questionId: string) {
    return this.db
      .select({ id: questions.id, number: questions.number, title: questions.title })
      .from(questions)
      .where(and(eq(questions.duplicateOfId, questionId), ne(questions.status, "open")));
  }
}

async function recountVotes(tx: Executor, postType: "question" | "answer", postId: string) {
  const tally = (value: number) =>
    sql<number>`(SELECT count(*)::int FROM ${votes} WHERE ${votes.postType} = ${postType}
      AND ${votes.postId} = ${postId} AND ${votes.value} = ${value})`;
  if (postType === "question") {
    await tx
      .update(questions)
      .set({ upvotes: tally(1) })
      .where(eq(questions.id, postId));
  } else {
    await tx
      .update(answers)
      .set({ upvotes: tally(1), downvotes: tally(-1) })
      .where(eq(answers.id, postId));
  }
}

async function recountMeToos(tx: Executor, questionId: string) {
  await tx
    .update(questions)
    .set({
      meTooCount: sql`(SELECT count(*)::int FROM ${meToos} WHERE ${meToos.questionId} = ${questionId})`,
    })
    .where(eq(questions.id, questionId));
}

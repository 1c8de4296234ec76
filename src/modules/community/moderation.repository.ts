import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  answers,
  comments,
  type FlagReason,
  type FlagResolution,
  type FlagRow,
  flags,
  members,
  type PostType,
  questions,
  users,
} from "../../db/schema/index.ts";
import { type AuthorRef, authorColumns, type Tx } from "./community.repository.ts";

/** Flags, the review queue and members' standing. */
export class ModerationRepository {
  constructor(private readonly db: Db) {}

  async isTrusted(userId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ trusted: members.trusted })
      .from(members)
      .where(eq(members.userId, userId));
    return row?.trusted ?? false;
  }

  async setTrusted(userId: string, trusted: boolean): Promise<void> {
    await this.db
      .insert(members)
      .values({ userId, trusted })
      .onConflictDoUpdate({ target: members.userId, set: { trusted, updatedAt: new Date() } });
  }

  /** A member's flag; undefined when the same person already has an open flag on the post. */
  async createFlag(input: {
    workspaceId: string;
    postType: PostType;
    postId: string;
    questionId: string;
    reporterId: string | null;
    reason: FlagReason | null;
    kind: "flag" | "held_for_review" | "duplicate_objection";
    note?: string | null;
  }): Promise<FlagRow | undefined> {
    const [row] = await this.db.insert(flags).values(input).onConflictDoNothing().returning();
    return row;
  }

  async findFlag(id: string): Promise<FlagRow | undefined> {
    const [row] = await this.db.select().from(flags).where(eq(flags.id, id));
    return row;
  }

  /** Open review items, oldest first, with who reported them. */
  listOpen(
    workspaceId: string,
    limit: number,
    offset = 0,
  ): Promise<
    { flag: FlagRow; reporter: AuthorRef | null; questionTitle: string; questionNumber: number }[]
  > {
    return this.db
      .select({
        flag: flags,
        reporter: authorColumns,
        questionTitle: questions.title,
        questionNumber: questions.number,
      })
      .from(flags)
      .innerJoin(questions, eq(questions.id, flags.questionId))
      .leftJoin(users, eq(users.id, flags.reporterId))
      .where(and(eq(flags.workspaceId, workspaceId), eq(flags.status, "open")))
      .orderBy(asc(flags.createdAt), asc(flags.id))
      .limit(limit)
      .offset(offset);
  }

  /**
   * Resolves every open item on the same post at once (three people flagging one spam
   * post is one decision), applying the action to the post in the same transaction.
   */
  async resolve(
    flag: FlagRow,
    resolution: FlagResolution,
    byId: string,
    within?: (tx: Tx, resolvedFlags: { id: string; reason: FlagReason | null }[]) => Promise<void>,
  ): Promise<{ resolved: number; published: boolean }> {
    return this.db.transaction(async (tx) => {
      const resolved = await tx
        .update(flags)
        .set({ status: "resolved", resolution, resolvedById: byId, resolvedAt: new Date() })
        .where(
          and(
            eq(flags.postType, flag.postType),
            eq(flags.postId, flag.postId),
            eq(flags.status, "open"),
          ),
        )
        .returning({ id: flags.id, reason: flags.reason });
      const now = new Date();
      const table = { question: questions, answer: answers, comment: comments }[flag.postType];
      if (resolution === "hide") {
        await tx.update(table).set({ hiddenAt: now }).where(eq(table.id, flag.postId));
      } else if (resolution === "lock") {
        await tx.update(questions).set({ lockedAt: now }).where(eq(questions.id, flag.questionId));
      }
      // Approving publishes a held post, and so does any decision on a held post other
      // than hiding it. Only the statement that actually flips `pending_review` reports
      // it, so the post's notifications go out once however many items it had.
      let published = false;
      if (resolution === "approve" || (flag.kind === "held_for_review" && resolution !== "hide")) {
        const flipped = await tx
          .update(table)
          .set({ pendingReview: false })
          .where(and(eq(table.id, flag.postId), eq(table.pendingReview, true)))
          .returning({ id: table.id });
        published = flipped.length > 0;
      }
      if (flag.postType === "answer") {
        await tx
          .update(questions)
          .set({
            answerCount: sql`(SELECT count(*)::int FROM ${answers} WHERE ${answers.questionId} = ${flag.questionId}
              AND ${answers.deletedAt} IS NULL AND ${answers.hiddenAt} IS NULL AND NOT ${answers.pendingReview})`,
          })
          .where(eq(questions.id, flag.questionId));
      }
      await within?.(tx, resolved);
      return { resolved: resolved.length, published };
    });
  }
}

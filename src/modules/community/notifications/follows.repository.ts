import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import {
  boards,
  type EmailFrequency,
  type FollowTarget,
  followers,
  follows,
  ideas,
  type MemberSettingsRow,
  memberSettings,
  questions,
} from "../../../db/schema/index.ts";
import { handleCandidate, handleFromName } from "../../../lib/mentions.ts";

/**
 * The `new_answer` notices of a published answer: one per follower of its question, not
 * its author (used when the answer is posted and when a moderator approves a held one).
 */
export const newAnswerNotices = (a: { questionId: string; id: string; authorId: string }) => sql`
  INSERT INTO community_notifications (user_id, question_id, kind, answer_id, actor_id)
  SELECT user_id, ${a.questionId}::uuid, 'new_answer', ${a.id}::uuid, ${a.authorId}::uuid
  FROM ${followers} WHERE question_id = ${a.questionId} AND user_id <> ${a.authorId}`;

export interface FollowedItem {
  type: FollowTarget | "question";
  /** Board, idea or question id; the tag itself for tags. */
  id: string;
  /** Board name, idea or question title, or the tag. */
  name: string;
  /** For building the item's page path. */
  slug: string | null;
  number: number | null;
  createdAt: Date;
}

/** Following boards, tags and ideas; handles and e-mail settings: all SQL for them. */
export class FollowsRepository {
  constructor(private readonly db: Db) {}

  async follow(userId: string, workspaceId: string, type: FollowTarget, target: string) {
    await this.db
      .insert(follows)
      .values({ userId, workspaceId, targetType: type, target })
      .onConflictDoNothing();
  }

  /** False when the person did not follow it. */
  async unfollow(userId: string, type: FollowTarget, target: string): Promise<boolean> {
    const rows = await this.db
      .delete(follows)
      .where(
        and(eq(follows.userId, userId), eq(follows.targetType, type), eq(follows.target, target)),
      )
      .returning({ userId: follows.userId });
    return rows.length > 0;
  }

  async isFollowing(userId: string, type: FollowTarget, target: string): Promise<boolean> {
    const rows = await this.db
      .select({ userId: follows.userId })
      .from(follows)
      .where(
        and(eq(follows.userId, userId), eq(follows.targetType, type), eq(follows.target, target)),
      );
    return rows.length > 0;
  }

  /** Everything the person follows: boards, tags, ideas, then questions; newest first each. */
  async listFollowed(userId: string): Promise<FollowedItem[]> {
    const [boardRows, tagRows, ideaRows, questionRows] = await Promise.all([
      this.db
        .select({ id: boards.id, name: boards.name, slug: boards.slug, at: follows.createdAt })
        .from(follows)
        .innerJoin(boards, sql`${boards.id}::text = ${follows.target}`)
        .where(and(eq(follows.userId, userId), eq(follows.targetType, "board")))
        .orderBy(desc(follows.createdAt)),
      this.db
        .select({ tag: follows.target, at: follows.createdAt })
        .from(follows)
        .where(and(eq(follows.userId, userId), eq(follows.targetType, "tag")))
        .orderBy(desc(follows.createdAt)),
      this.db
        .select({ id: ideas.id, title: ideas.title, number: ideas.number, at: follows.createdAt })
        .from(follows)
        .innerJoin(ideas, sql`${ideas.id}::text = ${follows.target}`)
        .where(and(eq(follows.userId, userId), eq(follows.targetType, "idea")))
        .orderBy(desc(follows.createdAt)),
      this.db
        .select({
          id: questions.id,
          title: questions.title,
          number: questions.number,
          at: followers.createdAt,
        })
        .from(followers)
        .innerJoin(questions, eq(questions.id, followers.questionId))
        .where(and(eq(followers.userId, userId), sql`${questions.deletedAt} IS NULL`))
        .orderBy(desc(followers.createdAt))
        .limit(500),
    ]);
    return [
      ...boardRows.map((b) => ({
        type: "board" as const,
        id: b.id,
        name: b.name,
        slug: b.slug,
        number: null,
        createdAt: b.at,
      })),
      ...tagRows.map((t) => ({
        type: "tag" as const,
        id: t.tag,
        name: t.tag,
        slug: null,
        number: null,
        createdAt: t.at,
      })),
      ...ideaRows.map((i) => ({
        type: "idea" as const,
        id: i.id,
        name: i.title,
        slug: null,
        number: i.number,
        createdAt: i.at,
      })),
      ...questionRows.map((q) => ({
        type: "question" as const,
        id: q.id,
        name: q.title,
        slug: null,
        number: q.number,
        createdAt: q.at,
      })),
    ];
  }

  /**
   * Tells the followers of the question's board and of its tags about a new question
   * (each person once, not its author).
   */
  async notifyNewQuestion(q: {
    id: string;
    workspaceId: string;
    boardId: string;
    tags: string[];
    authorId: string;
  }): Promise<number> {
    const tagMatch = q.tags.length
      ? sql`OR (target_type = 'tag' AND target IN (${sql.join(
          q.tags.map((t) => sql`${t}`),
          sql`, `,
        )}))`
      : sql``;
    const rows = await this.db.execute(sql`
      INSERT INTO community_notifications (user_id, question_id, kind, actor_id)
      SELECT DISTINCT user_id, ${q.id}::uuid, 'new_question', ${q.authorId}::uuid
      FROM ${follows}
      WHERE workspace_id = ${q.workspaceId}
        AND user_id <> ${q.authorId}
        AND ((target_type = 'board' AND target = ${q.boardId}) ${tagMatch})
      RETURNING id`);
    return (rows as { rows?: unknown[] }).rows?.length ?? 0;
  }

  /** Tells the question's followers about a newly published answer (not its author). */
  async notifyNewAnswer(a: { questionId: string; id: string; authorId: string }): Promise<void> {
    await this.db.execute(newAnswerNotices(a));
  }

  /** One `mention` notice per person and post (a second mention of the same post is ignored). */
  async notifyMentions(input: {
    userIds: string[];
    questionId: string;
    answerId: string | null;
    postId: string;
    actorId: string;
  }): Promise<void> {
    if (!input.userIds.length) return;
    await this.db.execute(sql`
      INSERT INTO community_notifications (user_id, question_id, kind, answer_id, post_id, actor_id)
      SELECT u, ${input.questionId}::uuid, 'mention', ${input.answerId}::uuid, ${input.postId}::uuid,
        ${input.actorId}::uuid
      FROM (VALUES ${sql.join(
        input.userIds.map((id) => sql`(${id}::uuid)`),
        sql`, `,
      )}) AS mentioned(u)
      ON CONFLICT (user_id, post_id) WHERE kind = 'mention' DO NOTHING`);
  }

  // --- handles and e-mail settings ---------------------------------------------

  async findSettings(userId: string): Promise<MemberSettingsRow | undefined> {
    const [row] = await this.db
      .select()
      .from(memberSettings)
      .where(eq(memberSettings.userId, userId));
    return row;
  }

  /** The person's settings, giving them a handle from their name on first use. */
  async ensureSettings(user: {
    id: string;
    workspaceId: string;
    name: string;
  }): Promise<MemberSettingsRow> {
    const found = await this.findSettings(user.id);
    if (found) return found;
    const base = handleFromName(user.name);
    for (let n = 1; n < 1000; n++) {
      const [row] = await this.db
        .insert(memberSettings)
        .values({
          userId: user.id,
          workspaceId: user.workspaceId,
          handle: handleCandidate(base, n),
        })
        .onConflictDoNothing()
        .returning();
      if (row) return row;
      // The person's own row may have been written meanwhile by another request.
      const again = await this.findSettings(user.id);
      if (again) return again;
    }
    throw new Error(`no free handle for ${base}`);
  }

  /** Throws the database's unique violation when the handle is taken. */
  async updateSettings(
    userId: string,
    patch: { email?: EmailFrequency; handle?: string },
  ): Promise<MemberSettingsRow | undefined> {
    const [row] = await this.db
      .update(memberSettings)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(memberSettings.userId, userId))
      .returning();
    return row;
  }

  /** Ids of the workspace's members with these handles (lower case). */
  async findUserIdsByHandles(workspaceId: string, handles: string[]): Promise<string[]> {
    if (!handles.length) return [];
    const rows = await this.db
      .select({ userId: memberSettings.userId })
      .from(memberSettings)
      .where(
        and(
          eq(memberSettings.workspaceId, workspaceId),
          inArray(sql`lower(${memberSettings.handle})`, handles),
        ),
      );
    return rows.map((r) => r.userId);
  }

  /** Which of these handles (lower case) members of the workspace hold. */
  async knownHandles(workspaceId: string, handles: string[]): Promise<Set<string>> {
    if (!handles.length) return new Set();
    const rows = await this.db
      .select({ handle: sql<string>`lower(${memberSettings.handle})` })
      .from(memberSettings)
      .where(
        and(
          eq(memberSettings.workspaceId, workspaceId),
          inArray(sql`lower(${memberSettings.handle})`, handles),
        ),
      );
    return new Set(rows.map((r) => r.handle));
  }

  /** Handles of these people (for showing them on profiles). */
  async handleOf(userId: string): Promise<string | null> {
    return (await this.findSettings(userId))?.handle ?? null;
  }
}

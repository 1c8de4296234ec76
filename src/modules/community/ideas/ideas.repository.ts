import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import {
  type BoardRow,
  boards,
  type IdeaRow,
  type IdeaStatus,
  type IdeaStatusChangeRow,
  ideaNotifications,
  ideaStatusChanges,
  ideas,
  ideaVotes,
  users,
} from "../../../db/schema/index.ts";
import { type AuthorRef, authorColumns } from "../community.repository.ts";

export interface IdeaWithRefs {
  idea: IdeaRow;
  board: BoardRow;
  author: AuthorRef;
}

export interface ListIdeasFilter {
  workspaceId: string;
  boardId?: string | undefined;
  status?: IdeaStatus | undefined;
  sort: "votes" | "newest";
  limit: number;
  offset: number;
}

/** All SQL of the ideas board: ideas, votes, status history and idea notifications. */
export class IdeasRepository {
  constructor(private readonly db: Db) {}

  private withRefs() {
    return this.db
      .select({ idea: ideas, board: boards, author: authorColumns })
      .from(ideas)
      .innerJoin(boards, eq(boards.id, ideas.boardId))
      .innerJoin(users, eq(users.id, ideas.authorId));
  }

  async create(values: typeof ideas.$inferInsert): Promise<IdeaRow> {
    const [row] = await this.db.insert(ideas).values(values).returning();
    return row!;
  }

  async findById(id: string): Promise<IdeaWithRefs | undefined> {
    const [row] = await this.withRefs().where(eq(ideas.id, id));
    return row;
  }

  async findByNumber(number: number): Promise<IdeaWithRefs | undefined> {
    const [row] = await this.withRefs().where(eq(ideas.number, number));
    return row;
  }

  list(filter: ListIdeasFilter): Promise<IdeaWithRefs[]> {
    const where = [eq(ideas.workspaceId, filter.workspaceId)];
    if (filter.boardId) where.push(eq(ideas.boardId, filter.boardId));
    if (filter.status) where.push(eq(ideas.status, filter.status));
    const order =
      filter.sort === "votes"
        ? [desc(ideas.votes), desc(ideas.createdAt)]
        : [desc(ideas.createdAt)];
    return this.withRefs()
      .where(and(...where))
      .orderBy(...order, desc(ideas.number))
      .limit(filter.limit)
      .offset(filter.offset);
  }

  /** Ideas for the sitemap, most recently changed first. */
  listForSitemap(
    workspaceId: string,
    limit: number,
  ): Promise<Pick<IdeaRow, "number" | "title" | "updatedAt">[]> {
    return this.db
      .select({ number: ideas.number, title: ideas.title, updatedAt: ideas.updatedAt })
      .from(ideas)
      .where(eq(ideas.workspaceId, workspaceId))
      .orderBy(desc(ideas.updatedAt))
      .limit(limit);
  }

  /** Idea counts per board. */
  async countByBoard(workspaceId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .select({ boardId: ideas.boardId, n: sql<number>`count(*)::int` })
      .from(ideas)
      .where(eq(ideas.workspaceId, workspaceId))
      .groupBy(ideas.boardId);
    return new Map(rows.map((r) => [r.boardId, Number(r.n)]));
  }

  // --- votes ---------------------------------------------------------------

  async hasVoted(ideaId: string, userId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ userId: ideaVotes.userId })
      .from(ideaVotes)
      .where(and(eq(ideaVotes.ideaId, ideaId), eq(ideaVotes.userId, userId)));
    return Boolean(row);
  }

  async votedAmong(userId: string, ideaIds: string[]): Promise<Set<string>> {
    if (!ideaIds.length) return new Set();
    const rows = await this.db
      .select({ ideaId: ideaVotes.ideaId })
      .from(ideaVotes)
      .where(and(eq(ideaVotes.userId, userId), inArray(ideaVotes.ideaId, ideaIds)));
    return new Set(rows.map((r) => r.ideaId));
  }

  /**
   * Adds or removes the person's vote and recounts, in one transaction; returns whether
   * anything changed (a second identical vote changes nothing) and the new count.
   */
  async setVote(
    ideaId: string,
    userId: string,
    voted: boolean,
  ): Promise<{ changed: boolean; votes: number }> {
    return this.db.transaction(async (tx) => {
      const changed = voted
        ? (await tx.insert(ideaVotes).values({ ideaId, userId }).onConflictDoNothing().returning())
            .length > 0
        : (
            await tx
              .delete(ideaVotes)
              .where(and(eq(ideaVotes.ideaId, ideaId), eq(ideaVotes.userId, userId)))
              .returning()
          ).length > 0;
      const [row] = await tx
        .update(ideas)
        .set({
          votes: sql`(SELECT count(*)::int FROM ${ideaVotes} WHERE ${ideaVotes.ideaId} = ${ideaId})`,
        })
        .where(eq(ideas.id, ideaId))
        .returning({ votes: ideas.votes });
      return { changed, votes: row!.votes };
    });
  }

  // --- status --------------------------------------------------------------

  /**
   * Sets the status, records the change with the team's comment, and notifies the
   * voters and the author (not the person who made the change), in one transaction.
   * `expected` guards against two people changing the status at the same moment.
   */
  async changeStatus(input: {
    ideaId: string;
    expected: IdeaStatus;
    to: IdeaStatus;
    comment: string;
    commentHtml: string;
    byId: string;
  }): Promise<IdeaStatusChangeRow | undefined> {
    return this.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(ideas)
        .set({ status: input.to, updatedAt: new Date() })
        .where(and(eq(ideas.id, input.ideaId), eq(ideas.status, input.expected)))
        .returning({ authorId: ideas.authorId });
      if (!updated) return undefined;
      const [change] = await tx
        .insert(ideaStatusChanges)
        .values({
          ideaId: input.ideaId,
          fromStatus: input.expected,
          toStatus: input.to,
          comment: input.comment,
          commentHtml: input.commentHtml,
          changedById: input.byId,
        })
        .returning();
      await tx.execute(sql`
        INSERT INTO community_idea_notifications (user_id, idea_id, status_change_id)
        SELECT user_id, ${input.ideaId}, ${change!.id} FROM (
          SELECT user_id FROM community_idea_votes WHERE idea_id = ${input.ideaId}
          UNION SELECT ${updated.authorId}::uuid
          UNION SELECT user_id FROM community_follows
            WHERE target_type = 'idea' AND target = ${input.ideaId}
        ) recipients WHERE user_id <> ${input.byId}`);
      return change!;
    });
  }

  /** The status history, oldest first, with who changed it. */
  listStatusChanges(ideaId: string): Promise<{ change: IdeaStatusChangeRow; by: AuthorRef }[]> {
    return this.db
      .select({ change: ideaStatusChanges, by: authorColumns })
      .from(ideaStatusChanges)
      .innerJoin(users, eq(users.id, ideaStatusChanges.changedById))
      .where(eq(ideaStatusChanges.ideaId, ideaId))
      .orderBy(asc(ideaStatusChanges.createdAt), asc(ideaStatusChanges.id));
  }

  // --- notifications -------------------------------------------------------

  listNotifications(userId: string, opts: { unreadOnly: boolean; limit: number }) {
    return this.db
      .select({
        id: ideaNotifications.id,
        readAt: ideaNotifications.readAt,
        createdAt: ideaNotifications.createdAt,
        idea: { id: ideas.id, number: ideas.number, title: ideas.title },
        change: {
          fromStatus: ideaStatusChanges.fromStatus,
          toStatus: ideaStatusChanges.toStatus,
          comment: ideaStatusChanges.comment,
        },
        by: { name: users.name },
      })
      .from(ideaNotifications)
      .innerJoin(ideas, eq(ideas.id, ideaNotifications.ideaId))
      .innerJoin(ideaStatusChanges, eq(ideaStatusChanges.id, ideaNotifications.statusChangeId))
      .innerJoin(users, eq(users.id, ideaStatusChanges.changedById))
      .where(
        and(
          eq(ideaNotifications.userId, userId),
          opts.unreadOnly ? isNull(ideaNotifications.readAt) : undefined,
        ),
      )
      .orderBy(desc(ideaNotifications.createdAt), desc(ideaNotifications.id))
      .limit(opts.limit);
  }

  async markNotificationsRead(userId: string, ids?: string[]): Promise<number> {
    const rows = await this.db
      .update(ideaNotifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(ideaNotifications.userId, userId),
          isNull(ideaNotifications.readAt),
          ids ? inArray(ideaNotifications.id, ids) : undefined,
        ),
      )
      .returning({ id: ideaNotifications.id });
    return rows.length;
  }
}

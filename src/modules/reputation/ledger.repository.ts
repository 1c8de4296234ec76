import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  type BadgeRow,
  badgeAwards,
  badges,
  type LedgerRow,
  notifications,
  reputationLedger,
  reputationSettings,
  reputationTotals,
  serialVotingCases,
  users,
  voteOrigins,
} from "../../db/schema/index.ts";
import { type BadgeStats, DEFAULT_BADGES, longestStreak } from "../../lib/reputation/badges.ts";
import { accountAgeDays, rankFor } from "../../lib/reputation/ranks.ts";
import {
  resolveSettings,
  type TRankDefinition,
  type TReputationSettings,
  type TReputationSettingsPatch,
} from "../../lib/reputation/settings.ts";
import { type Executor, rowsOf } from "../community/community.repository.ts";

export type NewLedgerRow = Omit<typeof reputationLedger.$inferInsert, "id" | "createdAt">;

/** Kinds a vote produces; reversed together when the vote changes or goes. */
export const VOTE_KINDS = [
  "answer_upvoted",
  "question_upvoted",
  "answer_downvoted",
  "downvote_cast",
] as const;
export const ACCEPT_KINDS = ["answer_accepted", "accepted_by_you"] as const;

/** Rows that still count: not a reversal themselves and not reversed by another row. */
const active = sql`${reputationLedger.reversesId} IS NULL AND NOT EXISTS (
  SELECT 1 FROM reputation_ledger r WHERE r.reverses_id = ${reputationLedger.id})`;

/** The ledger, totals, settings, badges and fair-play bookkeeping: all their SQL. */
export class LedgerRepository {
  constructor(private readonly db: Db) {}

  // --- settings ------------------------------------------------------------

  async settings(workspaceId: string, ex: Executor = this.db): Promise<TReputationSettings> {
    return resolveSettings(await this.storedSettings(workspaceId, ex));
  }

  async storedSettings(
    workspaceId: string,
    ex: Executor = this.db,
  ): Promise<TReputationSettingsPatch> {
    const [row] = await ex
      .select({ settings: reputationSettings.settings })
      .from(reputationSettings)
      .where(eq(reputationSettings.workspaceId, workspaceId));
    return row?.settings ?? {};
  }

  async saveSettings(workspaceId: string, settings: TReputationSettingsPatch, ex: Executor) {
    await ex
      .insert(reputationSettings)
      .values({ workspaceId, settings })
      .onConflictDoUpdate({
        target: reputationSettings.workspaceId,
        set: { settings, updatedAt: new Date() },
      });
  }

  // --- ledger --------------------------------------------------------------

  /**
   * Takes the person's row lock (creating their totals row first), so daily-cap
   * arithmetic and totals for one person never interleave.
   */
  async lockPerson(ex: Executor, userId: string, workspaceId: string, baseRank: string) {
    await ex
      .insert(reputationTotals)
      .values({ userId, workspaceId, points: 0, rankKey: baseRank })
      .onConflictDoNothing();
    await ex
      .select({ userId: reputationTotals.userId })
      .from(reputationTotals)
      .where(eq(reputationTotals.userId, userId))
      .for("update");
  }

  /** What the person earned on a UTC day in capped kinds (reversals give room back). */
  async earnedOnDay(ex: Executor, userId: string, day: string): Promise<number> {
    const [row] = await ex
      .select({ sum: sql<number>`coalesce(sum(${reputationLedger.points}), 0)::int` })
      .from(reputationLedger)
      .where(and(eq(reputationLedger.userId, userId), eq(reputationLedger.capDay, day)));
    return Number(row?.sum ?? 0);
  }

  /** Appends a row; undefined when a row with the same cause already exists. */
  async append(ex: Executor, row: NewLedgerRow): Promise<LedgerRow | undefined> {
    const [inserted] = await ex
      .insert(reputationLedger)
      .values(row)
      .onConflictDoNothing()
      .returning();
    return inserted;
  }

  /** Rows that still count and match the filter, oldest first. */
  listActive(
    ex: Executor,
    filter: {
      postId?: string;
      questionId?: string;
      actorId?: string;
      userId?: string;
      kinds?: readonly string[];
      ids?: string[];
    },
  ): Promise<LedgerRow[]> {
    return ex
      .select()
      .from(reputationLedger)
      .where(
        and(
          active,
          filter.postId ? eq(reputationLedger.postId, filter.postId) : undefined,
          filter.questionId ? eq(reputationLedger.questionId, filter.questionId) : undefined,
          filter.actorId ? eq(reputationLedger.actorId, filter.actorId) : undefined,
          filter.userId ? eq(reputationLedger.userId, filter.userId) : undefined,
          filter.kinds ? inArray(reputationLedger.kind, [...filter.kinds]) : undefined,
          filter.ids ? inArray(reputationLedger.id, filter.ids) : undefined,
        ),
      )
      .orderBy(asc(reputationLedger.createdAt), asc(reputationLedger.id));
  }

  /**
   * The compensating row for `original`: the same points negated, counted on the same
   * cap day. A second reversal of the same row is a no-op (unique reverses_id).
   */
  async reverse(
    ex: Executor,
    original: LedgerRow,
    note: string,
    actorId: string | null = null,
  ): Promise<LedgerRow | undefined> {
    const [row] = await ex
      .insert(reputationLedger)
      .values({
        workspaceId: original.workspaceId,
        userId: original.userId,
        kind: "reversal",
        points: -original.points,
        causeKey: `reversal:${original.id}`,
        reversesId: original.id,
        actorId,
        postType: original.postType,
        postId: original.postId,
        questionId: original.questionId,
        capDay: original.capDay,
        note,
      })
      .onConflictDoNothing()
      .returning();
    return row;
  }

  /** A person's ledger, newest first. */
  history(userId: string, limit: number) {
    return this.db
      .select()
      .from(reputationLedger)
      .where(eq(reputationLedger.userId, userId))
      .orderBy(desc(reputationLedger.createdAt), desc(reputationLedger.id))
      .limit(limit);
  }

  // --- totals and ranks ----------------------------------------------------

  /** Re-sums the person's ledger and stores total and rank; returns both. */
  async refreshTotal(
    ex: Executor,
    userId: string,
    workspaceId: string,
    ranks: readonly TRankDefinition[],
    now = new Date(),
  ): Promise<{ points: number; rankKey: string }> {
    const [sum] = await ex
      .select({ points: sql<number>`coalesce(sum(${reputationLedger.points}), 0)::int` })
      .from(reputationLedger)
      .where(eq(reputationLedger.userId, userId));
    const [user] = await ex
      .select({ createdAt: users.createdAt })
      .from(users)
      .where(eq(users.id, userId));
    const points = Number(sum?.points ?? 0);
    const rankKey = rankFor(points, accountAgeDays(user!.createdAt, now), ranks).key;
    await ex
      .insert(reputationTotals)
      .values({ userId, workspaceId, points, rankKey })
      .onConflictDoUpdate({
        target: reputationTotals.userId,
        set: { points, rankKey, updatedAt: now },
      });
    return { points, rankKey };
  }

  async total(userId: string, ex: Executor = this.db) {
    const [row] = await ex
      .select()
      .from(reputationTotals)
      .where(eq(reputationTotals.userId, userId));
    return row;
  }

  /** Points and rank of several people (for names on pages). */
  async totalsOf(userIds: string[]) {
    if (!userIds.length) return new Map<string, { points: number; rankKey: string }>();
    const rows = await this.db
      .select({
        userId: reputationTotals.userId,
        points: reputationTotals.points,
        rankKey: reputationTotals.rankKey,
      })
      .from(reputationTotals)
      .where(inArray(reputationTotals.userId, userIds));
    return new Map(rows.map((r) => [r.userId, { points: r.points, rankKey: r.rankKey }]));
  }

  // --- leaderboards --------------------------------------------------------

  /**
   * People by points earned since `since` (all time when null), optionally only on
   * one board's questions. Staff are left out unless asked for.
   */
  async leaderboard(opts: {
    workspaceId: string;
    since: Date | null;
    boardId: string | null;
    includeStaff: boolean;
    limit: number;
  }) {
    const result = await this.db.execute(sql`
      SELECT l.user_id AS "userId", u.name, u.role, sum(l.points)::int AS points,
        t.rank_key AS "rankKey"
      FROM reputation_ledger l
      JOIN users u ON u.id = l.user_id
      LEFT JOIN reputation_totals t ON t.user_id = l.user_id
      ${opts.boardId ? sql`JOIN community_questions q ON q.id = l.question_id` : sql``}
      WHERE l.workspace_id = ${opts.workspaceId}
        ${opts.since ? sql`AND l.created_at >= ${opts.since.toISOString()}` : sql``}
        ${opts.boardId ? sql`AND q.board_id = ${opts.boardId}` : sql``}
        ${opts.includeStaff ? sql`` : sql`AND u.role = 'customer'`}
        AND l.post_type IS DISTINCT FROM 'reward'
      GROUP BY l.user_id, u.name, u.role, t.rank_key
      HAVING sum(l.points) > 0
      ORDER BY points DESC, min(l.created_at) ASC
      LIMIT ${opts.limit}`);
    return rowsOf<{
      userId: string;
      name: string;
      role: string;
      points: number;
      rankKey: string | null;
    }>(result).map((r) => ({ ...r, points: Number(r.points) }));
  }

  // --- badges --------------------------------------------------------------

  /** Creates the default rule badges of a workspace the first time they are needed. */
  async ensureDefaultBadges(ex: Executor, workspaceId: string): Promise<void> {
    await ex
      .insert(badges)
      .values(DEFAULT_BADGES.map((b) => ({ ...b, workspaceId })))
      .onConflictDoNothing();
  }

  listBadges(workspaceId: string, ex: Executor = this.db): Promise<BadgeRow[]> {
    return ex
      .select()
      .from(badges)
      .where(eq(badges.workspaceId, workspaceId))
      .orderBy(asc(badges.createdAt), asc(badges.key));
  }

  async findBadge(workspaceId: string, key: string): Promise<BadgeRow | undefined> {
    const [row] = await this.db
      .select()
      .from(badges)
      .where(and(eq(badges.workspaceId, workspaceId), eq(badges.key, key)));
    return row;
  }

  async createBadge(ex: Executor, row: typeof badges.$inferInsert): Promise<BadgeRow | undefined> {
    const [created] = await ex.insert(badges).values(row).onConflictDoNothing().returning();
    return created;
  }

  async awardedKeys(ex: Executor, userId: string): Promise<Set<string>> {
    const rows = await ex
      .select({ key: badges.key })
      .from(badgeAwards)
      .innerJoin(badges, eq(badges.id, badgeAwards.badgeId))
      .where(eq(badgeAwards.userId, userId));
    return new Set(rows.map((r) => r.key));
  }

  /**
   * Awards a badge once and leaves an in-app notification in the same transaction;
   * undefined when the person already has it.
   */
  async award(
    ex: Executor,
    input: { badgeId: string; userId: string; awardedById?: string | null; reason?: string | null },
  ) {
    const [award] = await ex.insert(badgeAwards).values(input).onConflictDoNothing().returning();
    if (!award) return undefined;
    await ex.insert(notifications).values({
      userId: input.userId,
      kind: "badge_awarded",
      badgeAwardId: award.id,
      actorId: input.awardedById ?? null,
    });
    return award;
  }

  /** A person's badges, newest first. */
  badgesOf(userId: string) {
    return this.db
      .select({ badge: badges, awardedAt: badgeAwards.createdAt, reason: badgeAwards.reason })
      .from(badgeAwards)
      .innerJoin(badges, eq(badges.id, badgeAwards.badgeId))
      .where(eq(badgeAwards.userId, userId))
      .orderBy(desc(badgeAwards.createdAt));
  }

  /** The badge behind each badge_awarded notification, by award id. */
  async awardsById(ids: string[]) {
    if (!ids.length) return new Map<string, BadgeRow>();
    const rows = await this.db
      .select({ id: badgeAwards.id, badge: badges })
      .from(badgeAwards)
      .innerJoin(badges, eq(badges.id, badgeAwards.badgeId))
      .where(inArray(badgeAwards.id, ids));
    return new Map(rows.map((r) => [r.id, r.badge]));
  }

  /** The figures badge rules look at, from the ledger's rows that still count. */
  async badgeStats(ex: Executor, userId: string, points: number): Promise<BadgeStats> {
    const counts = rowsOf<{ accepted: number; helpful: number; fast: number }>(
      await ex.execute(sql`
        SELECT
          count(*) FILTER (WHERE l.kind = 'answer_accepted')::int AS accepted,
          count(*) FILTER (WHERE l.kind = 'answer_upvoted')::int AS helpful,
          count(*) FILTER (WHERE l.kind = 'answer_accepted'
            AND a.created_at - q.created_at <= interval '1 hour')::int AS fast
        FROM reputation_ledger l
        LEFT JOIN community_answers a ON a.id = l.post_id AND l.post_type = 'answer'
        LEFT JOIN community_questions q ON q.id = a.question_id
        WHERE l.user_id = ${userId} AND l.reverses_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM reputation_ledger r WHERE r.reverses_id = l.id)`),
    )[0];
    // A day counts for a streak when the person posted a question, answer or comment.
    const days = rowsOf<{ day: string }>(
      await ex.execute(sql`
        SELECT DISTINCT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM (
          SELECT created_at FROM community_questions WHERE author_id = ${userId} AND deleted_at IS NULL
          UNION ALL SELECT created_at FROM community_answers WHERE author_id = ${userId} AND deleted_at IS NULL
          UNION ALL SELECT created_at FROM community_comments WHERE author_id = ${userId} AND deleted_at IS NULL
        ) posts`),
    );
    return {
      acceptedAnswers: Number(counts?.accepted ?? 0),
      helpfulVotes: Number(counts?.helpful ?? 0),
      fastAcceptedAnswers: Number(counts?.fast ?? 0),
      longestStreakDays: longestStreak(days.map((d) => d.day)),
      points,
    };
  }

  /**
   * What a restored post still carries: the votes on it (for a question, also on its
   * live answers), its me-toos, and the question's accepted answer.
   */
  async carriedBy(ex: Executor, postType: "question" | "answer", postId: string) {
    const votes = rowsOf<{
      postType: "question" | "answer";
      postId: string;
      questionId: string;
      voterId: string;
      authorId: string;
      value: number;
      castAt: Date | string;
    }>(
      await ex.execute(sql`
        SELECT v.post_type AS "postType", v.post_id AS "postId", v.user_id AS "voterId",
          v.value, v.created_at AS "castAt",
          coalesce(q.id, a.question_id) AS "questionId",
          coalesce(q.author_id, a.author_id) AS "authorId"
        FROM community_votes v
        LEFT JOIN community_questions q ON v.post_type = 'question' AND q.id = v.post_id
        LEFT JOIN community_answers a ON v.post_type = 'answer' AND a.id = v.post_id
        WHERE ${
          postType === "answer"
            ? sql`v.post_type = 'answer' AND v.post_id = ${postId}`
            : sql`(v.post_type = 'question' AND v.post_id = ${postId}) OR (v.post_type = 'answer'
                AND a.question_id = ${postId} AND a.deleted_at IS NULL)`
        }`),
    );
    if (postType === "answer") return { votes, meToos: [], accepted: null };
    const meToos = rowsOf<{ userId: string; askerId: string }>(
      await ex.execute(sql`
        SELECT m.user_id AS "userId", q.author_id AS "askerId"
        FROM community_me_toos m JOIN community_questions q ON q.id = m.question_id
        WHERE m.question_id = ${postId}`),
    );
    const [accepted] = rowsOf<{
      answerId: string;
      answerAuthorId: string;
      accepterId: string;
      askerId: string;
    }>(
      await ex.execute(sql`
        SELECT a.id AS "answerId", a.author_id AS "answerAuthorId",
          q.accepted_by_id AS "accepterId", q.author_id AS "askerId"
        FROM community_questions q JOIN community_answers a ON a.id = q.accepted_answer_id
        WHERE q.id = ${postId} AND q.accepted_by_id IS NOT NULL AND a.deleted_at IS NULL`),
    );
    return { votes, meToos, accepted: accepted ?? null };
  }

  // --- fair play -----------------------------------------------------------

  /** Votes the person cast since `since`: all, and on posts by `authorId`. */
  async votesCastSince(userId: string, authorId: string, since: Date) {
    const [row] = rowsOf<{ total: number; target: number }>(
      await this.db.execute(sql`
        SELECT count(*)::int AS total,
          count(*) FILTER (WHERE coalesce(q.author_id, a.author_id) = ${authorId})::int AS target
        FROM community_votes v
        LEFT JOIN community_questions q ON v.post_type = 'question' AND q.id = v.post_id
        LEFT JOIN community_answers a ON v.post_type = 'answer' AND a.id = v.post_id
        WHERE v.user_id = ${userId} AND v.created_at >= ${since.toISOString()}`),
    );
    return { today: Number(row?.total ?? 0), todayForTarget: Number(row?.target ?? 0) };
  }

  /** The person's vote on the post (value, when cast) and when the post was last edited. */
  async voteAndEdit(postType: "question" | "answer", postId: string, userId: string) {
    const [row] = rowsOf<{
      value: number | null;
      votedAt: Date | string | null;
      editedAt: Date | string | null;
    }>(
      await this.db.execute(sql`
        SELECT
          (SELECT value FROM community_votes WHERE post_type = ${postType}
            AND post_id = ${postId} AND user_id = ${userId}) AS value,
          (SELECT created_at FROM community_votes WHERE post_type = ${postType}
            AND post_id = ${postId} AND user_id = ${userId}) AS "votedAt",
          (SELECT max(created_at) FROM community_revisions WHERE post_type = ${postType}
            AND post_id = ${postId}) AS "editedAt"`),
    );
    const date = (v: Date | string | null | undefined) => (v ? new Date(v) : null);
    return {
      value: row?.value ?? null,
      votedAt: date(row?.votedAt),
      editedAt: date(row?.editedAt),
    };
  }

  /** Notes where the person votes from; returns other accounts seen on the same origins. */
  async recordOrigins(ex: Executor, userId: string, origins: string[]): Promise<string[]> {
    if (!origins.length) return [];
    await ex
      .insert(voteOrigins)
      .values(origins.map((origin) => ({ userId, origin })))
      .onConflictDoUpdate({
        target: [voteOrigins.userId, voteOrigins.origin],
        set: { lastSeenAt: new Date() },
      });
    const rows = await ex
      .selectDistinct({ userId: voteOrigins.userId })
      .from(voteOrigins)
      .where(and(inArray(voteOrigins.origin, origins), sql`${voteOrigins.userId} <> ${userId}`));
    return rows.map((r) => r.userId);
  }

  /** Up-vote rows that still count, cast since `since`, for the serial-voting check. */
  async upvotesSince(workspaceId: string, since: Date) {
    return this.db
      .select({
        id: reputationLedger.id,
        voterId: reputationLedger.actorId,
        authorId: reputationLedger.userId,
        castAt: reputationLedger.createdAt,
      })
      .from(reputationLedger)
      .where(
        and(
          active,
          eq(reputationLedger.workspaceId, workspaceId),
          inArray(reputationLedger.kind, ["answer_upvoted", "question_upvoted"]),
          sql`${reputationLedger.createdAt} >= ${since.toISOString()}`,
        ),
      );
  }

  async recordSerialCase(ex: Executor, row: typeof serialVotingCases.$inferInsert) {
    const [created] = await ex.insert(serialVotingCases).values(row).returning();
    return created!;
  }

  listSerialCases(workspaceId: string, limit: number) {
    return this.db
      .select()
      .from(serialVotingCases)
      .where(eq(serialVotingCases.workspaceId, workspaceId))
      .orderBy(desc(serialVotingCases.createdAt))
      .limit(limit);
  }

  /** Workspaces that have any ledger rows (the nightly check visits only these). */
  async workspacesWithLedger(): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ workspaceId: reputationLedger.workspaceId })
      .from(reputationLedger);
    return rows.map((r) => r.workspaceId);
  }
}

import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import {
  badgeAwards,
  badges,
  type EmailDeliveryRow,
  type EmailItemRef,
  emailDeliveries,
  ideaNotifications,
  ideaStatusChanges,
  ideas,
  notifications,
  questions,
  users,
  workspaces,
} from "../../../db/schema/index.ts";
import { rowsOf } from "../community.repository.ts";

/**
 * Who gets no e-mail whatever their setting: disabled accounts and imported authors
 * (their addresses end in `.invalid` and never deliver).
 */
const UNMAILABLE = sql`(u.disabled_at IS NOT NULL OR lower(u.email) LIKE '%.invalid')`;

export interface MailRecipient {
  userId: string;
  email: string;
  name: string;
  locale: string | null;
  workspaceName: string;
  defaultLocale: string;
}

export type MailItem =
  | {
      source: "q";
      id: string;
      kind: string;
      createdAt: Date;
      question: { id: string; number: number; title: string } | null;
      answerId: string | null;
      actorName: string | null;
      badgeName: string | null;
    }
  | {
      source: "i";
      id: string;
      createdAt: Date;
      idea: { id: string; number: number; title: string };
      toStatus: string;
      comment: string;
      actorName: string;
    };

/** The e-mail side of notifications: queueing, daily digests, claiming and marking sends. */
export class EmailQueueRepository {
  constructor(private readonly db: Db) {}

  /**
   * Hands the oldest pending notices of people who want them at once (or not at all)
   * to e-mail: one delivery per notice, keyed by it, so a notice queued twice is still
   * sent once. Daily people's notices stay pending for their digest. Returns how many
   * notices were handled.
   */
  async queueImmediate(now: Date, limit: number): Promise<number> {
    let handled = 0;
    for (const [source, table] of [
      ["q", "community_notifications"],
      ["i", "community_idea_notifications"],
    ] as const) {
      const result = await this.db.execute(sql`
        WITH picked AS (
          SELECT n.id, n.user_id,
            CASE WHEN ${UNMAILABLE} THEN 'off' ELSE coalesce(s.email, 'immediate') END AS freq
          FROM ${sql.raw(table)} n
          JOIN users u ON u.id = n.user_id
          LEFT JOIN community_member_settings s ON s.user_id = n.user_id
          WHERE n.email_pending
            AND (coalesce(s.email, 'immediate') <> 'daily' OR ${UNMAILABLE})
          ORDER BY n.created_at
          LIMIT ${limit}
          FOR UPDATE OF n SKIP LOCKED
        ), queued AS (
          INSERT INTO community_email_deliveries (key, user_id, kind, items, next_attempt_at)
          SELECT ${`${source}:`} || id, user_id, 'immediate',
            jsonb_build_array(jsonb_build_object('source', ${source}::text, 'id', id)), ${now.toISOString()}::timestamptz
          FROM picked WHERE freq = 'immediate'
          ON CONFLICT (key) DO NOTHING
        )
        UPDATE ${sql.raw(table)} SET email_pending = false
        WHERE id IN (SELECT id FROM picked)
        RETURNING id`);
      handled += rowsOf(result).length;
    }
    return handled;
  }

  /** People on the daily digest with pending notices, and the time zone they live in. */
  async digestCandidates(limit: number): Promise<{ userId: string; timeZone: string }[]> {
    const result = await this.db.execute<{ user_id: string; time_zone: string }>(sql`
      SELECT s.user_id, coalesce(u.time_zone, w.time_zone) AS time_zone
      FROM community_member_settings s
      JOIN users u ON u.id = s.user_id
      JOIN workspaces w ON w.id = u.workspace_id
      WHERE s.email = 'daily' AND NOT ${UNMAILABLE}
        AND (EXISTS (SELECT 1 FROM community_notifications n
                     WHERE n.user_id = s.user_id AND n.email_pending)
          OR EXISTS (SELECT 1 FROM community_idea_notifications n
                     WHERE n.user_id = s.user_id AND n.email_pending))
      LIMIT ${limit}`);
    return rowsOf<{ user_id: string; time_zone: string }>(result).map((r) => ({
      userId: r.user_id,
      timeZone: r.time_zone,
    }));
  }

  /**
   * Puts the person's unread pending notices into the digest of `date` (their local
   * date) and marks all their pending notices handled (read ones are not mailed). When
   * that day's digest exists already, nothing changes: the notices wait for tomorrow's.
   * Returns whether a digest was queued.
   */
  async queueDigest(userId: string, date: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [q, i] = await Promise.all([
        tx
          .select({
            id: notifications.id,
            readAt: notifications.readAt,
            at: notifications.createdAt,
          })
          .from(notifications)
          .where(and(eq(notifications.userId, userId), eq(notifications.emailPending, true)))
          .for("update"),
        tx
          .select({
            id: ideaNotifications.id,
            readAt: ideaNotifications.readAt,
            at: ideaNotifications.createdAt,
          })
          .from(ideaNotifications)
          .where(
            and(eq(ideaNotifications.userId, userId), eq(ideaNotifications.emailPending, true)),
          )
          .for("update"),
      ]);
      const items: (EmailItemRef & { at: Date })[] = [
        ...q.filter((n) => !n.readAt).map((n) => ({ source: "q" as const, id: n.id, at: n.at })),
        ...i.filter((n) => !n.readAt).map((n) => ({ source: "i" as const, id: n.id, at: n.at })),
      ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
      if (items.length) {
        const inserted = await tx
          .insert(emailDeliveries)
          .values({
            key: `digest:${userId}:${date}`,
            userId,
            kind: "digest",
            items: items.map(({ source, id }) => ({ source, id })),
            nextAttemptAt: now,
          })
          .onConflictDoNothing()
          .returning({ key: emailDeliveries.key });
        if (!inserted.length) return false;
      }
      if (q.length) {
        await tx
          .update(notifications)
          .set({ emailPending: false })
          .where(
            inArray(
              notifications.id,
              q.map((n) => n.id),
            ),
          );
      }
      if (i.length) {
        await tx
          .update(ideaNotifications)
          .set({ emailPending: false })
          .where(
            inArray(
              ideaNotifications.id,
              i.map((n) => n.id),
            ),
          );
      }
      return items.length > 0;
    });
  }

  /**
   * Claims due deliveries for sending: each claimed one counts an attempt and is held
   * for `leaseMs` (another worker skips it meanwhile; a crashed worker's claim expires).
   */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<EmailDeliveryRow[]> {
    const due = this.db
      .select({ key: emailDeliveries.key })
      .from(emailDeliveries)
      .where(and(eq(emailDeliveries.status, "queued"), lte(emailDeliveries.nextAttemptAt, now)))
      .orderBy(asc(emailDeliveries.nextAttemptAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    return this.db
      .update(emailDeliveries)
      .set({
        attempts: sql`${emailDeliveries.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + leaseMs),
      })
      .where(and(inArray(emailDeliveries.key, due), eq(emailDeliveries.status, "queued")))
      .returning();
  }

  async markSent(key: string, now: Date): Promise<void> {
    await this.db
      .update(emailDeliveries)
      .set({ status: "sent", sentAt: now, lastError: null })
      .where(eq(emailDeliveries.key, key));
  }

  /** A failed attempt: try again at `retryAt`, or give up (`failed`) when null. */
  async markFailed(key: string, error: string, retryAt: Date | null): Promise<void> {
    await this.db
      .update(emailDeliveries)
      .set(
        retryAt
          ? { lastError: error, nextAttemptAt: retryAt }
          : { lastError: error, status: "failed" },
      )
      .where(eq(emailDeliveries.key, key));
  }

  async findDelivery(key: string): Promise<EmailDeliveryRow | undefined> {
    const [row] = await this.db.select().from(emailDeliveries).where(eq(emailDeliveries.key, key));
    return row;
  }

  async findRecipient(userId: string): Promise<MailRecipient | undefined> {
    const [row] = await this.db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        locale: users.locale,
        disabledAt: users.disabledAt,
        workspaceName: workspaces.name,
        defaultLocale: workspaces.defaultLocale,
      })
      .from(users)
      .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
      .where(eq(users.id, userId));
    if (!row || row.disabledAt) return undefined;
    const { disabledAt: _disabled, ...recipient } = row;
    return recipient;
  }

  /**
   * What a delivery's notices say, in the delivery's order. Notices deleted since (their
   * question or idea gone) and questions deleted meanwhile are left out.
   */
  async loadItems(refs: EmailItemRef[]): Promise<MailItem[]> {
    const qIds = refs.filter((r) => r.source === "q").map((r) => r.id);
    const iIds = refs.filter((r) => r.source === "i").map((r) => r.id);
    const [qRows, iRows] = await Promise.all([
      qIds.length
        ? this.db
            .select({
              id: notifications.id,
              kind: notifications.kind,
              createdAt: notifications.createdAt,
              answerId: notifications.answerId,
              questionId: questions.id,
              number: questions.number,
              title: questions.title,
              deletedAt: questions.deletedAt,
              actorName: users.name,
              badgeName: badges.name,
            })
            .from(notifications)
            .leftJoin(questions, eq(questions.id, notifications.questionId))
            .leftJoin(users, eq(users.id, notifications.actorId))
            .leftJoin(badgeAwards, eq(badgeAwards.id, notifications.badgeAwardId))
            .leftJoin(badges, eq(badges.id, badgeAwards.badgeId))
            .where(inArray(notifications.id, qIds))
        : [],
      iIds.length
        ? this.db
            .select({
              id: ideaNotifications.id,
              createdAt: ideaNotifications.createdAt,
              ideaId: ideas.id,
              number: ideas.number,
              title: ideas.title,
              toStatus: ideaStatusChanges.toStatus,
              comment: ideaStatusChanges.comment,
              actorName: users.name,
            })
            .from(ideaNotifications)
            .innerJoin(ideas, eq(ideas.id, ideaNotifications.ideaId))
            .innerJoin(
              ideaStatusChanges,
              eq(ideaStatusChanges.id, ideaNotifications.statusChangeId),
            )
            .innerJoin(users, eq(users.id, ideaStatusChanges.changedById))
            .where(inArray(ideaNotifications.id, iIds))
        : [],
    ]);
    const byId = new Map<string, MailItem>();
    for (const r of qRows) {
      if (r.deletedAt) continue;
      byId.set(r.id, {
        source: "q",
        id: r.id,
        kind: r.kind,
        createdAt: r.createdAt,
        question:
          r.questionId && r.number !== null && r.title !== null
            ? { id: r.questionId, number: r.number, title: r.title }
            : null,
        answerId: r.answerId,
        actorName: r.actorName,
        badgeName: r.badgeName,
      });
    }
    for (const r of iRows) {
      byId.set(r.id, {
        source: "i",
        id: r.id,
        createdAt: r.createdAt,
        idea: { id: r.ideaId, number: r.number, title: r.title },
        toStatus: r.toStatus,
        comment: r.comment,
        actorName: r.actorName,
      });
    }
    return refs.flatMap((r) => byId.get(r.id) ?? []);
  }
}

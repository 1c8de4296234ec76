import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  type RedemptionRow,
  type RedemptionStatus,
  type RewardRow,
  redemptions,
  rewards,
  users,
} from "../../db/schema/index.ts";
import type { Executor } from "../community/community.repository.ts";

export type NewReward = Omit<typeof rewards.$inferInsert, "id" | "createdAt" | "updatedAt">;

/** The rewards catalogue and redemption requests: all their SQL. */
export class RewardsRepository {
  constructor(private readonly db: Db) {}

  async create(ex: Executor, row: NewReward): Promise<RewardRow> {
    const [created] = await ex.insert(rewards).values(row).returning();
    return created!;
  }

  async update(
    ex: Executor,
    id: string,
    patch: Partial<NewReward>,
  ): Promise<RewardRow | undefined> {
    const [row] = await ex
      .update(rewards)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(rewards.id, id))
      .returning();
    return row;
  }

  list(workspaceId: string, opts: { activeOnly: boolean }): Promise<RewardRow[]> {
    return this.db
      .select()
      .from(rewards)
      .where(
        and(
          eq(rewards.workspaceId, workspaceId),
          opts.activeOnly ? eq(rewards.active, true) : undefined,
        ),
      )
      .orderBy(asc(rewards.createdAt), asc(rewards.id));
  }

  async find(id: string, ex: Executor = this.db, lock = false): Promise<RewardRow | undefined> {
    const query = ex.select().from(rewards).where(eq(rewards.id, id));
    const [row] = lock ? await query.for("update") : await query;
    return row;
  }

  /** Takes one from stock; false when none is left (checked and changed in one statement). */
  async takeFromStock(ex: Executor, id: string): Promise<boolean> {
    const rows = await ex
      .update(rewards)
      .set({ stock: sql`${rewards.stock} - 1`, updatedAt: new Date() })
      .where(and(eq(rewards.id, id), sql`${rewards.stock} > 0`))
      .returning({ id: rewards.id });
    return rows.length > 0;
  }

  async returnToStock(ex: Executor, id: string): Promise<void> {
    await ex
      .update(rewards)
      .set({ stock: sql`${rewards.stock} + 1`, updatedAt: new Date() })
      .where(eq(rewards.id, id));
  }

  /** A new request; undefined when the person already has an open one for this reward. */
  async createRedemption(
    ex: Executor,
    row: { workspaceId: string; rewardId: string; userId: string; points: number },
  ): Promise<RedemptionRow | undefined> {
    const [created] = await ex.insert(redemptions).values(row).onConflictDoNothing().returning();
    return created;
  }

  async findRedemption(
    id: string,
    ex: Executor = this.db,
    lock = false,
  ): Promise<RedemptionRow | undefined> {
    const query = ex.select().from(redemptions).where(eq(redemptions.id, id));
    const [row] = lock ? await query.for("update") : await query;
    return row;
  }

  async setRedemption(
    ex: Executor,
    id: string,
    patch: { status: RedemptionStatus; message: string | null; decidedById: string },
  ): Promise<RedemptionRow> {
    const [row] = await ex
      .update(redemptions)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(redemptions.id, id))
      .returning();
    return row!;
  }

  /** One request with its reward's and requester's names. */
  async findRedemptionView(id: string) {
    const [row] = await this.db
      .select({ redemption: redemptions, rewardName: rewards.name, userName: users.name })
      .from(redemptions)
      .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
      .innerJoin(users, eq(users.id, redemptions.userId))
      .where(eq(redemptions.id, id));
    return row;
  }

  /** Requests for staff: by status (all when null), oldest first, with who and what. */
  listRedemptions(
    workspaceId: string,
    opts: { status: RedemptionStatus | null; userId?: string; limit: number },
  ) {
    return this.db
      .select({
        redemption: redemptions,
        rewardName: rewards.name,
        userName: users.name,
      })
      .from(redemptions)
      .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
      .innerJoin(users, eq(users.id, redemptions.userId))
      .where(
        and(
          eq(redemptions.workspaceId, workspaceId),
          opts.status ? eq(redemptions.status, opts.status) : undefined,
          opts.userId ? eq(redemptions.userId, opts.userId) : undefined,
        ),
      )
      .orderBy(opts.userId ? desc(redemptions.createdAt) : asc(redemptions.createdAt))
      .limit(opts.limit);
  }
}

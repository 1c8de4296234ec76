import { and, asc, eq, or, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client.ts";
import {
  conversationPresence,
  type SavedViewRow,
  savedViews,
  users,
} from "../../db/schema/index.ts";

export interface PresenceWithUser {
  conversationId: string;
  userId: string;
  name: string;
  state: "viewing" | "typing";
  expiresInMs: number;
}

export interface SavedViewWithOwner {
  view: SavedViewRow;
  ownerName: string | null;
}

/** All SQL of the console's own state: who is where (presence), saved views. */
export class ConsoleRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records a heartbeat (or removes the entry for `left`) and sweeps the workspace's
   * long-expired entries, so the table stays as small as the number of open consoles.
   */
  async setPresence(
    entry: { workspaceId: string; conversationId: string; userId: string },
    state: "viewing" | "typing" | "left",
    ttlMs: number,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (state === "left") {
        await tx
          .delete(conversationPresence)
          .where(
            and(
              eq(conversationPresence.conversationId, entry.conversationId),
              eq(conversationPresence.userId, entry.userId),
            ),
          );
      } else {
        const expiresAt = sql`now() + ${`${ttlMs} milliseconds`}::interval`;
        await tx
          .insert(conversationPresence)
          .values({ ...entry, state, expiresAt })
          .onConflictDoUpdate({
            target: [conversationPresence.conversationId, conversationPresence.userId],
            set: { state, expiresAt },
          });
      }
      await tx.execute(
        sql`DELETE FROM conversation_presence
            WHERE workspace_id = ${entry.workspaceId} AND expires_at < now() - interval '1 minute'`,
      );
    });
  }

  /** Live entries of a workspace (or one conversation), with the agents' names. */
  async listPresence(workspaceId: string, conversationId?: string): Promise<PresenceWithUser[]> {
    const rows = await queryRows<{
      conversation_id: string;
      user_id: string;
      name: string;
      state: "viewing" | "typing";
      ms: unknown;
    }>(
      this.db,
      sql`SELECT p.conversation_id, p.user_id, u.name, p.state,
                 floor(extract(epoch FROM (p.expires_at - now())) * 1000) AS ms
          FROM conversation_presence p JOIN users u ON u.id = p.user_id
          WHERE p.workspace_id = ${workspaceId} AND p.expires_at > now()
            ${conversationId ? sql`AND p.conversation_id = ${conversationId}` : sql``}
          ORDER BY p.conversation_id, u.name`,
    );
    return rows.map((r) => ({
      conversationId: r.conversation_id,
      userId: r.user_id,
      name: r.name,
      state: r.state,
      expiresInMs: Number(r.ms),
    }));
  }

  /** Shared views of the workspace and the agent's personal ones, by name. */
  async listVisibleViews(workspaceId: string, userId: string): Promise<SavedViewWithOwner[]> {
    return this.db
      .select({ view: savedViews, ownerName: users.name })
      .from(savedViews)
      .leftJoin(users, eq(users.id, savedViews.ownerId))
      .where(
        and(
          eq(savedViews.workspaceId, workspaceId),
          or(eq(savedViews.scope, "shared"), eq(savedViews.ownerId, userId)),
        ),
      )
      .orderBy(asc(savedViews.name), asc(savedViews.id))
      .limit(200);
  }

  async findVisibleView(
    workspaceId: string,
    userId: string,
    id: string,
  ): Promise<SavedViewWithOwner | undefined> {
    const [row] = await this.db
      .select({ view: savedViews, ownerName: users.name })
      .from(savedViews)
      .leftJoin(users, eq(users.id, savedViews.ownerId))
      .where(
        and(
          eq(savedViews.id, id),
          eq(savedViews.workspaceId, workspaceId),
          or(eq(savedViews.scope, "shared"), eq(savedViews.ownerId, userId)),
        ),
      );
    return row;
  }

  async createView(values: typeof savedViews.$inferInsert): Promise<SavedViewRow> {
    const [row] = await this.db.insert(savedViews).values(values).returning();
    return row!;
  }

  async updateView(
    id: string,
    patch: Partial<Pick<SavedViewRow, "name" | "scope" | "query">>,
  ): Promise<SavedViewRow | undefined> {
    const [row] = await this.db
      .update(savedViews)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(savedViews.id, id))
      .returning();
    return row;
  }

  async deleteView(id: string): Promise<void> {
    await this.db.delete(savedViews).where(eq(savedViews.id, id));
  }
}

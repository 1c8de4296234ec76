import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { agentPhotos, type UserRow, users } from "../../db/schema/index.ts";

/** The SQL of agents' profile photos. */
export class AgentPhotosRepository {
  constructor(private readonly db: Db) {}

  /** Stores the photo and stamps the user in one transaction; returns the updated user. */
  async save(userId: string, webp: Buffer): Promise<UserRow | undefined> {
    return this.db.transaction(async (tx) => {
      const now = new Date();
      await tx
        .insert(agentPhotos)
        .values({ userId, webp, updatedAt: now })
        .onConflictDoUpdate({ target: agentPhotos.userId, set: { webp, updatedAt: now } });
      const [row] = await tx
        .update(users)
        .set({ photoUpdatedAt: now, updatedAt: now })
        .where(eq(users.id, userId))
        .returning();
      return row;
    });
  }

  async remove(userId: string): Promise<UserRow | undefined> {
    return this.db.transaction(async (tx) => {
      await tx.delete(agentPhotos).where(eq(agentPhotos.userId, userId));
      const [row] = await tx
        .update(users)
        .set({ photoUpdatedAt: null, updatedAt: sql`now()` })
        .where(eq(users.id, userId))
        .returning();
      return row;
    });
  }

  async find(userId: string): Promise<{ webp: Buffer; updatedAt: Date } | undefined> {
    const [row] = await this.db
      .select({ webp: agentPhotos.webp, updatedAt: agentPhotos.updatedAt })
      .from(agentPhotos)
      .where(eq(agentPhotos.userId, userId));
    return row;
  }
}

import { and, asc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type MacroRow, macros, users } from "../../db/schema/index.ts";

export interface MacroWithOwner {
  macro: MacroRow;
  ownerName: string | null;
}

/** All SQL of canned responses. */
export class MacrosRepository {
  constructor(private readonly db: Db) {}

  /** Shared macros of the workspace and the agent's personal ones, by title. */
  async listVisible(workspaceId: string, userId: string, q?: string): Promise<MacroWithOwner[]> {
    const where: (SQL | undefined)[] = [
      eq(macros.workspaceId, workspaceId),
      or(eq(macros.scope, "shared"), eq(macros.ownerId, userId)),
    ];
    if (q) {
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(or(ilike(macros.title, pattern), ilike(macros.body, pattern)));
    }
    return this.db
      .select({ macro: macros, ownerName: users.name })
      .from(macros)
      .leftJoin(users, eq(users.id, macros.ownerId))
      .where(and(...where))
      .orderBy(asc(macros.title), asc(macros.id))
      .limit(500);
  }

  async findVisible(
    workspaceId: string,
    userId: string,
    id: string,
  ): Promise<MacroWithOwner | undefined> {
    const [row] = await this.db
      .select({ macro: macros, ownerName: users.name })
      .from(macros)
      .leftJoin(users, eq(users.id, macros.ownerId))
      .where(
        and(
          eq(macros.id, id),
          eq(macros.workspaceId, workspaceId),
          or(eq(macros.scope, "shared"), eq(macros.ownerId, userId)),
        ),
      );
    return row;
  }

  async create(values: typeof macros.$inferInsert): Promise<MacroRow> {
    const [row] = await this.db.insert(macros).values(values).returning();
    return row!;
  }

  async update(
    id: string,
    patch: Partial<Pick<MacroRow, "title" | "body" | "scope" | "actions">>,
  ): Promise<MacroRow | undefined> {
    const [row] = await this.db
      .update(macros)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(macros.id, id))
      .returning();
    return row;
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(macros).where(eq(macros.id, id));
  }
}

import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type WorkspaceRow, workspaces } from "../../db/schema/index.ts";

export class WorkspacesRepository {
  constructor(private readonly db: Db) {}

  async findBySlug(slug: string): Promise<WorkspaceRow | undefined> {
    const [row] = await this.db.select().from(workspaces).where(eq(workspaces.slug, slug));
    return row;
  }

  async findById(id: string): Promise<WorkspaceRow | undefined> {
    const [row] = await this.db.select().from(workspaces).where(eq(workspaces.id, id));
    return row;
  }

  /** The installation's first workspace: where sign-ups land until there are several. */
  async findDefault(): Promise<WorkspaceRow | undefined> {
    const [row] = await this.db
      .select()
      .from(workspaces)
      .orderBy(asc(workspaces.createdAt), asc(workspaces.slug))
      .limit(1);
    return row;
  }

  /** Creates the workspace unless one with the slug exists; returns the stored row. */
  async ensure(slug: string, name: string): Promise<WorkspaceRow> {
    await this.db.insert(workspaces).values({ slug, name }).onConflictDoNothing();
    const row = await this.findBySlug(slug);
    if (!row) throw new Error(`workspace ${slug} vanished while being created`);
    return row;
  }

  /** Renames the workspace; the stored row, or undefined when there is none. */
  async rename(id: string, name: string): Promise<WorkspaceRow | undefined> {
    const [row] = await this.db
      .update(workspaces)
      .set({ name })
      .where(eq(workspaces.id, id))
      .returning();
    return row;
  }

  /**
   * Moves the workspace to another time zone. The roll-ups counted per local day are
   * marked stale (the SLA task counts them again, `rollupsStaleSince`), and the teams'
   * business clocks go with their days (built again by the SLA task in the new zone).
   * False when the zone was already the one given.
   */
  async changeTimeZone(id: string, timeZone: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const changed = await tx
        .update(workspaces)
        .set({ timeZone, rollupsStaleSince: sql`now()` })
        .where(sql`${workspaces.id} = ${id} AND ${workspaces.timeZone} <> ${timeZone}`)
        .returning({ id: workspaces.id });
      if (changed.length === 0) return false;
      await tx.execute(sql`DELETE FROM response_clocks WHERE workspace_id = ${id}`);
      return true;
    });
  }
}

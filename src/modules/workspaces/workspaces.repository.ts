import { asc, eq } from "drizzle-orm";
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
}

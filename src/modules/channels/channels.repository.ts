import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type ChannelKind, type ChannelRow, channels } from "../../db/schema/index.ts";

export class ChannelExistsError extends Error {}

export class ChannelsRepository {
  constructor(private readonly db: Db) {}

  async create(input: {
    workspaceId: string;
    kind: ChannelKind;
    name: string;
    handle: string | null;
    externalId: string;
    credentials: string;
    apiBaseUrl: string | null;
  }): Promise<ChannelRow> {
    const [row] = await this.db.insert(channels).values(input).onConflictDoNothing().returning();
    if (!row) throw new ChannelExistsError(`${input.kind}:${input.externalId}`);
    return row;
  }

  async findById(id: string): Promise<ChannelRow | undefined> {
    const [row] = await this.db.select().from(channels).where(eq(channels.id, id));
    return row;
  }

  async findByExternalId(kind: ChannelKind, externalId: string): Promise<ChannelRow | undefined> {
    const [row] = await this.db
      .select()
      .from(channels)
      .where(and(eq(channels.kind, kind), eq(channels.externalId, externalId)));
    return row;
  }

  async listActive(kind: ChannelKind): Promise<ChannelRow[]> {
    return this.db
      .select()
      .from(channels)
      .where(and(eq(channels.kind, kind), eq(channels.status, "active")))
      .orderBy(asc(channels.createdAt));
  }

  /** Workspaces that have a channel at all (the ones ingestion may touch). */
  async listWorkspaceIds(): Promise<string[]> {
    const rows = await this.db.selectDistinct({ id: channels.workspaceId }).from(channels);
    return rows.map((r) => r.id);
  }

  async listByWorkspace(workspaceId: string): Promise<ChannelRow[]> {
    return this.db
      .select()
      .from(channels)
      .where(eq(channels.workspaceId, workspaceId))
      .orderBy(asc(channels.createdAt));
  }

  async update(
    id: string,
    patch: Partial<
      Pick<
        ChannelRow,
        "name" | "credentials" | "apiBaseUrl" | "status" | "disabledReason" | "handle"
      >
    >,
  ): Promise<ChannelRow | undefined> {
    const [row] = await this.db
      .update(channels)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(channels.id, id))
      .returning();
    return row;
  }
}

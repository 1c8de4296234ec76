import type { ServiceSettingsRow, TeamRow } from "../../db/schema/index.ts";
import type { RoutingRule } from "../../lib/routing.ts";
import type { Executor, ServiceLevelsRepository } from "./service-levels.repository.ts";

export interface ServiceConfig {
  rules: RoutingRule[];
  settings: ServiceSettingsRow | null;
  teams: Map<string, TeamRow>;
}

/** Long enough to spare the ingest path the reads, short enough for other instances' edits. */
const TTL_MS = 30_000;

/**
 * Routing rules, service settings and teams per workspace for the ingest path, which
 * routes every new conversation. Edits through this instance invalidate at once; other
 * instances see them within TTL_MS.
 */
export class ServiceConfigCache {
  private readonly entries = new Map<string, { at: number; config: ServiceConfig }>();

  constructor(private readonly repo: ServiceLevelsRepository) {}

  /** Reads through `ex` (the ingest transaction: PGlite has one connection). */
  async get(ex: Executor, workspaceId: string): Promise<ServiceConfig> {
    const hit = this.entries.get(workspaceId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.config;
    // One after another: a transaction runs one statement at a time anyway.
    const rules = await this.repo.listRules(workspaceId, ex);
    const settings = await this.repo.findSettings(workspaceId, ex);
    const teams = await this.repo.listTeams(workspaceId, ex);
    const config: ServiceConfig = {
      rules: rules
        .filter((r) => r.enabled)
        .map((r) => ({
          id: r.id,
          conditions: r.conditions,
          actions: {
            ...(r.teamId ? { teamId: r.teamId } : {}),
            ...(r.priority !== null ? { priority: r.priority } : {}),
            tags: r.tags,
          },
          stop: r.stop,
        })),
      settings: settings ?? null,
      teams: new Map(teams.map((t) => [t.id, t])),
    };
    this.entries.set(workspaceId, { at: Date.now(), config });
    return config;
  }

  invalidate(workspaceId?: string): void {
    if (workspaceId) this.entries.delete(workspaceId);
    else this.entries.clear();
  }
}

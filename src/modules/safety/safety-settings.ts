import type { PersonalDataPolicy, UserRole } from "../../db/schema/index.ts";
import type { Brand } from "../../lib/impostor/index.ts";
import type { CustomPattern, DetectOptions } from "../../lib/personal-data/index.ts";
import type { SafetyRepository } from "./safety.repository.ts";

/** A workspace's trust-and-safety settings with every default filled in. */
export interface SafetySettings {
  workspaceId: string;
  /** `de` or `en`: the language of automatic messages when the customer's is unclear. */
  locale: "de" | "en";
  /** For reports by month. */
  timeZone: string;
  policy: { x: PersonalDataPolicy; facebook: PersonalDataPolicy };
  revealRoles: UserRole[];
  detect: DetectOptions;
  brand: Brand;
  /** False while the brand is derived from the X channels (nobody edited it). */
  brandCustomized: boolean;
}

/** Facebook: hide and message. X: hiding replies is not in this API; the DM still goes. */
export const DEFAULT_POLICY: SafetySettings["policy"] = {
  facebook: { hide: true, privateMessage: true },
  x: { hide: true, privateMessage: true },
};

const TTL_MS = 30_000;

/**
 * Settings per workspace, cached for a short while: the ingest path reads them for every
 * batch. Changes through the admin API invalidate at once in this process; other
 * processes pick them up within TTL_MS.
 */
export class SafetySettingsStore {
  private cache = new Map<string, { at: number; value: Promise<SafetySettings> }>();

  constructor(private readonly repo: SafetyRepository) {}

  get(workspaceId: string): Promise<SafetySettings> {
    const hit = this.cache.get(workspaceId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = this.load(workspaceId).catch((err) => {
      this.cache.delete(workspaceId);
      throw err;
    });
    this.cache.set(workspaceId, { at: Date.now(), value });
    return value;
  }

  invalidate(workspaceId?: string): void {
    if (workspaceId) this.cache.delete(workspaceId);
    else this.cache.clear();
  }

  private async load(workspaceId: string): Promise<SafetySettings> {
    const {
      settings: row,
      workspace,
      xChannels,
    } = await this.repo.loadSettingsSources(workspaceId);
    const derivedHandles = xChannels.map((c) => c.handle).filter((h): h is string => Boolean(h));
    const derivedNames = [
      ...(workspace ? [workspace.name] : []),
      ...xChannels.map((c) => c.name.replace(/^@/, "")),
    ];
    const brandCustomized = Boolean(row?.brandHandles || row?.brandNames);
    const policy = row?.personalDataPolicy ?? {};
    return {
      workspaceId,
      locale: workspace?.defaultLocale === "en" ? "en" : "de",
      timeZone: workspace?.timeZone ?? "Europe/Berlin",
      policy: {
        facebook: { ...DEFAULT_POLICY.facebook, ...policy.facebook },
        x: { ...DEFAULT_POLICY.x, ...policy.x },
      },
      revealRoles: (row?.revealRoles ?? ["admin", "moderator"]) as UserRole[],
      detect: {
        defaultRegion: row?.defaultRegion ?? "DE",
        allowlist: row?.allowlist ?? [],
        customPatterns: (row?.customPatterns ?? []) as CustomPattern[],
      },
      brand: {
        handles: unique(row?.brandHandles ?? derivedHandles),
        names: unique(row?.brandNames ?? derivedNames),
      },
      brandCustomized,
    };
  }
}

const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];

/** Admins may always reveal; other roles when the workspace allows it. */
export const canReveal = (settings: SafetySettings, role: UserRole) =>
  role === "admin" || settings.revealRoles.includes(role);

import type { ChannelKind, ChannelRow } from "../../db/schema/index.ts";
import { openJson } from "../../lib/secret-box.ts";
import type { ChannelsRepository } from "./channels.repository.ts";

const TTL_MS = 5_000;

/**
 * Channels by platform account id, with their credentials opened, kept for a few
 * seconds: every webhook delivery needs them, and a 6x spike must not mean 6x lookups
 * and decryptions. Changes made through hilft invalidate at once; the short TTL covers
 * other instances.
 */
export class ChannelDirectory {
  private readonly cache = new Map<
    string,
    { at: number; channel: ChannelRow | undefined; creds: unknown }
  >();

  constructor(
    private readonly repo: ChannelsRepository,
    private readonly key: Buffer,
  ) {}

  async find<C>(
    kind: ChannelKind,
    externalId: string,
  ): Promise<{ channel: ChannelRow; creds: C } | undefined> {
    const cacheKey = `${kind}:${externalId}`;
    const hit = this.cache.get(cacheKey);
    if (hit && Date.now() - hit.at < TTL_MS) {
      return hit.channel ? { channel: hit.channel, creds: hit.creds as C } : undefined;
    }
    const channel = await this.repo.findByExternalId(kind, externalId);
    const creds = channel ? openJson<C>(this.key, channel.credentials) : undefined;
    this.cache.set(cacheKey, { at: Date.now(), channel, creds });
    return channel ? { channel, creds: creds as C } : undefined;
  }

  /**
   * The channel of a platform account, looking it up through `lookup` (e.g. inside a
   * transaction) when it is not cached; credentials are not needed by the caller.
   */
  async findChannel(
    kind: ChannelKind,
    externalId: string,
    lookup: (kind: ChannelKind, externalId: string) => Promise<ChannelRow | undefined>,
  ): Promise<ChannelRow | undefined> {
    const hit = this.cache.get(`${kind}:${externalId}`);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.channel;
    return lookup(kind, externalId);
  }

  invalidate(): void {
    this.cache.clear();
  }
}

import { createHash, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Logger } from "pino";
import type { Database } from "../../db/client.ts";
import type { ContentEncoding } from "../../lib/content-encoding.ts";
import { LruCache } from "../../lib/lru-cache.ts";
import type { QuestionPageRepository } from "./question-page.repository.ts";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Rendered pages kept, each in three encodings: at most ~100 MB. */
const MAX_ENTRIES = 20_000;
const MAX_BYTES = 100_000_000;
/**
 * The version covers the question, its answers and comments; names of authors and
 * boards, ranks, titles in the similar list and the help-article link are not part of
 * it. They change rarely, and a render is kept at most this long.
 */
const TTL_MS = 10 * 60 * 1000;
/** Notified versions remembered, so a render that raced a change is never kept. */
const NOTIFIED_ENTRIES = 100_000;
/** Set by the version trigger (0022_question_page_notify): `<number> <version>`. */
export const PAGE_CHANNEL = "hilft_question_pages";
const RECONNECT_MS = 1000;
const SYNC_TIMEOUT_MS = 2000;

/** The cacheable query strings: none, or a language choice. */
export const CACHEABLE_QUERIES = ["", "?lang=de", "?lang=en"] as const;
const LOCALES = ["de", "en"] as const;

export interface CachedPage {
  /** The page version the render shows. */
  version: number;
  /** The question's canonical path when rendered (a title edit changes it and the version). */
  canonical: string;
  etag: string;
  body: Record<ContentEncoding, Buffer>;
}

const etagOf = (key: string) =>
  `W/"q-${createHash("sha1").update(key).digest("base64url").slice(0, 22)}"`;

/**
 * Anonymous question pages of this instance, in memory and precompressed (brotli, gzip,
 * plain), keyed by question number, language and query string.
 *
 * Every change to a question, its answers or comments bumps `page_version` in the
 * database, and that trigger NOTIFYs every instance (`hilft_question_pages`). While
 * this instance LISTENs, a kept page is served without any query: a notification drops
 * the question's pages and remembers the new version, so a render that read the older
 * version and finishes afterwards is not kept. Should the listening connection break
 * (notifications may be lost), everything is dropped, `live` is false (callers then
 * check the version in the database before using a page) and it reconnects.
 */
export class QuestionPageCache {
  private readonly pages = new LruCache<string, CachedPage>({
    maxEntries: MAX_ENTRIES,
    maxSize: MAX_BYTES,
    sizeOf: (p) => p.body.br.length + p.body.gzip.length + p.body.identity.length,
    ttlMs: TTL_MS,
  });
  private readonly notified = new LruCache<number, number>({ maxEntries: NOTIFIED_ENTRIES });
  private readonly syncWaiters = new Map<string, () => void>();
  /** Bumped whenever notifications may have been missed: renders begun before are not kept. */
  private epoch = 0;
  private listening = false;
  private stopped = false;
  private stopListening: (() => Promise<void>) | undefined;
  private reconnect: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly repository: QuestionPageRepository,
    private readonly log: Logger,
  ) {}

  /** Whether kept pages can be served without asking the database for the version. */
  get live(): boolean {
    return this.listening;
  }

  get size(): number {
    return this.pages.size;
  }

  async start(): Promise<void> {
    this.stopped = false;
    if (this.stopListening) return;
    try {
      this.stopListening = await this.database.listen(
        PAGE_CHANNEL,
        (payload) => this.onPayload(payload),
        () => this.onLost(),
      );
      this.reset();
      this.listening = true;
    } catch (err) {
      this.log.warn({ err }, "question page cache: listening failed, retrying");
      this.onLost();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    this.listening = false;
    await this.stopListening?.();
    this.stopListening = undefined;
    this.reset();
  }

  /** A kept page for this question, language and query string, if still current. */
  get(number: number, locale: string, query: string): CachedPage | undefined {
    const page = this.pages.get(keyOf(number, locale, query));
    if (page && page.version < (this.notified.get(number) ?? 0)) return undefined;
    return page;
  }

  /** The ETag of a render of `entry.version` (the same in every instance). */
  etagFor(entry: { number: number; locale: string; query: string; version: number }): string {
    return etagOf(`${keyOf(entry.number, entry.locale, entry.query)}|${entry.version}`);
  }

  /** Call before reading what a page shows; pass the result to `set`. */
  begin(): number {
    return this.epoch;
  }

  /**
   * Compresses a render of `version` and keeps it unless a newer version was notified
   * meanwhile (or notifications may have been missed since `begun`). Returns the page
   * either way, for sending.
   */
  async set(
    begun: number,
    entry: { number: number; locale: string; query: string; version: number; canonical: string },
    html: string,
  ): Promise<CachedPage> {
    const identity = Buffer.from(html);
    const [br, gz] = await Promise.all([
      brotli(identity, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        },
      }),
      gzipAsync(identity, { level: 6 }),
    ]);
    const page: CachedPage = {
      version: entry.version,
      canonical: entry.canonical,
      etag: this.etagFor(entry),
      body: { br, gzip: gz, identity },
    };
    if (begun === this.epoch && entry.version >= (this.notified.get(entry.number) ?? 0)) {
      this.pages.set(keyOf(entry.number, entry.locale, entry.query), page);
    }
    return page;
  }

  /**
   * Waits until this instance has heard every notification committed so far: after a
   * change made through this instance, its next anonymous view shows the change. One
   * round trip, and only while pages are kept and notifications travel over a socket
   * (PGlite delivers them before the query returns).
   */
  async sync(): Promise<void> {
    if (!this.listening || this.pages.size === 0 || this.database.driver === "pglite") return;
    const token = randomBytes(8).toString("hex");
    const heard = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.syncWaiters.delete(token);
        resolve(false);
      }, SYNC_TIMEOUT_MS);
      this.syncWaiters.set(token, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    await this.repository.notifyPages(`sync ${token}`);
    // Too slow to tell: nothing kept may be trusted to be current.
    if (!(await heard)) this.reset();
  }

  private onPayload(payload: string) {
    const [first, second] = payload.split(" ");
    if (first === "sync") {
      const waiter = this.syncWaiters.get(second ?? "");
      this.syncWaiters.delete(second ?? "");
      waiter?.();
      return;
    }
    const number = Number(first);
    const version = Number(second);
    if (!Number.isSafeInteger(number) || !Number.isSafeInteger(version)) return;
    if (version > (this.notified.get(number) ?? -1)) this.notified.set(number, version);
    for (const locale of LOCALES) {
      for (const query of CACHEABLE_QUERIES) this.pages.delete(keyOf(number, locale, query));
    }
  }

  private onLost() {
    this.listening = false;
    this.reset();
    const stop = this.stopListening;
    this.stopListening = undefined;
    void stop?.();
    if (this.stopped || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      if (!this.stopped) void this.start();
    }, RECONNECT_MS);
    this.reconnect.unref();
  }

  private reset() {
    this.epoch++;
    this.pages.clear();
    this.notified.clear();
  }
}

const keyOf = (number: number, locale: string, query: string) => `${number}|${locale}|${query}`;

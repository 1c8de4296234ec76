import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database, Db } from "../db/client.ts";

export interface RealtimeEvent {
  workspaceId: string;
  type: string;
  /** Set when published: the SSE event id a console resumes from (`Last-Event-ID`). */
  id?: string;
  [key: string]: unknown;
}

/** Events kept per workspace for consoles that reconnect after a gap. */
export const RESUME_BUFFER = 1000;

/** Unique, not ordered: resuming goes by position in the buffer, not by comparing ids. */
const newEventId = () => `${Date.now().toString(36)}-${randomBytes(5).toString("hex")}`;

type Listener = (event: RealtimeEvent) => void;

const CHANNEL = "hilft_events";

/**
 * Fans realtime events out to every hilft instance on the database: publish sends a
 * NOTIFY, each instance LISTENs and hands the event to its own subscribers (the SSE
 * streams of consoles). On PGlite there is one instance, and the same path is used.
 */
export class RealtimeBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  /**
   * The last events of each workspace in the order NOTIFY delivered them — commit
   * order, the same on every instance — so a console can resume on any instance.
   */
  private readonly recent = new Map<string, RealtimeEvent[]>();
  private stopListening: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopListening ??= await this.database.listen(CHANNEL, (payload) => {
      try {
        for (const event of JSON.parse(payload) as RealtimeEvent[]) this.dispatch(event);
      } catch (err) {
        this.log.warn({ err }, "ignoring malformed realtime payload");
      }
    });
  }

  async publish(event: RealtimeEvent): Promise<void> {
    await this.publishWithin(this.database.db, [event]);
  }

  /**
   * Sends events through `executor` — inside a transaction they are delivered at commit
   * and dropped on rollback. Several events share one NOTIFY (its payload limit is
   * 8000 bytes, so they go in chunks), and all chunks go in one statement: one round
   * trip however many events a batch has. Chunks are sent in order.
   */
  async publishWithin(executor: Pick<Db, "execute">, events: RealtimeEvent[]): Promise<void> {
    const chunks: string[] = [];
    let chunk: string[] = [];
    let size = 0;
    for (const event of events) {
      const json = JSON.stringify({ ...event, id: event.id ?? newEventId() });
      if (size + json.length > 7000 && chunk.length) {
        chunks.push(`[${chunk.join(",")}]`);
        chunk = [];
        size = 0;
      }
      chunk.push(json);
      size += json.length + 1;
    }
    if (chunk.length) chunks.push(`[${chunk.join(",")}]`);
    if (!chunks.length) return;
    if (chunks.length === 1) {
      await executor.execute(sql`SELECT pg_notify(${CHANNEL}, ${chunks[0]})`);
      return;
    }
    await executor.execute(
      sql`SELECT pg_notify(${CHANNEL}, p) FROM jsonb_array_elements_text(${JSON.stringify(chunks)}::jsonb) WITH ORDINALITY AS c(p, n) ORDER BY n`,
    );
  }

  /** Events of one workspace; returns the function that unsubscribes. */
  subscribe(workspaceId: string, listener: Listener): () => void {
    let set = this.listeners.get(workspaceId);
    if (!set) {
      set = new Set();
      this.listeners.set(workspaceId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(workspaceId);
    };
  }

  /**
   * The events after `lastId`, for a console that reconnects; undefined when this
   * instance no longer has (or never had) that event, and the console must refetch.
   */
  since(workspaceId: string, lastId: string): RealtimeEvent[] | undefined {
    const list = this.recent.get(workspaceId) ?? [];
    const at = list.findLastIndex((e) => e.id === lastId);
    return at < 0 ? undefined : list.slice(at + 1);
  }

  private dispatch(event: RealtimeEvent) {
    let list = this.recent.get(event.workspaceId);
    if (!list) {
      list = [];
      this.recent.set(event.workspaceId, list);
    }
    list.push(event);
    if (list.length > RESUME_BUFFER) list.splice(0, list.length - RESUME_BUFFER);
    for (const listener of this.listeners.get(event.workspaceId) ?? []) {
      try {
        listener(event);
      } catch (err) {
        this.log.warn({ err }, "realtime listener failed");
      }
    }
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = undefined;
    this.listeners.clear();
    this.recent.clear();
  }
}

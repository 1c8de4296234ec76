import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database, Db } from "../db/client.ts";

export interface RealtimeEvent {
  workspaceId: string;
  type: string;
  [key: string]: unknown;
}

type Listener = (event: RealtimeEvent) => void;

const CHANNEL = "hilft_events";

/**
 * Fans realtime events out to every hilft instance on the database: publish sends a
 * NOTIFY, each instance LISTENs and hands the event to its own subscribers (the SSE
 * streams of consoles). On PGlite there is one instance, and the same path is used.
 */
export class RealtimeBus {
  private readonly listeners = new Map<string, Set<Listener>>();
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
   * 8000 bytes, so they go in chunks).
   */
  async publishWithin(executor: Pick<Db, "execute">, events: RealtimeEvent[]): Promise<void> {
    let chunk: string[] = [];
    let size = 0;
    const flush = async () => {
      if (!chunk.length) return;
      await executor.execute(sql`SELECT pg_notify(${CHANNEL}, ${`[${chunk.join(",")}]`})`);
      chunk = [];
      size = 0;
    };
    for (const event of events) {
      const json = JSON.stringify(event);
      if (size + json.length > 7000) await flush();
      chunk.push(json);
      size += json.length + 1;
    }
    await flush();
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

  private dispatch(event: RealtimeEvent) {
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
  }
}

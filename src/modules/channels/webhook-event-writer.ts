import type { IngestRepository } from "../inbox/ingest.repository.ts";

type Row = Parameters<IngestRepository["storeEvents"]>[0][number];

const MAX_BATCH = 500;

/**
 * Group commit for webhook deliveries: requests that arrive while a write is under way
 * go into the next write together, so a spike costs a few statements, not one per
 * delivery. Each request is answered only after its own row is committed.
 */
export class WebhookEventWriter {
  private queue: { row: Row; resolve: (fresh: boolean) => void; reject: (err: unknown) => void }[] =
    [];
  private writing = false;

  constructor(
    private readonly repo: Pick<IngestRepository, "storeEvents">,
    private readonly onStored: () => void,
  ) {}

  /** Resolves once the delivery is durably stored: true if it was new. */
  store(row: Row): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const fresh = await this.repo.storeEvents(batch.map((b) => b.row));
        for (const b of batch) b.resolve(fresh.has(b.row.bodyHash));
        if (fresh.size) this.onStored();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.writing = false;
  }
}

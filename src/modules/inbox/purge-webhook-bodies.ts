import type { Services } from "../../server/services.ts";
import { WorkerLoop } from "../../server/worker-loop.ts";

const BATCH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Hourly is plenty for a retention counted in days. */
const INTERVAL_MS = 60 * 60 * 1000;

/**
 * Empties the bodies of webhook deliveries processed more than
 * `config.webhookRetentionDays` ago. The stored body is what the customer wrote, personal
 * data included; once its messages are in the inbox (masked where public) nothing needs
 * it but a replay, and a processed event is not replayed after that long. Events that
 * are pending, retrying or dead keep their body until they are processed.
 * Returns how many bodies were emptied in this pass (at most `limit`).
 */
export async function purgeWebhookBodies(
  services: Services,
  now = new Date(),
  limit = BATCH,
): Promise<number> {
  const before = new Date(now.getTime() - services.config.webhookRetentionDays * DAY_MS);
  const purged = await services.ingest.purgeProcessedPayloads(before, limit);
  if (purged) services.log.info({ purged, before }, "retention: webhook bodies emptied");
  return purged;
}

/** Runs the purge at start and then every hour, straight on while full batches are found. */
export function createRetentionWorker(services: Services): WorkerLoop {
  return new WorkerLoop("retention", () => purgeWebhookBodies(services), services.log, {
    concurrency: 1,
    idleMs: INTERVAL_MS,
    batchSize: BATCH,
  });
}

import type { Services } from "../../server/services.ts";
import { WorkerLoop } from "../../server/worker-loop.ts";
import { type PreparedBatch, prepareIngestBatch } from "./prepare-ingest-batch.ts";
import { BatchFailedError, type ProcessResult, processDueEvents } from "./process-webhook-event.ts";

export const MAX_INGEST_ATTEMPTS = 6;
const BATCH = 200;

/** Backoff after a failed attempt: 2 s, 4 s, 8 s … capped at 5 minutes. */
export const retryDelayMs = (attempts: number) => Math.min(2 ** attempts, 300) * 1000;

/**
 * Processes stored webhook deliveries in order of arrival. A failure is retried with
 * backoff; after MAX_INGEST_ATTEMPTS the event becomes a dead letter that admins see
 * with its reason and can replay.
 */
export function createIngestWorker(services: Services): WorkerLoop {
  const afterCommit = async (result: ProcessResult) => {
    for (const channel of result.revoked) {
      await notifyAdminsOfRevoke(
        services,
        channel.workspaceId,
        channel.name,
        channel.disabledReason ?? "",
      );
    }
  };
  // On PostgreSQL the next batch is read and its text analysed while the current batch's
  // statements are in flight (Node would wait for them otherwise). PGlite runs in this
  // thread, so there is nothing to overlap with.
  const readAhead = services.database.driver === "postgres";
  let ahead: Promise<PreparedBatch | undefined> | undefined;
  const startReadingAhead = (lastId: number) => {
    ahead = prepareIngestBatch(services, lastId, BATCH).catch((err: unknown) => {
      services.log.warn({ err }, "could not read the next ingest batch ahead");
      return undefined;
    });
  };
  const tick = async () => {
    let failedBatch: number[];
    const prepared = await services.ingestTimings.measure("wait for read-ahead", async () =>
      ahead ? await ahead : undefined,
    );
    ahead = undefined;
    try {
      const { count, result } = await processDueEvents(services, {
        limit: BATCH,
        bulk: true,
        prepared,
        onClaimed: readAhead ? startReadingAhead : undefined,
      });
      await afterCommit(result);
      return count;
    } catch (err) {
      failedBatch = err instanceof BatchFailedError ? err.eventIds : [];
      if (!failedBatch.length) throw err;
    }
    ahead = undefined;
    // Something in the batch failed and it was rolled back: take its events one at a
    // time (the careful path), so only the bad one waits.
    for (let i = 0; i < failedBatch.length; i++) {
      try {
        const { result } = await processDueEvents(services, { limit: 1, bulk: false });
        await afterCommit(result);
      } catch (err) {
        const [id] = err instanceof BatchFailedError ? err.eventIds : [];
        if (id === undefined) throw err;
        const attempts = (await services.ingest.attemptsOf(id)) + 1;
        const message = err instanceof Error ? err.message : String(err);
        const dead = attempts >= MAX_INGEST_ATTEMPTS;
        services.log.warn({ eventId: id, attempts, dead, err: message }, "webhook event failed");
        await services.ingest.markEventFailed(
          id,
          message,
          dead ? null : new Date(Date.now() + retryDelayMs(attempts)),
        );
        if (dead) await services.ingest.alertDeadLetter(id, message);
      }
    }
    return failedBatch.length;
  };
  const worker = new WorkerLoop("ingest", tick, services.log, {
    // One lane: batches are applied in arrival order (an advisory lock orders them across
    // instances too), and set-based processing makes one lane fast enough.
    concurrency: 1,
    idleMs: 1000,
    batchSize: BATCH,
    settleMs: 10,
  });
  services.signals.on("webhook-stored", () => worker.wake());
  return worker;
}

async function notifyAdminsOfRevoke(
  services: Services,
  workspaceId: string,
  channelName: string,
  reason: string,
) {
  const admins = await services.accounts.listUsers({ workspaceId, role: "admin", limit: 50 });
  for (const admin of admins) {
    await services.mailer
      .send({
        to: admin.email,
        subject: `hilft: ${channelName} was disconnected`,
        text: `${reason}\n\nReconnect the channel in hilft's admin area to receive its messages again.\n`,
      })
      .catch((err) =>
        services.log.error({ err }, "could not e-mail an admin about a revoked channel"),
      );
  }
}

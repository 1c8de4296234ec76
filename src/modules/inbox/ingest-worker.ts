import type { Services } from "../../server/services.ts";
import { WorkerLoop } from "../../server/worker-loop.ts";
import {
  type ProcessResult,
  processWebhookEvent,
  processWebhookEvents,
} from "./process-webhook-event.ts";

export const MAX_INGEST_ATTEMPTS = 6;
const BATCH = 200;
const LEASE_SECONDS = 60;

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
  const tick = async () => {
    const events = await services.ingest.claimEvents(BATCH, LEASE_SECONDS);
    if (!events.length) return 0;
    try {
      await afterCommit(await processWebhookEvents(services, events));
      return events.length;
    } catch {
      // Something in the batch failed: go one by one, so only the bad event waits.
    }
    for (const event of events) {
      try {
        await afterCommit(await processWebhookEvent(services, event));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const dead = event.attempts >= MAX_INGEST_ATTEMPTS;
        services.log.warn(
          { eventId: event.id, attempts: event.attempts, dead, err: message },
          "webhook event failed",
        );
        await services.ingest.markEventFailed(
          event.id,
          message,
          dead ? null : new Date(Date.now() + retryDelayMs(event.attempts)),
        );
        if (dead) await services.ingest.alertDeadLetter(event.id, message);
      }
    }
    return events.length;
  };
  const worker = new WorkerLoop("ingest", tick, services.log, {
    concurrency: services.database.driver === "postgres" ? 4 : 1,
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

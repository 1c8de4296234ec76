import { digestDateDue, isTimeZone } from "../../../lib/digest.ts";
import { signUnsubscribeToken } from "../../../lib/unsubscribe-token.ts";
import type { Services } from "../../../server/services.ts";
import { WorkerLoop } from "../../../server/worker-loop.ts";
import { composeNotificationMail } from "./compose-notification-mail.ts";

const BATCH = 100;
/** How long a claimed e-mail is held by the worker sending it. */
const LEASE_MS = 10 * 60_000;
/** Waits before the 2nd, 3rd, … attempt; after the last one the e-mail is given up. */
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000, 12 * 60 * 60_000];

export const unsubscribeUrl = (services: Services, userId: string) =>
  `${services.config.publicUrl}/unsubscribe/${signUnsubscribeToken(services.config.secretKey, userId)}`;

/**
 * One pass of the notification e-mail task:
 * 1. notices of people on `immediate` become one queued e-mail each (keyed by the
 *    notice), notices of people on `off` are marked handled;
 * 2. people on `daily` whose local time has reached HILFT_DIGEST_HOUR get that day's
 *    digest queued (keyed by person and local date);
 * 3. due e-mails are claimed, sent and marked sent; a failed send is retried later.
 * The keys make every step safe to repeat: a notice or a day's digest is never queued
 * twice, and a sent e-mail is never claimed again. Returns how much it did.
 */
export async function sendNotificationEmails(services: Services): Promise<number> {
  const repo = services.community.emails;
  const now = services.clock.now();
  let done = await repo.queueImmediate(now, BATCH);

  for (const c of await repo.digestCandidates(BATCH)) {
    const zone = isTimeZone(c.timeZone) ? c.timeZone : "UTC";
    const date = digestDateDue(now, zone, services.config.digestHour);
    if (date && (await repo.queueDigest(c.userId, date, now))) done++;
  }

  for (const delivery of await repo.claimDue(now, BATCH, LEASE_MS)) {
    done++;
    const recipient = await repo.findRecipient(delivery.userId);
    const mail = recipient
      ? composeNotificationMail({
          recipient,
          items: await repo.loadItems(delivery.items),
          digest: delivery.kind === "digest",
          baseUrl: services.config.publicUrl,
          unsubscribeUrl: unsubscribeUrl(services, delivery.userId),
        })
      : null;
    if (!mail) {
      // Nothing left to tell (the account was disabled, the question deleted).
      await repo.markSent(delivery.key, now);
      continue;
    }
    try {
      await services.mailer.send(mail);
      await repo.markSent(delivery.key, services.clock.now());
    } catch (err) {
      const delay = RETRY_DELAYS_MS[delivery.attempts - 1];
      services.log.warn(
        { err, key: delivery.key, attempts: delivery.attempts, giveUp: delay === undefined },
        "notification e-mail not sent",
      );
      await repo.markFailed(
        delivery.key,
        (err as Error).message.slice(0, 500),
        delay === undefined ? null : new Date(now.getTime() + delay),
      );
    }
  }
  return done;
}

/** Runs the task every 30 seconds (straight on while there is a backlog). */
export function createNotificationEmailWorker(services: Services): WorkerLoop {
  return new WorkerLoop(
    "notification-emails",
    () => sendNotificationEmails(services),
    services.log,
    {
      concurrency: 1,
      idleMs: 30_000,
      batchSize: BATCH,
    },
  );
}

import { FacebookClient } from "../../channels/facebook/client.ts";
import { PlatformError } from "../../channels/platform-error.ts";
import { openJson } from "../../lib/secret-box.ts";
import type { Services } from "../../server/services.ts";
import { WorkerLoop } from "../../server/worker-loop.ts";
import type { FacebookCredentials } from "../channels/channels.schemas.ts";
import { type DueProfile, MAX_PROFILE_ATTEMPTS } from "./contact-profiles.repository.ts";

const BATCH = 20;
/** 1 min, 4 min, 16 min, 64 min: a rate-limited or briefly failing Graph API recovers. */
const retryDelayMs = (attempts: number) => 60_000 * 4 ** Math.max(0, attempts - 1);

/**
 * Looks up the names and pictures of people who wrote to a page on Messenger, whose
 * webhooks name them only by page-scoped id. Agents then see "Lena Schmidt" instead of
 * "facebook user 2457…". Runs after ingest, so a slow Graph API never holds messages up.
 */
export async function fetchContactProfiles(services: Services): Promise<number> {
  const due = await services.contactProfiles.claimDue(BATCH);
  // A burst's new contacts mostly wrote to the same page: one client per page and batch.
  const clients = new Map<string, Promise<FacebookClient | undefined>>();
  const clientFor = (channelId: string) => {
    let client = clients.get(channelId);
    if (!client) {
      client = services.inbox.findChannel(channelId).then((channel) => {
        if (!channel) return undefined;
        const creds = openJson<FacebookCredentials>(services.config.secretKey, channel.credentials);
        return new FacebookClient(
          channel.apiBaseUrl ?? services.config.graphApiBaseUrl,
          channel.externalId,
          creds.pageToken,
        );
      });
      clients.set(channelId, client);
    }
    return client;
  };
  for (const profile of due) await fetchOne(services, profile, clientFor);
  return due.length;
}

async function fetchOne(
  services: Services,
  due: DueProfile,
  clientFor: (channelId: string) => Promise<FacebookClient | undefined>,
): Promise<void> {
  const repo = services.contactProfiles;
  try {
    const client = due.channelId ? await clientFor(due.channelId) : undefined;
    if (!client) {
      await repo.markFailed(due.identityId, "no connected Facebook page to ask", null);
      return;
    }
    const found = await client.getProfile(due.psid);
    const name = [found.firstName, found.lastName].filter(Boolean).join(" ");
    if (!name) {
      await repo.markFailed(due.identityId, "Facebook returned no name", null);
      return;
    }
    const conversations = await repo.saveProfile(
      due,
      { name, pictureUrl: found.pictureUrl },
      `facebook user ${due.psid}`,
    );
    for (const conversationId of conversations) {
      await services.realtime.publish({
        workspaceId: due.workspaceId,
        type: "conversation.updated",
        conversationId,
      });
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // 4xx other than rate limits will not change by asking again (no permission, unknown id).
    const retryable = !(err instanceof PlatformError) || err.retryable;
    const giveUp = !retryable || due.attempts >= MAX_PROFILE_ATTEMPTS;
    services.log.warn(
      { identityId: due.identityId, err: message, giveUp },
      "profile lookup failed",
    );
    await repo.markFailed(
      due.identityId,
      message,
      giveUp ? null : new Date(Date.now() + retryDelayMs(due.attempts)),
    );
  }
}

export function createContactProfileWorker(services: Services): WorkerLoop {
  const worker = new WorkerLoop(
    "contact-profiles",
    () => fetchContactProfiles(services),
    services.log,
    {
      concurrency: 1,
      idleMs: 5_000,
      batchSize: BATCH,
      // Lookups follow ingest; waiting a moment lets a burst's new contacts go in one batch.
      settleMs: 200,
    },
  );
  services.signals.on("contacts-created", () => worker.wake());
  return worker;
}

import { setImmediate } from "node:timers/promises";
import { priorityScore } from "../../lib/routing.ts";
import type { Services } from "../../server/services.ts";
import type { QueueInputs } from "./queue.repository.ts";

/** The queue score of a waiting conversation at `now` (ms since the epoch). */
export function queueScore(c: Omit<QueueInputs, "id" | "queueScore">, now: number): number {
  const dueAt = c.dueAt?.getTime() ?? null;
  return priorityScore({
    slaRemainingMs: dueAt === null ? null : dueAt - now,
    slaTargetMs:
      dueAt === null || !c.slaStartedAt ? null : Math.max(0, dueAt - c.slaStartedAt.getTime()),
    level: c.priority,
    meToo: c.meToo,
    sentiment: c.sentiment,
    vip: c.vip,
  });
}

/** Conversations per statement in the full pass on the embedded database. */
const EMBEDDED_PAGE = 500;

/**
 * Recomputes the queue score (the console's urgent order) of open conversations: all of
 * them on each SLA pass, since the score rises as SLA time runs out, or the given ones
 * right after an agent changes their priority or status. Writes only scores that moved.
 * On the embedded database, which runs one statement at a time in this thread, the full
 * pass goes page by page and lets the event loop turn in between, so that ingest and
 * requests get their turns (PostgreSQL reads all at once while they go on). Returns how
 * many changed.
 */
export async function refreshQueueScores(
  services: Services,
  ids?: string[],
  pageSize: number | null = services.database.driver === "pglite" ? EMBEDDED_PAGE : null,
): Promise<number> {
  const now = services.clock.now().getTime();
  if (ids || !pageSize) return rescore(services, await services.queue.queueInputs(ids), now);
  let changed = 0;
  let after: string | null = null;
  for (;;) {
    const page = await services.queue.queueInputs(undefined, { after, limit: pageSize });
    changed += await rescore(services, page, now);
    if (page.length < pageSize) return changed;
    after = page[page.length - 1]!.id;
    // PGlite answers in this thread without going through the event loop: wait for a
    // turn of it, or timers and sockets (the ingest worker, requests) would wait for the
    // whole pass.
    await setImmediate();
  }
}

async function rescore(services: Services, inputs: QueueInputs[], now: number): Promise<number> {
  const updates: { id: string; score: number }[] = [];
  for (const c of inputs) {
    const score = queueScore(c, now);
    if (score !== c.queueScore) updates.push({ id: c.id, score });
  }
  await services.queue.setQueueScores(updates);
  return updates.length;
}

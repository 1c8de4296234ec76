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

/**
 * Recomputes the queue score (the console's urgent order) of open conversations: all of
 * them on each SLA pass, since the score rises as SLA time runs out, or the given ones
 * right after an agent changes their priority or status. Writes only scores that moved.
 * Returns how many changed.
 */
export async function refreshQueueScores(services: Services, ids?: string[]): Promise<number> {
  const now = services.clock.now().getTime();
  const updates: { id: string; score: number }[] = [];
  for (const c of await services.queue.queueInputs(ids)) {
    const score = queueScore(c, now);
    if (score !== c.queueScore) updates.push({ id: c.id, score });
  }
  await services.queue.setQueueScores(updates);
  return updates.length;
}

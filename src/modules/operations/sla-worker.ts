import { DEFAULT_SLA_POLICY, PRIORITIES, slaClock } from "../../lib/sla.ts";
import type { Services } from "../../server/services.ts";
import { WorkerLoop } from "../../server/worker-loop.ts";
import { bringCommunityQuestions } from "./bring-community-questions.ts";
import { buildResponseClocks } from "./build-response-clocks.ts";
import { rebuildZoneRollups } from "./rebuild-zone-rollups.ts";
import { refreshQueueScores } from "./refresh-queue-scores.ts";
import { teamSchedule } from "./team-schedule.ts";

const BATCH = 500;
/** The embedded database runs one statement at a time: shorter turns keep pages quick. */
const EMBEDDED_BATCH = 100;

/**
 * One pass of the SLA task: gives conversations back from pending a resolution due time
 * without the pause, then records the warnings and breaches that came due and tells the
 * consoles. Safe on several instances: each event is recorded once (unique key), and
 * only the instance that recorded it publishes it. Then brings unanswered community
 * questions into the queue and refreshes the queue scores (they rise as SLA time runs
 * out), counts the day roll-ups again after a change of time zone and builds the teams'
 * business clocks for the response-times roll-up. Returns
 * how many SLA clocks it handled.
 */
export async function checkSlaClocks(services: Services, batch = BATCH): Promise<number> {
  const now = services.clock.now();
  const repo = services.serviceLevels;
  const resumed = await repo.resumedClocks(batch);
  const updates: { id: string; warnAt: string | null; dueAt: string | null }[] = [];
  for (const c of resumed) {
    const config = await services.serviceConfig.get(services.db, c.workspaceId);
    const team = c.teamId ? config.teams.get(c.teamId) : undefined;
    const policy = config.settings?.slaPolicy ?? DEFAULT_SLA_POLICY;
    const target = policy.targets[PRIORITIES[Math.max(0, Math.min(3, c.priority))]!];
    const input = {
      startedAt: c.slaStartedAt,
      targetMs: target.resolutionMinutes * 60_000,
      pauses: c.slaPauses.map((p) => ({
        from: new Date(p.from),
        to: p.to ? new Date(p.to) : null,
      })),
      now,
      warnAtFraction: policy.warnAtFraction,
    };
    let clock: ReturnType<typeof slaClock>;
    try {
      clock = slaClock({ ...input, schedule: team ? teamSchedule(team) : null });
    } catch {
      clock = slaClock({ ...input, schedule: null });
    }
    updates.push({
      id: c.id,
      warnAt: clock.warnAt?.toISOString() ?? null,
      dueAt: clock.dueAt?.toISOString() ?? null,
    });
  }
  await repo.setResolutionDue(updates);

  const due = await repo.recordDueClocks(now, batch);
  for (const e of due) {
    await services.realtime.publish({
      workspaceId: e.workspaceId,
      type: e.kind === "breach" ? "sla.breached" : "sla.warning",
      conversationId: e.conversationId,
      teamId: e.teamId,
      clock: e.clock,
      dueAt: e.dueAt.toISOString(),
    });
  }
  await bringCommunityQuestions(services);
  await refreshQueueScores(services);
  // Last: counting a workspace's days in a new time zone, or a team's first clock, goes
  // over all its waves again (long at a large scale).
  await rebuildZoneRollups(services);
  await buildResponseClocks(services);
  return resumed.length + due.length;
}

/**
 * Runs the SLA task every 20 seconds, and again at once while there is a backlog (after
 * an import of old questions, say). On the embedded database, which runs one statement
 * at a time, a backlog is worked off in smaller turns with rests twice as long as each
 * turn, so pages and the inbox keep answering meanwhile.
 */
export function createSlaWorker(services: Services): WorkerLoop {
  const embedded = services.database.driver === "pglite";
  const batch = embedded ? EMBEDDED_BATCH : BATCH;
  return new WorkerLoop("sla", () => checkSlaClocks(services, batch), services.log, {
    concurrency: 1,
    idleMs: 20_000,
    batchSize: batch,
    restFactor: embedded ? 2 : 0,
  });
}

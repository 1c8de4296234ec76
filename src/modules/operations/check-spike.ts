import type { IncidentRow } from "../../db/schema/index.ts";
import type { Services } from "../../server/services.ts";
import { getSpikeStatus, type SpikeStatus } from "./get-spike-status.ts";

/**
 * Spike detection's step, for a scheduler or a lead's button: when the last hour is a
 * spike and no spike incident is open, open one (incident mode). Idempotent.
 */
export async function checkSpike(
  services: Services,
  workspaceId: string,
  opts: { factor?: number | undefined; weeks?: number | undefined },
  now: Date = new Date(),
): Promise<{ spike: SpikeStatus; incident: IncidentRow | null; opened: boolean }> {
  const spike = await getSpikeStatus(services, workspaceId, opts, now);
  const existing = await services.operations.findOpenSpikeIncident(workspaceId);
  if (!spike.isSpike || existing) return { spike, incident: existing ?? null, opened: false };
  const opened = await services.operations.openIncident({
    workspaceId,
    title: `Spike: ${spike.count} messages in an hour (${spike.ratio.toFixed(1)}× the usual)`,
    source: "spike",
    statusNoteUrl: null,
    details: {
      count: spike.count,
      baseline: spike.baseline,
      ratio: spike.ratio,
      factor: spike.factor,
      source: spike.source,
    },
    openedBy: null,
  });
  if (opened) services.log.warn({ workspaceId, incidentId: opened.id }, "spike: incident opened");
  // Lost a race with another instance: theirs is the open one.
  const incident = opened ?? (await services.operations.findOpenSpikeIncident(workspaceId)) ?? null;
  return { spike, incident, opened: Boolean(opened) };
}

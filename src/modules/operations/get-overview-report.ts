import { DateTime } from "luxon";
import { notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { splitRange } from "./get-response-times-report.ts";
import { resolveRange } from "./report-range.ts";
import type { TOverviewQuery, TOverviewReport } from "./reports.schemas.ts";

const share = (met: number, breached: number) =>
  met + breached === 0 ? null : met / (met + breached);

type Attainment = Awaited<ReturnType<Services["reports"]["slaAttainment"]>>;

/**
 * SLA attainment of the conversations started in [from, to): whole local days (the
 * workspace's zone) from the `sla_days` roll-up with the clocks still running past due
 * counted live, partial days at the edges from the conversations. The same figures as
 * counting every conversation of the range (`slaAttainment`), which is what happens
 * while the days wait to be counted in a new zone (`rollupsCurrent` false).
 */
export async function slaAttainment(
  services: Services,
  input: { workspaceId: string; from: Date; to: Date; now: Date; teamId?: string | undefined },
  workspace: { timeZone: string; rollupsCurrent: boolean },
): Promise<Attainment> {
  const workspaceZone = workspace.timeZone;
  const { days, edges } = workspace.rollupsCurrent
    ? splitRange(input.from, input.to, workspaceZone)
    : { days: null, edges: [{ from: input.from, to: input.to }] };
  const parts: Attainment[] = [];
  for (const edge of edges) {
    parts.push(await services.reports.slaAttainment({ ...input, ...edge }));
  }
  if (days) {
    const rolled = await services.reports.slaDays({
      workspaceId: input.workspaceId,
      fromDay: days.from,
      toDay: days.to,
      teamId: input.teamId,
    });
    const overdue = await services.reports.slaOverdue({
      ...input,
      from: DateTime.fromISO(days.from, { zone: workspaceZone }).toJSDate(),
      to: DateTime.fromISO(days.to, { zone: workspaceZone }).toJSDate(),
    });
    rolled.firstResponse.breached += overdue.firstResponse;
    rolled.resolution.breached += overdue.resolution;
    parts.push(rolled);
  }
  const sum = (pick: (a: Attainment) => number) => parts.reduce((n, p) => n + pick(p), 0);
  return {
    conversations: sum((p) => p.conversations),
    firstResponse: {
      met: sum((p) => p.firstResponse.met),
      breached: sum((p) => p.firstResponse.breached),
    },
    resolution: {
      met: sum((p) => p.resolution.met),
      breached: sum((p) => p.resolution.breached),
    },
  };
}

/**
 * What the reports page shows beside volume and speed: SLA attainment, praise, personal
 * data and impostors per month, community answers by customers vs staff, incidents.
 */
export async function getOverviewReport(
  services: Services,
  workspaceId: string,
  query: TOverviewQuery,
  now: Date = services.clock.now(),
): Promise<TOverviewReport> {
  const team = query.teamId ? await services.operations.findTeam(workspaceId, query.teamId) : null;
  if (query.teamId && !team) throw notFound("Team");
  const workspace = await services.reports.workspaceZone(workspaceId);
  const zone = query.timeZone ?? team?.timeZone ?? workspace.timeZone;
  const { from, to } = resolveRange(query, zone, now, 3700);
  const range = { workspaceId, from, to };
  const sla = await slaAttainment(services, { ...range, now, teamId: query.teamId }, workspace);
  const monthly = await services.reports.monthlyCounts({ ...range, timeZone: zone });
  const months = new Map<
    string,
    { month: string; praise: number; personalData: number; impostors: number }
  >();
  for (const r of monthly) {
    const key = r.month.toISOString();
    const row = months.get(key) ?? { month: key, praise: 0, personalData: 0, impostors: 0 };
    row[r.kind] += r.count;
    months.set(key, row);
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone: zone,
    sla: {
      conversations: sla.conversations,
      firstResponse: {
        ...sla.firstResponse,
        attainment: share(sla.firstResponse.met, sla.firstResponse.breached),
      },
      resolution: {
        ...sla.resolution,
        attainment: share(sla.resolution.met, sla.resolution.breached),
      },
    },
    months: [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1)),
    community: await services.reports.communitySolved(range),
    incidents: await services.reports.incidentsBetween(range),
  };
}

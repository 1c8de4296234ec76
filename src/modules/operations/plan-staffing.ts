import { agentsNeeded } from "../../lib/erlang-c.ts";
import { notFound } from "../../lib/errors.ts";
import { businessTimeBetween } from "../../lib/opening-hours/index.ts";
import type { Services } from "../../server/services.ts";
import type { TStaffingPlan, TStaffingPlanRequest } from "./operations.schemas.ts";
import { memberSchedule } from "./team-schedule.ts";

const HOUR = 3_600_000;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Agents needed per forecast hour (Erlang C), with the ×3/×6 event-day scenarios, and,
 * for a team, how many members are scheduled in each hour (fractions for part hours).
 */
export async function planStaffing(
  services: Services,
  workspaceId: string,
  input: TStaffingPlanRequest,
  now: Date = new Date(),
): Promise<TStaffingPlan> {
  const team = input.teamId
    ? await services.operations.findTeam(workspaceId, input.teamId)
    : undefined;
  if (input.teamId && !team) throw notFound("Team");
  const members = team ? await services.operations.listMembers([team.id]) : [];
  const schedules = team ? members.map((m) => memberSchedule(team, m)) : [];

  const start = input.start
    ? new Date(input.start).getTime()
    : Math.ceil(now.getTime() / HOUR) * HOUR;
  const target = {
    ahtSeconds: input.ahtSeconds,
    serviceLevel: input.serviceLevel,
    targetSeconds: input.targetSeconds,
    ...(input.maxOccupancy ? { maxOccupancy: input.maxOccupancy } : {}),
  };

  const hours = input.volumes.map((volume, i) => {
    const from = start + i * HOUR;
    const base = agentsNeeded({ ...target, volumePerHour: volume });
    const scheduled = team
      ? round2(
          schedules.reduce((sum, s) => sum + businessTimeBetween(s, from, from + HOUR), 0) / HOUR,
        )
      : null;
    return {
      start: new Date(from).toISOString(),
      volume,
      agents: base.agents,
      serviceLevel: round2(base.serviceLevel * 100) / 100,
      occupancy: round2(base.occupancy * 100) / 100,
      averageSpeedOfAnswerSeconds: Number.isFinite(base.averageSpeedOfAnswerSeconds)
        ? Math.round(base.averageSpeedOfAnswerSeconds)
        : null,
      scenarios: input.scenarios.map((factor) => ({
        factor,
        volume: volume * factor,
        agents: agentsNeeded({ ...target, volumePerHour: volume * factor }).agents,
      })),
      scheduled,
      gap: scheduled === null ? null : round2(scheduled - base.agents),
    };
  });

  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    team: team ? { id: team.id, name: team.name } : null,
    target: {
      serviceLevel: input.serviceLevel,
      targetSeconds: input.targetSeconds,
      ahtSeconds: input.ahtSeconds,
      maxOccupancy: input.maxOccupancy ?? null,
    },
    hours,
    totals: {
      volume: sum(hours.map((h) => h.volume)),
      agentHours: sum(hours.map((h) => h.agents)),
      peakAgents: Math.max(...hours.map((h) => h.agents)),
      scenarios: input.scenarios.map((factor, k) => ({
        factor,
        agentHours: sum(hours.map((h) => h.scenarios[k]!.agents)),
        peakAgents: Math.max(...hours.map((h) => h.scenarios[k]!.agents)),
      })),
      scheduledHours: team ? round2(sum(hours.map((h) => h.scheduled ?? 0))) : null,
      understaffedHours: team ? hours.filter((h) => (h.gap ?? 0) < 0).length : null,
    },
  };
}

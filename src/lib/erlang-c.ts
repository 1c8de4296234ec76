/**
 * Erlang C staffing maths for a queue of conversations: the probability that a new one
 * waits, the share answered within a target time, and agents needed for a target.
 * Units: volume per hour, handling and target times in seconds, traffic in erlangs.
 */

/** Offered load in erlangs: arrivals per hour × average handling time in hours. */
export function trafficIntensity(volumePerHour: number, ahtSeconds: number): number {
  return (volumePerHour * ahtSeconds) / 3600;
}

/** Erlang B blocking probability, by the stable recursion B(n) = A·B(n−1) / (n + A·B(n−1)). */
export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (traffic * b) / (n + traffic * b);
  return b;
}

/** Erlang C: probability that an arrival has to wait (1 when agents ≤ traffic). */
export function erlangC(agents: number, traffic: number): number {
  if (traffic <= 0) return 0;
  if (agents <= traffic) return 1;
  const b = erlangB(agents, traffic);
  return (agents * b) / (agents - traffic * (1 - b));
}

/** Share answered within `targetSeconds`: 1 − C·e^(−(N−A)·T/AHT). */
export function serviceLevel(
  agents: number,
  traffic: number,
  ahtSeconds: number,
  targetSeconds: number,
): number {
  if (traffic <= 0) return 1;
  if (agents <= traffic) return 0;
  return (
    1 - erlangC(agents, traffic) * Math.exp((-(agents - traffic) * targetSeconds) / ahtSeconds)
  );
}

/** Average speed of answer in seconds: C·AHT / (N − A). */
export function averageSpeedOfAnswer(agents: number, traffic: number, ahtSeconds: number): number {
  if (traffic <= 0) return 0;
  if (agents <= traffic) return Number.POSITIVE_INFINITY;
  return (erlangC(agents, traffic) * ahtSeconds) / (agents - traffic);
}

/** Share of agents' time spent handling: A / N. */
export function occupancy(agents: number, traffic: number): number {
  if (agents <= 0) return traffic > 0 ? 1 : 0;
  return Math.min(1, traffic / agents);
}

export interface StaffingTarget {
  volumePerHour: number;
  ahtSeconds: number;
  /** e.g. 0.8 for 80 % … */
  serviceLevel: number;
  /** … answered within this many seconds (900 for 15 minutes). */
  targetSeconds: number;
  /** Optional ceiling on occupancy, e.g. 0.85, so agents are not run at 100 %. */
  maxOccupancy?: number;
}

export interface StaffingResult {
  agents: number;
  traffic: number;
  serviceLevel: number;
  probabilityOfWaiting: number;
  averageSpeedOfAnswerSeconds: number;
  occupancy: number;
}

/** The fewest agents that meet the service level (and occupancy ceiling, if given). */
export function agentsNeeded(target: StaffingTarget): StaffingResult {
  if (!(target.ahtSeconds > 0)) throw new RangeError("ahtSeconds must be positive");
  if (!(target.serviceLevel > 0 && target.serviceLevel < 1)) {
    throw new RangeError("serviceLevel must be between 0 and 1 (exclusive)");
  }
  const traffic = trafficIntensity(Math.max(0, target.volumePerHour), target.ahtSeconds);
  const result = (agents: number): StaffingResult => ({
    agents,
    traffic,
    serviceLevel: serviceLevel(agents, traffic, target.ahtSeconds, target.targetSeconds),
    probabilityOfWaiting: erlangC(agents, traffic),
    averageSpeedOfAnswerSeconds: averageSpeedOfAnswer(agents, traffic, target.ahtSeconds),
    occupancy: occupancy(agents, traffic),
  });
  if (traffic === 0) return result(0);
  let n = Math.max(1, Math.floor(traffic) + 1);
  if (target.maxOccupancy) n = Math.max(n, Math.ceil(traffic / target.maxOccupancy));
  while (serviceLevel(n, traffic, target.ahtSeconds, target.targetSeconds) < target.serviceLevel) {
    n += 1;
  }
  return result(n);
}

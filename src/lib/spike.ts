import { DateTime } from "luxon";

/**
 * Spike detection: this hour's inbound volume against a baseline, the median of the same
 * hour of the week (local time, so DST does not shift it) over the last weeks.
 */
export interface SpikeOptions {
  /** Weeks of history the median looks at (default 4). */
  weeks?: number;
  /** Volume ÷ baseline at or above which it is a spike (default 3). */
  factor?: number;
  /** Same-hour samples needed before the median is trusted (default 2). */
  minWeeks?: number;
  /** Messages per hour assumed before there is any history (default 20). */
  defaultBaseline?: number;
  /** Fewer messages than this in the hour are never a spike (default 10). */
  minCount?: number;
  timeZone?: string;
}

export interface SpikeInput extends SpikeOptions {
  /** Start of the hour being judged. */
  hourStart: Date | number;
  count: number;
  /** Inbound counts keyed by the epoch ms of each hour's start; missing hours count 0. */
  history: Map<number, number>;
  /** When counting began: hours before it are unknown, not zero. */
  observedSince: Date | number;
}

export type BaselineSource = "same-hour-median" | "overall-average" | "default";

export interface SpikeResult {
  isSpike: boolean;
  baseline: number;
  source: BaselineSource;
  /** count ÷ baseline. */
  ratio: number;
  factor: number;
  samples: number[];
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const HOUR = 3_600_000;

export function detectSpike(input: SpikeInput): SpikeResult {
  const weeks = input.weeks ?? 4;
  const factor = input.factor ?? 3;
  const minWeeks = input.minWeeks ?? 2;
  const minCount = input.minCount ?? 10;
  const zone = input.timeZone ?? "Europe/Berlin";
  const hour = typeof input.hourStart === "number" ? input.hourStart : input.hourStart.getTime();
  const since =
    typeof input.observedSince === "number" ? input.observedSince : input.observedSince.getTime();
  const local = DateTime.fromMillis(hour, { zone });

  const samples: number[] = [];
  for (let k = 1; k <= weeks; k++) {
    const t = local.minus({ weeks: k }).toMillis();
    if (t >= since) samples.push(input.history.get(t) ?? 0);
  }
  let baseline: number;
  let source: BaselineSource;
  const observedHours = Math.floor((hour - since) / HOUR);
  if (samples.length >= minWeeks) {
    baseline = median(samples);
    source = "same-hour-median";
  } else if (observedHours >= 24) {
    // Less than the weeks we want, but at least a day: the average hour so far.
    let total = 0;
    for (const [t, c] of input.history) if (t >= since && t < hour) total += c;
    baseline = total / observedHours;
    source = "overall-average";
  } else {
    baseline = input.defaultBaseline ?? 20;
    source = "default";
  }
  // One message a night is a quiet baseline, not a zero one: 5 at 3 am is not "infinite".
  const ratio = input.count / Math.max(baseline, 1);
  return {
    isSpike: input.count >= minCount && ratio >= factor,
    baseline,
    source,
    ratio,
    factor,
    samples,
  };
}

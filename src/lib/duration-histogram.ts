import { histogramPercentile } from "./stats.ts";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Fixed buckets for response durations, so histograms of different days can be summed:
 * to the second under a minute, to the minute under an hour, to 5 minutes under a day,
 * to the hour beyond. A duration counts as its bucket's value (rounded to the nearest
 * step), so a median or p90 read from the buckets is within half a step of the exact
 * one: ±0.5 s, ±30 s, ±2.5 min, ±30 min. The SQL roll-up (`response_bucket` in the
 * migration) rounds the same way.
 */
export const DURATION_STEPS: readonly { below: number; step: number }[] = [
  { below: MINUTE, step: SECOND },
  { below: HOUR, step: MINUTE },
  { below: DAY, step: 5 * MINUTE },
  { below: Number.POSITIVE_INFINITY, step: HOUR },
];

/** The bucket (its value in ms) a duration falls in; negative durations count as 0. */
export function durationBucket(ms: number): number {
  const d = Math.max(0, ms);
  const { step } = DURATION_STEPS.find((s) => d < s.below)!;
  return Math.round(d / step) * step;
}

/** Bucket value (ms) → count. */
export type DurationHistogram = Map<number, number>;

/** Adds `count` durations of bucket `bucket` (already a bucket value) to `into`. */
export function addToHistogram(into: DurationHistogram, bucket: number, count: number): void {
  if (count === 0) return;
  into.set(bucket, (into.get(bucket) ?? 0) + count);
}

/** Sums histograms (of days, channels, …) into a new one. */
export function sumHistograms(parts: Iterable<DurationHistogram>): DurationHistogram {
  const total: DurationHistogram = new Map();
  for (const part of parts)
    for (const [bucket, count] of part) addToHistogram(total, bucket, count);
  return total;
}

export interface HistogramStats {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

/** Count, median and p90 (percentile_cont interpolation between bucket values), in whole ms. */
export function histogramStats(histogram: DurationHistogram): HistogramStats {
  const bins = [...histogram].map(([value, count]) => ({ value, count }));
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    count: bins.reduce((sum, b) => sum + Math.max(b.count, 0), 0),
    medianMs: round(histogramPercentile(bins, 0.5)),
    p90Ms: round(histogramPercentile(bins, 0.9)),
  };
}

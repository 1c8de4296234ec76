import { describe, expect, it } from "vitest";
import {
  addToHistogram,
  type DurationHistogram,
  durationBucket,
  histogramStats,
  sumHistograms,
} from "./duration-histogram.ts";
import { percentile } from "./stats.ts";

const S = 1000;
const M = 60 * S;
const H = 60 * M;

function histogramOf(durations: number[]): DurationHistogram {
  const h: DurationHistogram = new Map();
  for (const d of durations) addToHistogram(h, durationBucket(d), 1);
  return h;
}

describe("durationBucket", () => {
  it("rounds to the second under a minute, the minute under an hour, 5 minutes under a day, else the hour", () => {
    expect(durationBucket(0)).toBe(0);
    expect(durationBucket(-5 * S)).toBe(0);
    expect(durationBucket(1499)).toBe(S);
    expect(durationBucket(1500)).toBe(2 * S);
    expect(durationBucket(59_400)).toBe(59 * S);
    expect(durationBucket(59_600)).toBe(60 * S);
    expect(durationBucket(M + 29 * S)).toBe(M);
    expect(durationBucket(M + 30 * S)).toBe(2 * M);
    expect(durationBucket(59 * M + 31 * S)).toBe(H);
    expect(durationBucket(H + 2 * M)).toBe(H);
    expect(durationBucket(H + 3 * M)).toBe(H + 5 * M);
    expect(durationBucket(15 * H)).toBe(15 * H);
    expect(durationBucket(24 * H + 29 * M)).toBe(24 * H);
    expect(durationBucket(30 * 24 * H + 31 * M)).toBe(30 * 24 * H + H);
  });

  it("keeps every duration within half a step of its bucket", () => {
    for (let ms = 0; ms < 3 * 24 * H; ms += 7_919) {
      const b = durationBucket(ms);
      const step = ms < M ? S : ms < H ? M : ms < 24 * H ? 5 * M : H;
      expect(Math.abs(b - ms)).toBeLessThanOrEqual(step / 2);
    }
  });
});

describe("histogramStats", () => {
  it("is empty without durations", () => {
    expect(histogramStats(new Map())).toEqual({ count: 0, medianMs: null, p90Ms: null });
  });

  it("equals the exact median and p90 when durations sit on bucket values", () => {
    const durations = [10 * M, 30 * M, 60 * M, 90 * M];
    expect(histogramStats(histogramOf(durations))).toEqual({
      count: 4,
      medianMs: 45 * M,
      p90Ms: 81 * M,
    });
    expect(percentile(durations, 0.5)).toBe(45 * M);
  });

  it("stays within the bucket resolution of the exact percentiles", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const durations = Array.from({ length: 2000 }, () => Math.floor(random() ** 3 * 40 * H));
    const stats = histogramStats(histogramOf(durations));
    const median = percentile(durations, 0.5)!;
    const p90 = percentile(durations, 0.9)!;
    const halfStep = (ms: number) => (ms < M ? S : ms < H ? M : ms < 24 * H ? 5 * M : H) / 2;
    expect(stats.count).toBe(2000);
    // Rounding each duration by at most half a step moves a percentile by at most that.
    expect(Math.abs(stats.medianMs! - median)).toBeLessThanOrEqual(halfStep(median) * 2);
    expect(Math.abs(stats.p90Ms! - p90)).toBeLessThanOrEqual(halfStep(p90) * 2);
  });

  it("sums histograms of several days to the histogram of all their durations", () => {
    const a = [5 * S, 12 * M, 3 * H];
    const b = [12 * M, 50 * H];
    expect(sumHistograms([histogramOf(a), histogramOf(b)])).toEqual(histogramOf([...a, ...b]));
    expect(histogramStats(sumHistograms([histogramOf(a), histogramOf(b)])).count).toBe(5);
  });

  it("ignores buckets that were counted down to zero", () => {
    const h = histogramOf([10 * M, 20 * M]);
    addToHistogram(h, 20 * M, -1);
    expect(histogramStats(h)).toEqual({ count: 1, medianMs: 10 * M, p90Ms: 10 * M });
  });
});

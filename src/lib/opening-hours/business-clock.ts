import { businessTimeBetween, openIntervalsBetween } from "./opening-hours.ts";
import type { OpeningSchedule } from "./schedule.ts";

/**
 * Business time between many pairs of instants in one window, fast: the window's open
 * intervals are listed once with running totals, and each question is two binary
 * searches. Reports ask this for every conversation of a month. Instants outside the
 * window fall back to the exact (slower) calculation.
 */
export class BusinessClock {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Open time before the i-th interval, from the window start. */
  private readonly before: number[] = [];

  constructor(
    private readonly schedule: OpeningSchedule,
    private readonly from: number,
    private readonly to: number,
  ) {
    let total = 0;
    for (const i of openIntervalsBetween(schedule, from, to)) {
      this.starts.push(i.start);
      this.ends.push(i.end);
      this.before.push(total);
      total += i.end - i.start;
    }
  }

  /** Open time from the window start up to `t` (within the window). */
  private upTo(t: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0) return 0;
    return this.before[i]! + Math.min(t, this.ends[i]!) - this.starts[i]!;
  }

  /**
   * The window's open intervals (epoch ms) with the open time before each, for a query
   * that places many instants on this clock in the database.
   */
  positions(): { starts: readonly number[]; ends: readonly number[]; before: readonly number[] } {
    return { starts: this.starts, ends: this.ends, before: this.before };
  }

  between(t1: number, t2: number): number {
    if (t1 < this.from || t2 > this.to || t2 < this.from || t1 > this.to) {
      return businessTimeBetween(this.schedule, t1, t2);
    }
    return this.upTo(t2) - this.upTo(t1);
  }
}

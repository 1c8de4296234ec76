import { DAY_MS, type Interval, openPieces } from "./intervals.ts";
import type { OpeningSchedule } from "./schedule.ts";

type Instant = Date | number;
const ms = (t: Instant) => (typeof t === "number" ? t : t.getTime());

/** How far next-opening and next-closing questions look ahead before answering null. */
const LOOKAHEAD_MS = 400 * DAY_MS;

/** Is the team open at instant `t`? Shifts are half-open: open at 08:00, closed at 18:00. */
export function isOpenAt(schedule: OpeningSchedule, t: Instant): boolean {
  const at = ms(t);
  for (const p of openPieces(schedule, at, { until: at + DAY_MS })) return p.start <= at;
  return false;
}

/**
 * The first instant after `t` at which the team opens (closed just before, open from
 * then). When open at `t` this is the opening after the coming closing. Null when it
 * does not open within the next 400 days.
 */
export function nextOpeningAfter(schedule: OpeningSchedule, t: Instant): Date | null {
  const at = ms(t);
  let prevEnd: number | undefined;
  for (const p of openPieces(schedule, at, { until: at + LOOKAHEAD_MS })) {
    if (p.start > at && (prevEnd === undefined || prevEnd < p.start)) return new Date(p.start);
    prevEnd = p.end;
  }
  return null;
}

/**
 * The first instant after `t` at which the team closes. When closed at `t` this is the
 * end of the next open period. Null when it stays open (or never opens) for 400 days.
 */
export function nextClosingAfter(schedule: OpeningSchedule, t: Instant): Date | null {
  const at = ms(t);
  const horizon = at + LOOKAHEAD_MS;
  let open: Interval | undefined;
  for (const p of openPieces(schedule, at, { until: horizon })) {
    if (open && p.start > open.end) return new Date(open.end);
    open = open && p.start <= open.end ? { start: open.start, end: p.end } : p;
  }
  return open && open.end < horizon ? new Date(open.end) : null;
}

/**
 * Open time between `t1` and `t2` in milliseconds. Negative when `t2` is before `t1`,
 * so "time left until a due date" reads naturally past the due date too.
 */
export function businessTimeBetween(schedule: OpeningSchedule, t1: Instant, t2: Instant): number {
  const a = ms(t1);
  const b = ms(t2);
  if (b < a) return -businessTimeBetween(schedule, b, a);
  let total = 0;
  for (const p of openPieces(schedule, a, { until: b })) {
    if (p.start >= b) break;
    total += Math.min(p.end, b) - Math.max(p.start, a);
  }
  return total;
}

/**
 * The instant at which `amount` ms of open time have passed since `t`. With `amount` 0
 * and the team closed this is `t` itself; a clock that starts when closed only runs
 * from the next opening. Throws when the schedule never opens.
 */
export function addBusinessTime(schedule: OpeningSchedule, t: Instant, amount: number): Date {
  if (amount < 0) throw new RangeError("amount must not be negative");
  const at = ms(t);
  if (amount === 0) return new Date(at);
  let left = amount;
  for (const p of openPieces(schedule, at)) {
    const start = Math.max(p.start, at);
    const length = p.end - start;
    if (length >= left) return new Date(start + left);
    left -= length;
  }
  throw new RangeError("the schedule has no open time: business time never passes");
}

/** The open intervals overlapping [t1, t2), clipped to it and merged where they touch. */
export function openIntervalsBetween(
  schedule: OpeningSchedule,
  t1: Instant,
  t2: Instant,
): Interval[] {
  const a = ms(t1);
  const b = ms(t2);
  const out: Interval[] = [];
  for (const p of openPieces(schedule, a, { until: b })) {
    if (p.start >= b) break;
    const piece = { start: Math.max(p.start, a), end: Math.min(p.end, b) };
    const last = out[out.length - 1];
    if (last && last.end >= piece.start) last.end = Math.max(last.end, piece.end);
    else out.push(piece);
  }
  return out;
}

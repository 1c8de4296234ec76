import { DateTime } from "luxon";
import { publicHolidayOn } from "./holidays.ts";
import { DEFAULT_TIME_ZONE, minutesOf, type OpeningSchedule } from "./schedule.ts";

/** Half-open [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The local calendar date of `t` in the schedule's zone, as a UTC-midnight DateTime. */
function localDate(zone: string, t: number): DateTime {
  const local = DateTime.fromMillis(t, { zone });
  return DateTime.utc(local.year, local.month, local.day);
}

function localInstant(zone: string, date: DateTime, minutes: number): number {
  const d = date.plus({ days: Math.floor(minutes / 1440) });
  const m = minutes % 1440;
  // A local time inside a spring-forward gap moves forward with the clocks (02:30 → 03:30).
  return DateTime.fromObject(
    { year: d.year, month: d.month, day: d.day, hour: Math.floor(m / 60), minute: m % 60 },
    { zone },
  ).toMillis();
}

/** The shifts that start on one local date: the exception, else none on a holiday, else the week. */
export function shiftsStartingOn(
  schedule: OpeningSchedule,
  isoDate: string,
  weekday: number,
): { start: string; end: string }[] {
  const exception = schedule.exceptions?.find((e) => e.date === isoDate);
  if (exception) return exception.closed ? [] : (exception.shifts ?? []);
  const h = schedule.holidays;
  if (h && publicHolidayOn(isoDate, h.country, h.state)) return [];
  return schedule.weekly.filter((w) => w.day === weekday);
}

function dayIntervals(schedule: OpeningSchedule, zone: string, date: DateTime): Interval[] {
  const iso = date.toISODate()!;
  return shiftsStartingOn(schedule, iso, date.weekday)
    .map((s) => {
      const from = minutesOf(s.start);
      let to = minutesOf(s.end);
      if (to <= from) to += 1440;
      return { start: localInstant(zone, date, from), end: localInstant(zone, date, to) };
    })
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
}

export interface PiecesOptions {
  /** Stop generating shifts that start at or after this instant. */
  until?: number;
  /** Give up after this many days in a row without any open time (never opens). */
  maxEmptyDays?: number;
}

/**
 * The open time from `from` on, as sorted, non-overlapping pieces ending after `from`.
 * Overlapping shifts are merged; a long open stretch is cut at local midnights so this
 * stays lazy for a team open around the clock, which is why neighbours may touch.
 */
export function* openPieces(
  schedule: OpeningSchedule,
  from: number,
  opts: PiecesOptions = {},
): Generator<Interval> {
  const zone = schedule.timeZone ?? DEFAULT_TIME_ZONE;
  const until = opts.until ?? Number.POSITIVE_INFINITY;
  const maxEmpty = opts.maxEmptyDays ?? 800;
  // A shift of the day before may still be running at `from`.
  let date = localDate(zone, from).minus({ days: 1 });
  let cur: Interval | undefined;
  let emptyDays = 0;
  for (;;) {
    const dayStart = localInstant(zone, date, 0);
    if (dayStart >= until) break;
    if (cur && cur.start < dayStart && cur.end > dayStart) {
      if (dayStart > from) yield { start: cur.start, end: dayStart };
      cur = { start: dayStart, end: cur.end };
    } else if (cur && cur.end === dayStart) {
      // Ends exactly at midnight: hand it out now. Merging it with the next day's
      // 00:00 shift would grow it forever on a schedule that never closes (24/7).
      if (cur.end > from) yield cur;
      cur = undefined;
    }
    const list = dayIntervals(schedule, zone, date);
    if (list.length === 0 && !(cur && cur.end > dayStart)) {
      emptyDays += 1;
      if (emptyDays > maxEmpty) break;
    } else emptyDays = 0;
    for (const i of list) {
      if (i.start >= until) break;
      if (cur && i.start <= cur.end) {
        cur.end = Math.max(cur.end, i.end);
        continue;
      }
      if (cur && cur.end > from) yield cur;
      cur = { ...i };
    }
    date = date.plus({ days: 1 });
  }
  if (cur && cur.end > from) yield cur;
}

export { DAY_MS };

import { IANAZone } from "luxon";

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** "HH:MM" local time; an end of "24:00" means midnight at the end of the day. */
export type LocalTime = string;

/**
 * One shift on a weekday. When `end` is not after `start` the shift runs past midnight
 * into the next day (22:00–06:00); it belongs to the day it starts on, so a holiday on
 * the start day cancels it and a holiday on the next day does not.
 */
export interface WeeklyShift {
  day: Weekday;
  start: LocalTime;
  end: LocalTime;
}

/** A date that does not follow the weekly plan: closed, or open for the given shifts. */
export interface ScheduleException {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Empty (or `closed: true`) means closed all day; shifts may span midnight too. */
  shifts?: { start: LocalTime; end: LocalTime }[];
  closed?: boolean;
  note?: string;
}

export interface OpeningSchedule {
  /** IANA zone the shifts are written in; Europe/Berlin unless told otherwise. */
  timeZone?: string;
  weekly: WeeklyShift[];
  /** Public holidays (type "public" in date-holidays) close the day, e.g. DE + NW. */
  holidays?: { country: string; state?: string | undefined } | null;
  exceptions?: ScheduleException[];
}

export const DEFAULT_TIME_ZONE = "Europe/Berlin";

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const isLocalTime = (v: string) => TIME.test(v);
export const isLocalDate = (v: string) => DATE.test(v);
export const isTimeZone = (v: string) => IANAZone.isValidZone(v);

/** Minutes since local midnight of "HH:MM". */
export function minutesOf(time: LocalTime): number {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`not a HH:MM time: ${time}`);
  if (time === "24:00") return 24 * 60;
  return Number(m[1]) * 60 + Number(m[2]);
}

export interface ScheduleProblem {
  field: string;
  message: string;
}

/** Everything wrong with a schedule, with the field path of each problem. */
export function validateSchedule(s: OpeningSchedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (s.timeZone !== undefined && !isTimeZone(s.timeZone)) {
    problems.push({ field: "timeZone", message: "must be an IANA time zone, e.g. Europe/Berlin" });
  }
  const checkShift = (field: string, start: string, end: string) => {
    if (!isLocalTime(start)) problems.push({ field: `${field}.start`, message: "must be HH:MM" });
    else if (start === "24:00") {
      problems.push({ field: `${field}.start`, message: "must be before 24:00" });
    }
    if (!isLocalTime(end)) problems.push({ field: `${field}.end`, message: "must be HH:MM" });
    else if (isLocalTime(start) && start === end) {
      problems.push({ field: `${field}.end`, message: "must differ from start" });
    }
  };
  s.weekly.forEach((w, i) => {
    if (!Number.isInteger(w.day) || w.day < 1 || w.day > 7) {
      problems.push({ field: `weekly.${i}.day`, message: "must be 1 (Monday) to 7 (Sunday)" });
    }
    checkShift(`weekly.${i}`, w.start, w.end);
  });
  (s.exceptions ?? []).forEach((e, i) => {
    if (!isLocalDate(e.date)) {
      problems.push({ field: `exceptions.${i}.date`, message: "must be YYYY-MM-DD" });
    }
    (e.shifts ?? []).forEach((sh, j) => {
      checkShift(`exceptions.${i}.shifts.${j}`, sh.start, sh.end);
    });
  });
  return problems;
}

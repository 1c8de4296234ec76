export { BusinessClock } from "./business-clock.ts";
export { formatWhen, type HoursLocale, hoursLocale } from "./format.ts";
export { isKnownHolidayRegion, publicHolidayOn, publicHolidays } from "./holidays.ts";
export { type Interval, openPieces, shiftsStartingOn } from "./intervals.ts";
export {
  addBusinessTime,
  businessTimeBetween,
  isOpenAt,
  nextClosingAfter,
  nextOpeningAfter,
  openIntervalsBetween,
} from "./opening-hours.ts";
export {
  DEFAULT_TIME_ZONE,
  isLocalDate,
  isLocalTime,
  isTimeZone,
  type LocalTime,
  minutesOf,
  type OpeningSchedule,
  type ScheduleException,
  type ScheduleProblem,
  validateSchedule,
  type Weekday,
  type WeeklyShift,
} from "./schedule.ts";

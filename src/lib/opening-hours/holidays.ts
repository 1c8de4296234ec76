import Holidays from "date-holidays";

const instances = new Map<string, Holidays>();
const byYear = new Map<string, Map<string, string>>();

const regionKey = (country: string, state?: string) =>
  state ? `${country.toUpperCase()}-${state.toUpperCase()}` : country.toUpperCase();

function instance(country: string, state?: string): Holidays {
  const key = regionKey(country, state);
  let hd = instances.get(key);
  if (!hd) {
    hd = state ? new Holidays(country, state) : new Holidays(country);
    instances.set(key, hd);
  }
  return hd;
}

/** True when date-holidays knows the country (and the state within it, if given). */
export function isKnownHolidayRegion(country: string, state?: string): boolean {
  const countries = new Holidays().getCountries();
  if (!countries || !(country.toUpperCase() in countries)) return false;
  if (!state) return true;
  const states = new Holidays().getStates(country.toUpperCase());
  return Boolean(states && state.toUpperCase() in states);
}

/**
 * Public holidays (type "public" only: not bank holidays, school holidays or
 * observances) of one year, as local date → name. Cached: the rules never change at
 * run time, and this sits on the hot path of every opening-hours question.
 */
export function publicHolidays(year: number, country: string, state?: string): Map<string, string> {
  const key = `${regionKey(country, state)}:${year}`;
  let dates = byYear.get(key);
  if (!dates) {
    dates = new Map();
    for (const h of instance(country, state).getHolidays(year) || []) {
      if (h.type === "public") dates.set(h.date.slice(0, 10), h.name);
    }
    byYear.set(key, dates);
  }
  return dates;
}

/** The holiday's name when `date` (YYYY-MM-DD) is a public holiday in the region. */
export function publicHolidayOn(date: string, country: string, state?: string): string | undefined {
  return publicHolidays(Number(date.slice(0, 4)), country, state).get(date);
}

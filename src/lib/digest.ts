/**
 * The daily notification digest: when it is due in a person's time zone, and how its
 * notices are grouped (one section per question or idea, in order of first notice).
 */

/** The local calendar date (`YYYY-MM-DD`) and hour (0-23) of an instant in a time zone. */
export function localDateAndHour(at: Date, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${get("year")}-${get("month")}-${get("day")}`, hour: Number(get("hour")) };
}

/**
 * The local date whose digest is due at `at`, or null before the digest hour. From that
 * hour on the whole rest of the day counts, so a worker that was down at the hour still
 * sends the day's digest later (once: it is keyed by the date).
 */
export function digestDateDue(at: Date, timeZone: string, digestHour: number): string | null {
  const local = localDateAndHour(at, timeZone);
  return local.hour >= digestHour ? local.date : null;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export interface DigestEntry<T> {
  /** What the notice is about, e.g. `question:<id>`; entries with the same key group. */
  groupKey: string;
  item: T;
}

/** Groups entries by `groupKey`, groups in order of their first entry, entries in order. */
export function groupDigest<T>(entries: readonly DigestEntry<T>[]): { key: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const e of entries) {
    const list = groups.get(e.groupKey);
    if (list) list.push(e.item);
    else groups.set(e.groupKey, [e.item]);
  }
  return [...groups].map(([key, items]) => ({ key, items }));
}

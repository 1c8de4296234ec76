import { DateTime } from "luxon";
import { invalidField } from "../../lib/errors.ts";

const DAY = 86_400_000;

/** A report's [from, to): dates are local midnights in `zone`; default the last 30 days. */
export function resolveRange(
  input: { from?: string | undefined; to?: string | undefined },
  zone: string,
  now: Date,
  maxDays: number,
): { from: Date; to: Date } {
  const parse = (v: string) =>
    (/^\d{4}-\d{2}-\d{2}$/.test(v)
      ? DateTime.fromISO(v, { zone })
      : DateTime.fromISO(v, { setZone: true })
    ).toJSDate();
  const to = input.to ? parse(input.to) : now;
  const from = input.from ? parse(input.from) : new Date(to.getTime() - 30 * DAY);
  if (from >= to) throw invalidField("from", "must be before to");
  if (to.getTime() - from.getTime() > maxDays * DAY) {
    throw invalidField("to", `must be at most ${maxDays} days after from for this report`);
  }
  return { from, to };
}

import { DateTime } from "luxon";

export type HoursLocale = "de-DE" | "en-GB" | "en-US";

/** de → de-DE, en-US → en-US (12-hour clock), other English → en-GB; German otherwise. */
export function hoursLocale(tag: string | null | undefined): HoursLocale | undefined {
  const t = (tag ?? "").trim().toLowerCase();
  if (t.startsWith("de")) return "de-DE";
  if (t === "en-us") return "en-US";
  if (t.startsWith("en")) return "en-GB";
  return undefined;
}

const WORDS = {
  de: { today: "heute", tomorrow: "morgen", clock: " Uhr" },
  en: { today: "today", tomorrow: "tomorrow", clock: "" },
};

/**
 * "today 18:00", "morgen 08:00 Uhr", "Fri 27 December, 8:00 AM": an instant in the
 * team's zone, as a customer reads it in their language and time format.
 */
export function formatWhen(
  at: Date | number,
  zone: string,
  locale: HoursLocale,
  now: Date | number,
): string {
  const words = WORDS[locale.startsWith("de") ? "de" : "en"];
  const t = DateTime.fromMillis(typeof at === "number" ? at : at.getTime(), { zone }).setLocale(
    locale,
  );
  const today = DateTime.fromMillis(typeof now === "number" ? now : now.getTime(), {
    zone,
  }).startOf("day");
  const time = t.toLocaleString(DateTime.TIME_SIMPLE) + words.clock;
  const days = Math.round(t.startOf("day").diff(today, "days").days);
  if (days === 0) return `${words.today} ${time}`;
  if (days === 1) return `${words.tomorrow} ${time}`;
  const date = t.toLocaleString({ weekday: "short", day: "numeric", month: "long" });
  return `${date}, ${time}`;
}

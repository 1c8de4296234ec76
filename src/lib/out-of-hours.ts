import {
  businessTimeBetween,
  formatWhen,
  type HoursLocale,
  hoursLocale,
  isOpenAt,
  nextOpeningAfter,
  type OpeningSchedule,
} from "./opening-hours/index.ts";

/**
 * The automatic reply outside opening hours: at most once per conversation per closed
 * period, saying when the team is back in the customer's language and time format.
 */
export interface OutOfHoursInput {
  schedule: OpeningSchedule;
  /** When the customer's message arrived. */
  at: Date;
  /** When this conversation last got the automatic reply, if ever. */
  lastAutoReplyAt: Date | null;
}

export type OutOfHoursDecision =
  | { send: false; reason: "open" | "already_sent" }
  | { send: true; backAt: Date | null };

export function outOfHoursDecision(input: OutOfHoursInput): OutOfHoursDecision {
  const { schedule, at, lastAutoReplyAt } = input;
  if (isOpenAt(schedule, at)) return { send: false, reason: "open" };
  // Same closed period: the team has not been open at all since the last auto-reply.
  if (
    lastAutoReplyAt &&
    lastAutoReplyAt <= at &&
    !isOpenAt(schedule, lastAutoReplyAt) &&
    businessTimeBetween(schedule, lastAutoReplyAt, at) === 0
  ) {
    return { send: false, reason: "already_sent" };
  }
  return { send: true, backAt: nextOpeningAfter(schedule, at) };
}

const DEFAULTS = {
  de: {
    back: "Danke für deine Nachricht! Unser Team ist gerade nicht besetzt und ab {backAt} wieder für dich da.",
    unknown:
      "Danke für deine Nachricht! Unser Team ist gerade nicht besetzt; wir melden uns so bald wie möglich.",
  },
  en: {
    back: "Thanks for your message! Our team is offline right now and back {backAt}.",
    unknown:
      "Thanks for your message! Our team is offline right now; we will get back to you as soon as we can.",
  },
};

export interface OutOfHoursTemplates {
  /** Per language ("de", "en"): text with a {backAt} placeholder. */
  [language: string]: string | undefined;
}

/**
 * The reply text. `language` is the customer's (a detected language code or a locale
 * tag such as en-US); German when it is neither German nor English. English "back at"
 * reads "back today 18:00", so the default says "back {backAt}".
 */
export function outOfHoursReplyText(input: {
  language: string | null | undefined;
  backAt: Date | null;
  timeZone: string;
  now: Date;
  templates?: OutOfHoursTemplates;
}): string {
  const locale: HoursLocale = hoursLocale(input.language) ?? "de-DE";
  const lang = locale.startsWith("de") ? "de" : "en";
  if (!input.backAt) return DEFAULTS[lang].unknown;
  const template = input.templates?.[lang] ?? DEFAULTS[lang].back;
  const when = formatWhen(input.backAt, input.timeZone, locale, input.now);
  return template.replaceAll("{backAt}", when);
}

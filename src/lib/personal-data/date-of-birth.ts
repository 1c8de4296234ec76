import type { Candidate } from "./types.ts";

const MONTHS_DE =
  "Januar|Jänner|Jan\\.?|Februar|Feb\\.?|März|Maerz|Mär\\.?|April|Apr\\.?|Mai|Juni|Jun\\.?|Juli|Jul\\.?|August|Aug\\.?|September|Sept?\\.?|Oktober|Okt\\.?|November|Nov\\.?|Dezember|Dez\\.?";
const MONTHS_EN =
  "January|February|March|Mar\\.?|April|May|June|July|August|September|October|Oct\\.?|November|December|Dec\\.?";
const ORDINAL = "(?:st|nd|rd|th)?";

/** Date shapes written in German and English messages. */
const DATE_SOURCES = [
  // 12.03.1985, 1.3.85, 12/03/1985, 03-12-1985
  "\\d{1,2}\\s?[./-]\\s?\\d{1,2}\\s?[./-]\\s?(?:\\d{4}|\\d{2})(?![\\d])",
  // 1985-03-12
  "\\d{4}-\\d{2}-\\d{2}",
  // 12. März 1985, 12 March 1985, 12th of March 1985
  `\\d{1,2}${ORDINAL}\\.?\\s*(?:of\\s+)?(?:${MONTHS_DE}|${MONTHS_EN})\\s*,?\\s*(?:\\d{4}|'\\d{2})`,
  // March 12, 1985
  `(?:${MONTHS_EN}|${MONTHS_DE})\\s+\\d{1,2}${ORDINAL},?\\s+\\d{4}`,
];
const DATE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${DATE_SOURCES.join("|")})(?![\\p{L}\\p{N}])`,
  "giu",
);

/** A birth cue ending right before the date, with a few filler words between. */
const CUE_BEFORE =
  /(?:\bgeb\.|\bgeboren|\bgeburtsdatum|\bgeburtstag|\bgeb\.?-?datum|\bgeb\b|\bdate\s+of\s+birth|\bbirth\s*date|\bbirthday|\bd\.?o\.?b\b\.?|\bborn)(?:\s*(?::|=|-|ist|is|lautet|am|on|the|der|den|war|was|as|of|mein|my)\s*)*[\s:=(-]*$/iu;

/** "… am 12.03.1985 geboren", "12/03/1985 (DOB)". */
const CUE_AFTER = /^\s*(?:\(\s*)?(?:geboren|born|geb\.|\(?dob\)?|date of birth)\b/iu;

/** Dates of birth: a date only counts with a birth cue before or right after it. */
export function findDatesOfBirth(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of text.matchAll(DATE)) {
    if (!isPlausibleDate(m[0])) continue;
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 45), start);
    const after = text.slice(end, end + 20);
    if (CUE_BEFORE.test(before) || CUE_AFTER.test(after)) {
      found.push({ type: "date_of_birth", start, end });
    }
  }
  return found;
}

/** Numeric dates need a day and month in range (either order, for US dates). */
function isPlausibleDate(value: string): boolean {
  const numeric = value.match(/^(\d{1,2})\s?[./-]\s?(\d{1,2})\s?[./-]\s?(\d{2,4})$/);
  if (!numeric) return true;
  const a = Number(numeric[1]);
  const b = Number(numeric[2]);
  const dayMonth = a >= 1 && a <= 31 && b >= 1 && b <= 12;
  const monthDay = a >= 1 && a <= 12 && b >= 1 && b <= 31;
  return dayMonth || monthDay;
}

import {
  type CountryCode,
  findNumbers,
  isSupportedCountry,
  Metadata,
  type NumberFound,
  parsePhoneNumberFromString,
} from "libphonenumber-js/max";
import { followsReferenceCue } from "./context.ts";
import type { Candidate } from "./types.ts";

const metadata = new Metadata();
const trunkPrefixes = new Map<string, string | undefined>();

/** The national (trunk) prefix of a region, "0" for DE/AT/GB, none for IT or ES. */
function trunkPrefix(region: CountryCode): string | undefined {
  if (!trunkPrefixes.has(region)) {
    metadata.selectNumberingPlan(region);
    // nationalPrefix() exists at run time but is missing from the package's typings.
    const plan = metadata.numberingPlan as unknown as { nationalPrefix(): string | undefined };
    trunkPrefixes.set(region, plan.nationalPrefix() || undefined);
  }
  return trunkPrefixes.get(region);
}

export function toRegion(region: string | undefined): CountryCode {
  const upper = (region ?? "DE").toUpperCase();
  return isSupportedCountry(upper) ? upper : "DE";
}

/**
 * Phone numbers that libphonenumber-js (full metadata) finds valid. On top of its own
 * rules against dates and times, a number without a country code must start with the
 * region's trunk prefix ("0" in Germany): customers write "0171 …", and a bare "4056489123"
 * is an order number far more often than a phone number. Numbers right after an order,
 * tracking or customer-number cue are references, not phones.
 */
export function findPhones(text: string, region: CountryCode, allowlist: Set<string>): Candidate[] {
  const found: Candidate[] = [];
  const trunk = trunkPrefix(region);
  // Every number kept below starts with "+", "00" or the trunk prefix "0" (after an optional
  // parenthesis): a text without "0" or "+" has none, and libphonenumber's search is the
  // detector's dearest part.
  if (trunk === "0" && !text.includes("0") && !text.includes("+")) return found;
  const matches = findNumbers(text, { defaultCountry: region, v2: true }) as NumberFound[];
  for (const m of matches) {
    const raw = text.slice(m.startsAt, m.endsAt);
    const international = /^\(?\s*(?:\+|00)/.test(raw);
    // Where the trunk prefix is optional in practice (NANP's "1"), the rule does not apply.
    if (!international && trunk === "0" && !raw.replace(/^\(\s*/, "").startsWith("0")) continue;
    if (DATE_OR_TIME.test(raw)) continue;
    if (isPartOfDottedNumber(text, m.startsAt, m.endsAt)) continue;
    if (allowlist.has(m.number.number)) continue;
    if (followsReferenceCue(text, m.startsAt)) continue;
    found.push({ type: "phone", start: m.startsAt, end: m.endsAt });
  }
  return found;
}

/** "02.01.2024", "12/03/24", "14:30": dates and times are never phone numbers. */
const DATE_OR_TIME = /^\d{1,4}\s?[./:]\s?\d{1,2}(?:\s?[./:]\s?\d{2,4})?$/;

/** "192.168.178.1", "17.2.1", "1.234.567": a phone match inside a dotted number is not one. */
function isPartOfDottedNumber(text: string, start: number, end: number): boolean {
  return (
    /\d[.]$/.test(text.slice(Math.max(0, start - 2), start)) ||
    /^[.]\d/.test(text.slice(end, end + 2))
  );
}

/** E.164 forms of the allowlisted values that parse as phone numbers in `region`. */
export function phoneAllowlist(values: readonly string[], region: CountryCode): Set<string> {
  const set = new Set<string>();
  for (const value of values) {
    const parsed = parsePhoneNumberFromString(value, region);
    if (parsed) set.add(parsed.number);
  }
  return set;
}

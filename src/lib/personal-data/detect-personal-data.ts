import { normaliseValue } from "./context.ts";
import { compileCustomPatterns, findCustom } from "./custom.ts";
import { findDatesOfBirth } from "./date-of-birth.ts";
import { findEmails } from "./email.ts";
import { findIbans } from "./iban.ts";
import { findPasswords } from "./password.ts";
import { findPaymentCards } from "./payment-card.ts";
import { findPhones, phoneAllowlist, toRegion } from "./phone.ts";
import { findPostalAddresses } from "./postal-address.ts";
import { findTaxIds } from "./tax-id.ts";
import type {
  Candidate,
  CustomPattern,
  DetectOptions,
  PersonalDataFinding,
  PersonalDataType,
} from "./types.ts";

/**
 * When two findings overlap, the more specific kind wins: a checksum-validated IBAN over
 * the card or phone number its digits might also form, an e-mail over a phone inside it.
 */
const PRIORITY = [
  "password",
  "iban",
  "payment_card",
  "email",
  "tax_id",
  "custom",
  "postal_address",
  "date_of_birth",
  "phone",
] as const;

const rank = (type: PersonalDataType) =>
  PRIORITY.indexOf((type.startsWith("custom:") ? "custom" : type) as (typeof PRIORITY)[number]);

const compiled = new WeakMap<readonly CustomPattern[], ReturnType<typeof compileCustomPatterns>>();

function customPatterns(patterns: readonly CustomPattern[] | undefined) {
  if (!patterns || patterns.length === 0) return [];
  let found = compiled.get(patterns);
  if (!found) {
    found = compileCustomPatterns(patterns);
    compiled.set(patterns, found);
  }
  return found;
}

/**
 * Finds personal data in a German or English message. Offsets are JS string indices into
 * `text` (end exclusive), sorted by position, never overlapping.
 */
export function detectPersonalData(
  text: string,
  options: DetectOptions = {},
): PersonalDataFinding[] {
  const region = toRegion(options.defaultRegion);
  const allowlist = options.allowlist ?? [];
  const wanted = (type: PersonalDataType) => !options.types || options.types.includes(type);
  const custom = customPatterns(options.customPatterns);

  const candidates: Candidate[] = [
    ...(wanted("password") ? findPasswords(text) : []),
    ...(wanted("iban") ? findIbans(text) : []),
    ...(wanted("payment_card") ? findPaymentCards(text) : []),
    ...(wanted("email") ? findEmails(text) : []),
    ...(wanted("tax_id") ? findTaxIds(text) : []),
    ...findCustom(
      text,
      custom.filter((c) => wanted(`custom:${c.name}`)),
    ),
    ...(wanted("postal_address") ? findPostalAddresses(text) : []),
    ...(wanted("date_of_birth") ? findDatesOfBirth(text) : []),
    ...(wanted("phone") ? findPhones(text, region, phoneAllowlist(allowlist, region)) : []),
  ];

  const allowed = new Set(allowlist.map(normaliseValue));
  const links = findLinks(text);
  const kept = resolveOverlaps(candidates).filter(
    (c) =>
      !allowed.has(normaliseValue(text.slice(c.start, c.end))) &&
      // Digits inside a link are ids of pages, not somebody's number.
      (c.type === "email" || c.type.startsWith("custom:") || !insideAny(c, links)),
  );
  return kept.map((c) => ({ ...c, value: text.slice(c.start, c.end) }));
}

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;

function findLinks(text: string): { start: number; end: number }[] {
  return [...text.matchAll(LINK)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function insideAny(c: Candidate, spans: { start: number; end: number }[]): boolean {
  return spans.some((s) => c.start >= s.start && c.end <= s.end);
}

/** Keeps the higher-priority (then longer, then earlier) of overlapping candidates. */
export function resolveOverlaps(candidates: readonly Candidate[]): Candidate[] {
  const ordered = [...candidates].sort(
    (a, b) =>
      rank(a.type) - rank(b.type) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of ordered) {
    if (c.end <= c.start) continue;
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

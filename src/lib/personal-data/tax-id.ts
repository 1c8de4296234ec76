import { followsReferenceCue } from "./context.ts";
import type { Candidate } from "./types.ts";

/** 11 digits, together or as "12 345 678 901". */
const TAX_ID =
  /(?<![\p{L}\p{N}+.,/-])(?:\d{11}|\d{2} \d{3} \d{3} \d{3})(?![\p{L}\p{N}]|[.,/-]\d)/gu;

/** German tax identification numbers (Steuer-ID, IdNr) whose structure and check digit hold. */
export function findTaxIds(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(TAX_ID)) {
    if (!isGermanTaxId(match[0].replace(/ /g, ""))) continue;
    if (followsReferenceCue(text, match.index)) continue;
    found.push({ type: "tax_id", start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/**
 * The Steuer-ID rules (BZSt): 11 digits, no leading 0; among the first ten digits exactly
 * one digit occurs twice or three times (three times never in a row) and every other digit
 * at most once; the eleventh is an ISO 7064 MOD 11,10 check digit.
 */
export function isGermanTaxId(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const body = digits.slice(0, 10);
  const counts = new Map<string, number>();
  for (const d of body) counts.set(d, (counts.get(d) ?? 0) + 1);
  const repeated = [...counts.entries()].filter(([, n]) => n > 1);
  if (repeated.length !== 1) return false;
  const [digit, times] = repeated[0]!;
  if (times > 3) return false;
  if (times === 3 && body.includes(digit.repeat(3))) return false;
  let product = 10;
  for (const d of body) {
    let sum = (Number(d) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  let check = 11 - product;
  if (check === 10) check = 0;
  return check === Number(digits[10]);
}

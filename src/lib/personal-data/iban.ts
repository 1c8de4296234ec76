import { isValidIBAN } from "ibantools";
import type { Candidate } from "./types.ts";

/**
 * A country code, two check digits and 11–30 more letters or digits, with single spaces
 * (or none) anywhere: "DE89 3704 0044 0532 0130 00", "de89370400440532013000".
 * The run may swallow a following word; `longestValidPrefix` trims it back.
 */
const IBAN_RUN = /(?<![\p{L}\p{N}])[A-Za-z]{2}[ ]?\d{2}(?:[ ]?[A-Za-z0-9]){11,40}/gu;

/** IBANs whose ISO 13616 checksum and national length are right (ibantools). */
export function findIbans(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(IBAN_RUN)) {
    const start = match.index;
    const end = longestValidPrefix(match[0]);
    if (end !== undefined) found.push({ type: "iban", start, end: start + end });
  }
  return found;
}

/** Length of the longest prefix that is a valid IBAN and ends at a word boundary. */
function longestValidPrefix(run: string): number | undefined {
  // positions[i] = index in `run` just after the i-th letter or digit
  const positions: number[] = [];
  let electronic = "";
  for (let i = 0; i < run.length; i++) {
    const ch = run[i]!;
    if (ch === " ") continue;
    electronic += ch.toUpperCase();
    positions.push(i + 1);
  }
  for (let len = Math.min(electronic.length, 34); len >= 15; len--) {
    const end = positions[len - 1]!;
    const next = run[end];
    if (next !== undefined && next !== " ") continue;
    if (isValidIBAN(electronic.slice(0, len))) return end;
  }
  return undefined;
}

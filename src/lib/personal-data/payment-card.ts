import cardValidator from "card-validator";
import { followsReferenceCue } from "./context.ts";
import type { Candidate } from "./types.ts";

/** Groups of digits joined by single spaces or dashes: "4111 1111 1111 1111", "4111-1111-…". */
const DIGIT_RUN = /(?<![\p{L}\p{N}.,+])\d+(?:[ -]\d+)*(?![\p{L}\p{N}]|[.,]\d)/gu;

/**
 * Card numbers: 13–19 digits that pass the Luhn check and match a known card brand's
 * prefix and length (card-validator). A run of several numbers is searched for the longest
 * valid stretch of whole groups, so "4111 1111 1111 1111 12/25" finds the card alone.
 */
export function findPaymentCards(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(DIGIT_RUN)) {
    const groups = [...match[0].matchAll(/\d+/g)].map((g) => ({
      start: match.index + g.index,
      end: match.index + g.index + g[0].length,
      digits: g[0],
    }));
    let i = 0;
    while (i < groups.length) {
      let best: Candidate | undefined;
      let bestJ = i;
      let digits = "";
      for (let j = i; j < groups.length; j++) {
        digits += groups[j]!.digits;
        if (digits.length > 19) break;
        if (digits.length < 13) continue;
        if (isCardNumber(digits)) {
          best = { type: "payment_card", start: groups[i]!.start, end: groups[j]!.end };
          bestJ = j;
        }
      }
      if (best && !followsReferenceCue(text, best.start)) {
        found.push(best);
        i = bestJ + 1;
      } else {
        i++;
      }
    }
  }
  return found;
}

export function isCardNumber(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits)) return false;
  // A number of one repeated digit passes Luhn for some brands but is never a real card.
  if (/^(\d)\1+$/.test(digits)) return false;
  return cardValidator.number(digits).isValid;
}

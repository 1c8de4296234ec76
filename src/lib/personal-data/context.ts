/**
 * Small text helpers shared by the detectors: looking at what stands just before a span,
 * and normalising values for allowlist comparisons.
 */

/**
 * Words that introduce an order, tracking, customer or similar reference number. A number
 * right after one of them is a reference, not a phone number, card or tax id.
 */
const REFERENCE_CUE =
  /(?:bestell|auftrags|sendungs|kunden|vertrags|rechnungs|ticket|vorgangs|referenz|tracking|order|invoice|reference|case|customer|contract|serien|serial|imei|artikel|article|produkt|product|sku|modell?|paket|package|parcel|transaktions|transaction|buchungs|booking|rufnummern?mitnahme|fall|störungs|stoerungs|meldungs|lieferschein|delivery)[\p{L}-]*\.?\s*(?:nr\.?|nummer|number|no\.?|num\.?|id|code|#)?\s*(?:ist|is|lautet|was|war|=|:|#)?\s*(?:die|der|the)?\s*[:#]?\s*$/iu;

/** True when the text just before `start` (same sentence, ≤ 40 chars) names a reference number. */
export function followsReferenceCue(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  return REFERENCE_CUE.test(before);
}

/** Letters and digits only, lower-cased: "DE89 3704…" and "de893704…" compare equal. */
export function normaliseValue(value: string): string {
  return value.replace(/[^\p{L}\p{N}@.]/gu, "").toLowerCase();
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
}

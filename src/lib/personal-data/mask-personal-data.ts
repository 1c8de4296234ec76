import type { PersonalDataFinding, PersonalDataType } from "./types.ts";

export type MaskStyle = "label" | "partial";

const LABELS: Record<string, string> = {
  iban: "IBAN",
  payment_card: "CARD",
  phone: "PHONE",
  email: "EMAIL",
  postal_address: "ADDRESS",
  date_of_birth: "DATE_OF_BIRTH",
  password: "PASSWORD",
  tax_id: "TAX_ID",
};

export function maskLabel(type: PersonalDataType): string {
  if (type.startsWith("custom:")) return `[${type.slice("custom:".length).toUpperCase()}]`;
  return `[${LABELS[type] ?? type.toUpperCase()}]`;
}

/**
 * Replaces every finding in `text`.
 * - `label` (default): the span becomes its type in brackets, `[IBAN]`, `[EMAIL]`,
 *   `[CUSTOMER_NO]` for `custom:customer_no`. Nothing of the value is left.
 * - `partial`: IBANs keep country, check digits and the last two characters
 *   (`DE89 •••• •••• •••• •••• 00`), cards and phone numbers their last four digits
 *   (`•••• •••• •••• 1111`), so an agent can still tell which account the customer meant;
 *   every other type falls back to its label. Spacing is kept.
 * Findings must not overlap (detectPersonalData never returns overlapping ones).
 */
export function maskPersonalData(
  text: string,
  findings: readonly PersonalDataFinding[],
  style: MaskStyle = "label",
): string {
  const ordered = [...findings].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const f of ordered) {
    if (f.start < at) continue;
    out += text.slice(at, f.start);
    const value = text.slice(f.start, f.end);
    out += style === "partial" ? partialMask(f.type, value) : maskLabel(f.type);
    at = f.end;
  }
  return out + text.slice(at);
}

function partialMask(type: PersonalDataType, value: string): string {
  if (type === "iban") return keepEnds(value, 4, 2);
  if (type === "payment_card" || type === "phone") return keepEnds(value, 0, 4);
  return maskLabel(type);
}

/** Bullets for every letter or digit except the first `head` and last `tail` of them. */
function keepEnds(value: string, head: number, tail: number): string {
  const total = [...value].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  let seen = 0;
  let out = "";
  for (const ch of value) {
    if (!/[\p{L}\p{N}]/u.test(ch)) {
      out += ch;
      continue;
    }
    seen += 1;
    out += seen <= head || seen > total - tail ? ch : "•";
  }
  return out;
}

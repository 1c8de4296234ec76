/** The personal-data kinds hilft recognises; `custom:<name>` comes from workspace patterns. */
export type BuiltInPersonalDataType =
  | "iban"
  | "payment_card"
  | "phone"
  | "email"
  | "postal_address"
  | "date_of_birth"
  | "password"
  | "tax_id";

export type PersonalDataType = BuiltInPersonalDataType | `custom:${string}`;

export const BUILT_IN_TYPES: readonly BuiltInPersonalDataType[] = [
  "iban",
  "payment_card",
  "phone",
  "email",
  "postal_address",
  "date_of_birth",
  "password",
  "tax_id",
];

/** One finding: `start`/`end` are JS string indices into the original text (end exclusive). */
export interface PersonalDataFinding {
  type: PersonalDataType;
  start: number;
  end: number;
  /** The matched text, exactly as written. */
  value?: string;
}

export interface CustomPattern {
  /** Shown as `custom:<name>`; letters, digits, `_` and `-`. */
  name: string;
  /** A JavaScript regular expression source (or a RegExp). */
  regex: string | RegExp;
  /** Flags for a string `regex` besides `g` (e.g. "i"). */
  flags?: string;
}

export interface DetectOptions {
  /** ISO region for numbers written without a country code, e.g. "DE" (the default). */
  defaultRegion?: string;
  customPatterns?: readonly CustomPattern[];
  /** Values that are never personal data here: the company's hotlines, its own IBAN, … */
  allowlist?: readonly string[];
  /** Limit detection to these types (all by default). */
  types?: readonly PersonalDataType[];
}

/** What a single detector returns before overlaps are resolved. */
export interface Candidate {
  type: PersonalDataType;
  start: number;
  end: number;
}

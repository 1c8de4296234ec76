import { LruCache } from "../lru-cache.ts";
import { damerauLevenshtein } from "./damerau-levenshtein.ts";
import { scriptsOf, skeleton } from "./skeleton.ts";

export interface ImpostorCandidate {
  handle: string;
  displayName?: string | null;
}

export interface Brand {
  /** The brand's own handles, with or without "@": ["telekom_hilft", "deutschetelekom"]. */
  handles: readonly string[];
  /** Names the brand goes by: ["Telekom", "Telekom hilft"]. */
  names: readonly string[];
}

export type ImpostorReason = "skeleton" | "edit_distance" | "affix";

export interface ImpostorMatch {
  reason: ImpostorReason;
  /** 0–1, higher is more certainly posing as the brand. */
  score: number;
  evidence: {
    /** Which of the candidate's fields matched. */
    field: "handle" | "displayName";
    /** The brand handle or name it imitates. */
    imitates: string;
    /** Characters that only look like the brand's (skeleton matches). */
    confusables?: { char: string; codePoint: string; looksLike: string }[];
    /** Edit distance to the brand value (edit_distance matches). */
    distance?: number;
    /** The words added around the brand (affix matches), e.g. ["support"]. */
    affixes?: string[];
    /** Letters of more than one script in the field (e.g. Latin with Cyrillic). */
    mixedScripts?: string[];
  };
}

/** Words impostors add around a brand to look like its service account. */
export const AFFIXES = [
  "support",
  "hilft",
  "hilfe",
  "help",
  "helps",
  "helpdesk",
  "care",
  "service",
  "services",
  "kundenservice",
  "customer",
  "customerservice",
  "team",
  "official",
  "offiziell",
  "real",
  "the",
  "de",
  "at",
  "ch",
  "uk",
  "us",
  "info",
  "hq",
  "desk",
  "news",
  "germany",
  "deutschland",
  "online",
  "app",
  "live",
  "direct",
  "direkt",
] as const;

/**
 * Does an account pose as the brand? Checks, best first:
 * - `skeleton`: the handle (or display name) looks the same as a brand handle or name once
 *   confusable characters are mapped (`TeIekom_hilft`, Cyrillic `tеlekom`, `te1ekom`);
 * - `edit_distance`: the handle is one or two typos away (1 for 5–8 characters, 2 from 9);
 * - `affix`: the brand plus service words (`telekom_hilft_support`, `official_telekom`).
 * An exact brand handle (any letter case) is the brand itself and never an impostor.
 */
export function matchImpostor(candidate: ImpostorCandidate, brand: Brand): ImpostorMatch | null {
  // Customers write again and again, so the verdict on an account is kept (by value: the
  // same handle, name and brand give the same answer); callers get their own copy.
  const key = JSON.stringify([
    candidate.handle,
    candidate.displayName ?? null,
    brand.handles,
    brand.names,
  ]);
  let match = verdicts.get(key);
  if (match === undefined) {
    match = matchUncached(candidate, brand);
    verdicts.set(key, match);
  }
  return match && structuredClone(match);
}

const verdicts = new LruCache<string, ImpostorMatch | null>({ maxEntries: 20_000 });

function matchUncached(candidate: ImpostorCandidate, brand: Brand): ImpostorMatch | null {
  const handle = stripAt(candidate.handle);
  const brandHandles = brand.handles.map(stripAt).filter(Boolean);
  if (brandHandles.some((h) => h.toLowerCase() === handle.toLowerCase())) return null;
  if (!handle && !candidate.displayName) return null;

  const targets = [
    ...brandHandles.map((value) => ({ value, kind: "handle" as const })),
    ...brand.names.filter((n) => n.trim()).map((value) => ({ value, kind: "name" as const })),
  ];
  const fields: { field: "handle" | "displayName"; value: string }[] = [];
  if (handle) fields.push({ field: "handle", value: handle });
  if (candidate.displayName?.trim())
    fields.push({ field: "displayName", value: candidate.displayName });

  const matches: ImpostorMatch[] = [];
  for (const { field, value } of fields) {
    const keys = compactKeys(value);
    const mixed = [...scriptsOf(value)];
    const mixedScripts = mixed.length > 1 ? mixed : undefined;
    // A display name only counts when it imitates; the brand's own name on a fan account
    // is weaker evidence than a look-alike handle.
    const weight = field === "handle" ? 1 : 0.9;
    // The brand's exact name as a display name: posing, but in plain sight, and fan or
    // partner accounts do it too, so it counts less than a look-alike.
    const named = field === "displayName" && targets.find((t) => sameText(value, t.value));
    if (named) {
      matches.push({
        reason: "skeleton",
        score: 0.6,
        evidence: { field, imitates: named.value, mixedScripts },
      });
      continue;
    }
    for (const target of targets) {
      const targetKeys = compactKeys(target.value);
      if (intersects(keys, targetKeys)) {
        matches.push({
          reason: "skeleton",
          score: (mixedScripts ? 1 : 0.97) * weight,
          evidence: {
            field,
            imitates: target.value,
            confusables: confusableChars(value),
            mixedScripts,
          },
        });
        continue;
      }
      const a = primaryKey(value);
      const b = primaryKey(target.value);
      const limit = allowedDistance(b.length);
      if (limit > 0) {
        const distance = damerauLevenshtein(a, b, limit);
        if (distance > 0 && distance <= limit) {
          matches.push({
            reason: "edit_distance",
            score: (distance === 1 ? 0.9 : 0.8) * weight,
            evidence: { field, imitates: target.value, distance, mixedScripts },
          });
        }
      }
      const affixes = affixAround(a, b);
      if (affixes) {
        matches.push({
          reason: "affix",
          score: (affixes.fuzzy ? 0.7 : 0.8) * weight,
          evidence: { field, imitates: target.value, affixes: affixes.words, mixedScripts },
        });
      }
    }
  }
  if (matches.length === 0) return null;
  const best = matches.sort(
    (x, y) => y.score - x.score || REASON_ORDER.indexOf(x.reason) - REASON_ORDER.indexOf(y.reason),
  )[0]!;
  return { ...best, score: Math.round(best.score * 100) / 100 };
}

/** On equal scores the more telling explanation wins. */
const REASON_ORDER: ImpostorReason[] = ["skeleton", "affix", "edit_distance"];

const stripAt = (handle: string) => handle.trim().replace(/^@+/, "");

/**
 * Letters and digits of the skeleton, lower-cased, in two orders of folding. Kept for the
 * values seen last (the brand's handles and names come up in every check); callers only
 * read the set.
 */
function compactKeys(value: string): ReadonlySet<string> {
  return keysOf(value).compact;
}

function primaryKey(value: string): string {
  return keysOf(value).primary;
}

const valueKeys = new LruCache<string, { compact: ReadonlySet<string>; primary: string }>({
  maxEntries: 5_000,
});

function keysOf(value: string): { compact: ReadonlySet<string>; primary: string } {
  let keys = valueKeys.get(value);
  if (!keys) {
    const clean = prepare(value);
    const primary = compact(skeleton(clean).toLowerCase());
    keys = { compact: new Set([primary, compact(skeleton(clean.toLowerCase()))]), primary };
    valueKeys.set(value, keys);
  }
  return keys;
}

/**
 * NFKC first folds full-width and mathematical letters ("Ｔｅｌｅｋｏｍ", "𝐓𝐞𝐥𝐞𝐤𝐨𝐦") that
 * confusables.txt leaves to normalisation; invisible characters are dropped.
 */
function prepare(value: string): string {
  return stripInvisible(value).normalize("NFKC");
}

/** Zero-width and other default-ignorable characters hide inside handles and names. */
const stripInvisible = (value: string) => value.replace(/\p{Default_Ignorable_Code_Point}/gu, "");

/** Without separators and combining marks: "Telekom hilft" ~ "telekom_hilft". */
const compact = (value: string) => value.replace(/[\p{M}]/gu, "").replace(/[^\p{L}\p{N}]/gu, "");

const sameText = (a: string, b: string) =>
  compact(a.normalize("NFC").toLowerCase()) === compact(b.normalize("NFC").toLowerCase());

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (x && b.has(x)) return true;
  return false;
}

/** Short names would collide with ordinary words, so typos count only from 5 characters. */
export function allowedDistance(length: number): number {
  if (length < 5) return 0;
  if (length < 9) return 1;
  return 2;
}

/** The characters of `value` whose skeleton differs from themselves, for the evidence. */
function confusableChars(value: string) {
  const out: { char: string; codePoint: string; looksLike: string }[] = [];
  for (const ch of value) {
    // Plain lower-case ASCII letters are what the brand is written in ("m" → "rn" is noise).
    if (/[a-z_]/.test(ch)) continue;
    const mapped = skeleton(ch);
    if (mapped !== ch.normalize("NFD") && mapped.toLowerCase() !== ch.toLowerCase()) {
      out.push({
        char: ch,
        codePoint: `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`,
        looksLike: mapped,
      });
    }
  }
  return out;
}

/**
 * The brand key inside the candidate key with only affix words (and digits) around it.
 * The brand part may itself carry one typo when it is long enough.
 */
function affixAround(
  candidate: string,
  brandKey: string,
): { words: string[]; fuzzy: boolean } | null {
  if (brandKey.length < 4 || candidate.length <= brandKey.length) return null;
  const limit = allowedDistance(brandKey.length) > 0 ? 1 : 0;
  for (let len = brandKey.length - limit; len <= brandKey.length + limit; len++) {
    for (let start = 0; start + len <= candidate.length; start++) {
      const part = candidate.slice(start, start + len);
      const distance = part === brandKey ? 0 : damerauLevenshtein(part, brandKey, limit);
      if (distance > limit) continue;
      const rest = [candidate.slice(0, start), candidate.slice(start + len)];
      const words: string[] = [];
      if (rest.every((r) => splitAffixes(r, words))) {
        if (words.length > 0) return { words, fuzzy: distance > 0 };
      }
    }
  }
  return null;
}

/** Affixes by their skeleton key ("team" is "tearn" there, as "m" looks like "rn"). */
const AFFIX_KEYS = new Map<string, string>(AFFIXES.map((word) => [primaryKey(word), word]));

/** Splits `text` into affix words and digit runs (word break), appending words to `out`. */
function splitAffixes(text: string, out: string[]): boolean {
  if (!text) return true;
  const best: (string[] | null)[] = Array(text.length + 1).fill(null);
  best[0] = [];
  for (let end = 1; end <= text.length; end++) {
    for (let start = 0; start < end; start++) {
      const prev = best[start];
      if (!prev) continue;
      const piece = text.slice(start, end);
      if (AFFIX_KEYS.has(piece) || /^\d+$/.test(piece)) {
        best[end] = [...prev, AFFIX_KEYS.get(piece) ?? piece];
        break;
      }
    }
  }
  const words = best[text.length];
  if (!words) return false;
  out.push(...words.filter((w) => !/^\d+$/.test(w)));
  return true;
}

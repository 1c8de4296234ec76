import { type Lang, scoreLexicon } from "./lexicon.ts";

/**
 * Hashed bag-of-features for the linear text models: word unigrams and bigrams plus
 * character 2–5-grams inside words (German compounds, misspellings and emoji carry much
 * of the signal in short social-media comments). Training and inference share this file,
 * so a model only works with the feature version it was trained with.
 */

export const FEATURE_VERSION = 3;

export interface FeatureOptions {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Adds the hand-written lexicon's positive, negative and praise sums as features. */
  lexicon?: Lang;
  /** Character n-gram lengths inside words, [min, max]; [0, 0] for none. */
  chars?: [number, number];
  /** Weight of one character n-gram relative to a word. */
  charWeight?: number;
  /**
   * Character n-gram lengths over the whole normalised text, across word boundaries
   * ("nicht gut" → "t gu"), [min, max]; absent for none. Catches short phrases and
   * spelling variants that word bigrams split.
   */
  crossChars?: [number, number];
  /** Weight of one cross-boundary character n-gram. */
  crossCharWeight?: number;
  /**
   * Marks words after a negator up to the end of the clause ("nicht gut" adds `neg:gut`),
   * so the model can learn that a negated compliment is no compliment.
   */
  negation?: boolean;
  /** Shape cues: exclamation/question marks, shouting, emoji, length buckets. */
  shape?: boolean;
}

/** Sparse vector: bucket index → value, L2-normalised. */
export type SparseVector = Map<number, number>;

const URL = /\b(?:https?:\/\/|www\.)\S+/giu;
const MENTION = /@[\p{L}\p{N}_]+/gu;
const NUMBER = /\d+(?:[.,]\d+)*/gu;
const EMOTICON = "[:;=8]['\\-^o]?[()\\[\\]DdPpOo/\\\\|*]+|\\^\\^|\\*-\\*|xD+";
const TOKEN = new RegExp(
  `${EMOTICON}|[\\p{L}\\p{M}]+(?:['’][\\p{L}]+)?|\\p{Extended_Pictographic}|\\p{So}|[!?]+|_(?:url|user|num|cat)_`,
  "gu",
);
/**
 * Emoticons written with spaces inside, as in tokenised comment exports (": 3", "< 3",
 * "* - *", ": - )"), closed up before numbers become `_num_`.
 */
const SPACED_EMOTICON = /(?<=^|\s)([:;=])\s(?:(['\-^o])\s)?([()DdPp*3])(?=\s|$)/gu;
const SPACED_HEART = /(?<=^|\s)<\s?3+(?!\d)/gu;
const STARRY_EYES = /(?<=^|\s)\*\s?[-_]\s?\*(?=\s|$)/gu;
/** ":3", the cat face, kept apart from numbers. */
const CAT_FACE = /(?<=^|\s)[:;=]-?3+(?=\s|$)/gu;
/** Emoji variation selectors and skin tones: "❤️" and "❤" are the same heart. */
const EMOJI_MODIFIERS = /[\u{fe0e}\u{fe0f}\u{1f3fb}-\u{1f3ff}]/gu;

/** Lower-cased, NFKC, with links, mentions and numbers replaced by placeholders. */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(EMOJI_MODIFIERS, "")
    .replace(/<3+/g, " ♥ ")
    .replace(SPACED_HEART, " ♥ ")
    .replace(STARRY_EYES, " *-* ")
    .replace(
      SPACED_EMOTICON,
      (_, eyes: string, nose = "", mouth: string) => ` ${eyes}${nose}${mouth} `,
    )
    .replace(CAT_FACE, " _cat_ ")
    .replace(URL, " _url_ ")
    .replace(MENTION, " _user_ ")
    .replace(NUMBER, " _num_ ")
    .toLowerCase();
}

export function tokenize(text: string): string[] {
  return tokensOf(text).slice();
}

/**
 * The tokens of the text last asked for, kept: ingest runs two models over each message,
 * and both start from the same tokens. Callers only read them.
 */
let lastTokens: { text: string; tokens: readonly string[] } | undefined;

function tokensOf(text: string): readonly string[] {
  if (lastTokens?.text === text) return lastTokens.tokens;
  const tokens = splitTokens(text);
  lastTokens = { text, tokens };
  return tokens;
}

function splitTokens(text: string): string[] {
  return [...normaliseText(text).matchAll(TOKEN)].map((m) => {
    const t = m[0];
    // "!!!" and "!" say nearly the same; two or more is its own signal.
    if (/^[!?]+$/.test(t)) return t.length > 1 ? `${t[0]}${t[0]}` : t;
    // ":-)" and ":)" alike.
    if (/^[:;=8]/.test(t) && t.length > 2) return t.replace(/(?<=^.)['\-^o]/, "");
    // Stretched words: "suuuuper" → "suuper".
    return t.replace(/(\p{L})\1{2,}/gu, "$1$1");
  });
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bit. */
export function hash(s: string): number {
  return continueHash(FNV_OFFSET, s) >>> 0;
}

/** FNV-1a state after `prefix`: hash(prefix + s) continues from it over s. */
const prefixState = (prefix: string) => continueHash(FNV_OFFSET, prefix);

/** FNV-1a of `h`'s input followed by `s` (unsigned once `>>> 0` is applied). */
function continueHash(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

const C_PREFIX_STATE = prefixState("c:");
const W_PREFIX_STATE = prefixState("w:");
const B_PREFIX_STATE = prefixState("b:");
const SPACE = " ".charCodeAt(0);

/**
 * Counts by bucket while features are extracted, one pair of arrays per table size: the
 * sums in `values`, the buckets in first-seen order in `order` (a Map's insertion order,
 * so the vector is built with the same entries in the same order as before). Extraction
 * is synchronous, and the touched cells are cleared again before it returns.
 */
interface Scratch {
  values: Float64Array;
  seen: Uint8Array;
  order: number[];
}
const scratches = new Map<number, Scratch>();

function clear(values: Float64Array, seen: Uint8Array, order: number[]) {
  for (const k of order) {
    values[k] = 0;
    seen[k] = 0;
  }
  order.length = 0;
}

function scratchFor(bits: number): Scratch {
  let scratch = scratches.get(bits);
  if (!scratch) {
    scratch = { values: new Float64Array(1 << bits), seen: new Uint8Array(1 << bits), order: [] };
    scratches.set(bits, scratch);
  }
  return scratch;
}

const NEGATORS = new Set(
  "nicht kein keine keinen keiner keinem keines nie niemals nix nichts ohne weder not no never".split(
    " ",
  ),
);
const CLAUSE_END = /^(?:[!?]+|_url_)$/;

export function extractFeatures(text: string, options: FeatureOptions): SparseVector {
  const mask = (1 << options.bits) - 1;
  const { values, seen, order } = scratchFor(options.bits);
  clear(values, seen, order); // left over only if an extraction threw half-way
  const addBucket = (i: number, weight: number) => {
    if (seen[i] === 0) {
      seen[i] = 1;
      order.push(i);
    }
    values[i] = values[i]! + weight;
  };
  const add = (feature: string, weight = 1) => addBucket(hash(feature) & mask, weight);
  const [minChars, maxChars] = options.chars ?? [2, 5];
  const charWeight = options.charWeight ?? 0.5;
  const tokens = tokensOf(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // add(`w:${t}`) and add(`b:${previous} ${t}`), hashed without building the strings.
    addBucket((continueHash(W_PREFIX_STATE, t) >>> 0) & mask, 1);
    if (i > 0) {
      const h = Math.imul(continueHash(B_PREFIX_STATE, tokens[i - 1]!) ^ SPACE, FNV_PRIME);
      addBucket((continueHash(h, t) >>> 0) & mask, 1);
    }
    if (minChars > 0 && /^\p{L}/u.test(t) && t.length > 1) {
      // `c:` + each n-gram of `^t$`, hashed in place (same buckets and order as
      // add(`c:${padded.slice(j, j + n)}`), without building the strings).
      const padded = `^${t}$`;
      for (let n = minChars; n <= maxChars; n++) {
        for (let j = 0; j + n <= padded.length; j++) {
          let h = C_PREFIX_STATE;
          for (let k = j; k < j + n; k++) h = Math.imul(h ^ padded.charCodeAt(k), FNV_PRIME);
          addBucket((h >>> 0) & mask, charWeight);
        }
      }
    }
  }
  if (options.negation) {
    // The tokenizer drops commas and full stops, so the clause is found on the raw text.
    for (const clause of normaliseText(text).split(/[.,;:!?\n]+/)) {
      let negated = false;
      for (const m of clause.matchAll(TOKEN)) {
        const t = m[0];
        if (CLAUSE_END.test(t)) negated = false;
        else if (NEGATORS.has(t)) negated = true;
        else if (negated && /^\p{L}/u.test(t)) add(`neg:${t}`);
      }
    }
  }
  if (options.crossChars) {
    const [min, max] = options.crossChars;
    const weight = options.crossCharWeight ?? 0.3;
    const joined = ` ${tokens.join(" ")} `;
    for (let n = min; n <= max; n++) {
      for (let j = 0; j + n <= joined.length; j++) add(`x:${joined.slice(j, j + n)}`, weight);
    }
  }
  if (options.shape) {
    const raw = text.normalize("NFKC");
    if (/!/.test(raw)) add("s:excl");
    if (/\?/.test(raw)) add("s:quest");
    if (/[!?]{2,}/.test(raw)) add("s:multi");
    const caps = raw.match(/\b[\p{Lu}]{3,}\b/gu)?.length ?? 0;
    if (caps > 0) add("s:caps");
    if (/\p{Extended_Pictographic}/u.test(raw)) add("s:emoji");
    add(`s:len${Math.min(5, Math.floor(Math.log2(1 + tokens.length)))}`);
  }
  if (tokens.length === 0) add("empty");
  // log-scaled counts, then unit length, so long comments do not dominate.
  let norm = 0;
  for (const k of order) {
    const x = 1 + Math.log(values[k]!);
    values[k] = x;
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  const counts: SparseVector = new Map();
  for (const k of order) counts.set(k, values[k]! / norm);
  clear(values, seen, order);
  if (options.lexicon) {
    // Outside the normalisation: a strong cue counts as much in a long comment as in a short one.
    const lex = scoreLexicon(text, options.lexicon);
    const put = (name: string, value: number) => {
      if (value === 0) return;
      const i = hash(name) & mask;
      counts.set(i, (counts.get(i) ?? 0) + value);
    };
    put("lex:pos", Math.min(lex.positive, 6) / 3);
    put("lex:neg", Math.min(lex.negative, 6) / 3);
    put("lex:praise", Math.min(lex.praise, 3) / 2);
  }
  return counts;
}

/**
 * How X counts the length of a post, following twitter-text v3 (the configuration X has
 * used since 2018): the text is NFC-normalised; every URL counts as 23; an emoji
 * (including a whole ZWJ / skin-tone / flag / keycap sequence) counts as 2; any other
 * code point counts 1 when it lies in one of the weight-100 ranges (Latin, Greek,
 * Cyrillic, Hebrew, Arabic, Indic scripts… up to U+10FF, and some general punctuation)
 * and 2 otherwise (CJK, most symbols). The limit is 280.
 *
 * URL detection is a simplified version of twitter-text's extractor: `http(s)://…` links
 * and bare domains with a common top-level domain (`telekom.de/hilfe`, `www.x.com`).
 */

const SCALE = 100;
const DEFAULT_WEIGHT = 200;
const TRANSFORMED_URL_LENGTH = 23;
export const MAX_WEIGHTED_TWEET_LENGTH = 280;

const WEIGHT_100_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

/** Characters twitter-text refuses in a post (BOM, non-characters, directional overrides). */
const INVALID_CHARS = /[\uFFFE\uFEFF\uFFFF\u202A-\u202E]/u;

const TLDS =
  "com|de|net|org|info|io|co|eu|at|ch|uk|fr|it|es|nl|be|pl|me|tv|app|dev|ly|gl|gle|shop|online|biz|us|ru|jp|cn|in|br|au|ca|se|no|dk|fi|cz|tr|gov|edu";
const URL_PATTERN = new RegExp(
  [
    // with a protocol: everything up to whitespace
    String.raw`https?:\/\/[^\s<>"]+`,
    // without: domain labels ending in a known TLD, optional port and path
    String.raw`(?<![@\w.\-/])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:${TLDS})(?![a-z0-9\-])(?::\d{1,5})?(?:\/[^\s<>"]*)?`,
  ].join("|"),
  "giu",
);
/** Punctuation at the end of a URL is read as the end of the sentence, as twitter-text does. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"»”’…]+$/u;

const EMOJI_MARKS = /\p{Regional_Indicator}{2}|\p{Emoji_Presentation}|\uFE0F|\u20E3/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

// A grapheme is an emoji when it is a flag, has emoji presentation, carries the emoji
// variation selector or a keycap, or is a pictograph outside Latin-1. Plain © and ®
// (without U+FE0F) stay text, as in twitter-text's emoji pattern.
function isEmoji(grapheme: string): boolean {
  if (EMOJI_MARKS.test(grapheme)) return true;
  return grapheme.codePointAt(0)! > 0xff && PICTOGRAPH.test(grapheme);
}

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

export interface TextRange {
  start: number;
  end: number;
}

/** URL ranges in UTF-16 offsets of the (already normalised) text. */
export function extractUrlRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(TRAILING_PUNCTUATION, "");
    if (!raw) continue;
    ranges.push({ start: match.index, end: match.index + raw.length });
  }
  return ranges;
}

function codePointWeight(cp: number): number {
  for (const [start, end] of WEIGHT_100_RANGES) {
    if (cp >= start && cp <= end) return SCALE;
  }
  return DEFAULT_WEIGHT;
}

function weighSpan(span: string): number {
  let weight = 0;
  for (const { segment } of segmenter.segment(span)) {
    if (isEmoji(segment)) {
      weight += DEFAULT_WEIGHT;
      continue;
    }
    for (const ch of segment) weight += codePointWeight(ch.codePointAt(0)!);
  }
  return weight;
}

export interface ParsedTweet {
  /** The length X counts against the limit of 280. */
  weightedLength: number;
  /** Within the limit, not empty and free of characters X refuses. */
  valid: boolean;
  /** Share of the limit used, in thousandths (as twitter-text reports it). */
  permillage: number;
}

export function parseTweet(text: string): ParsedTweet {
  const normalized = text.normalize("NFC");
  let weight = 0;
  let cursor = 0;
  for (const url of extractUrlRanges(normalized)) {
    weight += weighSpan(normalized.slice(cursor, url.start));
    weight += TRANSFORMED_URL_LENGTH * SCALE;
    cursor = url.end;
  }
  weight += weighSpan(normalized.slice(cursor));
  const weightedLength = Math.floor(weight / SCALE);
  return {
    weightedLength,
    valid:
      weightedLength <= MAX_WEIGHTED_TWEET_LENGTH &&
      normalized.trim().length > 0 &&
      !INVALID_CHARS.test(normalized),
    permillage: Math.floor((weightedLength / MAX_WEIGHTED_TWEET_LENGTH) * 1000),
  };
}

export function xWeightedLength(text: string): number {
  return parseTweet(text).weightedLength;
}

/** True when X would accept the text as a post: not empty and at most 280 weighted. */
export function fitsInTweet(text: string): boolean {
  return parseTweet(text).valid;
}

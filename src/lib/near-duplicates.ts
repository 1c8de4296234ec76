/**
 * Groups near-identical short messages, such as a hundred customers reporting the same
 * outage in their own words. Each text becomes a set of character trigrams per word
 * (so word order does not matter); pairs at or above a Jaccard threshold are linked and
 * linked messages form a group. Small batches compare every pair; large ones find
 * candidate pairs with MinHash banding first. Deterministic: same input, same groups.
 */

export interface NearDuplicateItem {
  id: string;
  text: string;
}

export interface NearDuplicateGroup {
  /** Member ids in input order; the first one represents the group. */
  ids: string[];
  representativeId: string;
  /** Lowest similarity of a member to the representative. */
  minSimilarity: number;
}

export interface NearDuplicateOptions {
  /** Trigram Jaccard at or above which two messages are near-identical (default 0.5). */
  threshold?: number;
  /** Smallest group returned (default 2). */
  minGroupSize?: number;
  /** Above this many messages MinHash banding proposes the pairs (default 400). */
  exhaustiveUpTo?: number;
}

const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/g;
const MENTION = /@\w+/g;

/** Lower-cased words without accents, links, mentions, punctuation or repeated letters. */
export function normalizeWords(text: string): string[] {
  return text
    .replace(URL, " ")
    .replace(MENTION, " ")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/(.)\1{2,}/gu, "$1")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Character trigrams of each word, padded so short words count too ("in" → #in, in#). */
export function wordTrigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of normalizeWords(text)) {
    const padded = `#${word}#`;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
    if (padded.length < 3) out.add(padded);
  }
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Near-identical similarity of two texts, 0…1. */
export function textSimilarity(a: string, b: string): number {
  return jaccard(wordTrigrams(a), wordTrigrams(b));
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const BANDS = 32;
const ROWS = 2;
// Fixed seeds keep the grouping identical from run to run.
const SEEDS = Array.from({ length: BANDS * ROWS }, (_, i) => mix(i + 1, 0x9e3779b9));

function minHash(shingles: Set<string>): number[] {
  const base = [...shingles].map(fnv1a);
  return SEEDS.map((seed) => {
    let min = 0xffffffff;
    for (const x of base) {
      const h = mix(x, seed);
      if (h < min) min = h;
    }
    return min;
  });
}

function candidatePairs(sets: Set<string>[], exhaustiveUpTo: number): [number, number][] {
  const pairs: [number, number][] = [];
  if (sets.length <= exhaustiveUpTo) {
    for (let i = 0; i < sets.length; i++)
      for (let j = i + 1; j < sets.length; j++) pairs.push([i, j]);
    return pairs;
  }
  const seen = new Set<number>();
  const signatures = sets.map(minHash);
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((sig, i) => {
      if (sets[i]!.size === 0) return;
      const key = sig.slice(band * ROWS, band * ROWS + ROWS).join(",");
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    });
    for (const list of buckets.values()) {
      for (let a = 0; a < list.length; a++) {
        for (let b = a + 1; b < list.length; b++) {
          const i = list[a]!;
          const j = list[b]!;
          const key = i * sets.length + j;
          if (seen.has(key)) continue;
          seen.add(key);
          pairs.push([i, j]);
        }
      }
    }
  }
  return pairs;
}

export function groupNearDuplicates(
  items: NearDuplicateItem[],
  opts: NearDuplicateOptions = {},
): NearDuplicateGroup[] {
  const threshold = opts.threshold ?? 0.5;
  const minSize = opts.minGroupSize ?? 2;
  const sets = items.map((i) => wordTrigrams(i.text));
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const [i, j] of candidatePairs(sets, opts.exhaustiveUpTo ?? 400)) {
    if (sets[i]!.size === 0 || sets[j]!.size === 0) continue;
    if (jaccard(sets[i]!, sets[j]!) < threshold) continue;
    const a = find(i);
    const b = find(j);
    // The lower index becomes the root: the earliest message represents the group.
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const members = new Map<number, number[]>();
  items.forEach((_, i) => {
    const root = find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  });
  const groups: NearDuplicateGroup[] = [];
  for (const [root, list] of [...members.entries()].sort((x, y) => x[0] - y[0])) {
    if (list.length < minSize) continue;
    const rep = sets[root]!;
    groups.push({
      ids: list.map((i) => items[i]!.id),
      representativeId: items[root]!.id,
      minSimilarity: Math.min(...list.map((i) => jaccard(rep, sets[i]!))),
    });
  }
  return groups;
}

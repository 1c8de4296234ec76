/**
 * Pure ranking behind the community's similar-question search: BM25F over a question's
 * title and body (each with its own length normalisation), with inverse document
 * frequencies from the whole workspace. The database finds candidates and hands over
 * their lexemes (PostgreSQL `tsvector` text, title words weighted A, body words B); the
 * score is computed here so that it is the same on PGlite and PostgreSQL and can be
 * unit-tested.
 */

/** How often each lexeme occurs in one field of a text. */
export type TermCounts = Map<string, number>;

export interface FieldedText {
  title: TermCounts;
  body: TermCounts;
  /** Lexemes in the title / body, repeats counted. */
  titleLength: number;
  bodyLength: number;
}

/** What the ranking knows about the whole collection (a workspace's visible questions). */
export interface CollectionStats {
  documents: number;
  averageTitleLength: number;
  averageBodyLength: number;
  /** In how many documents a lexeme occurs (0 or missing: unknown, treated as 1). */
  documentFrequency: ReadonlyMap<string, number>;
}

export interface SimilarityParams {
  /** Term-frequency saturation. */
  k1: number;
  /** Weight of a title occurrence relative to a body occurrence. */
  titleWeight: number;
  bodyWeight: number;
  /** Length normalisation per field (0 = none, 1 = full). */
  titleB: number;
  bodyB: number;
  /** How much a word of the query's title counts relative to a word of its body. */
  queryTitleWeight: number;
  queryBodyWeight: number;
}

/**
 * Chosen on SemEval-2016 dev (see docs/community.md) and confirmed on train-part2: titles
 * count about twice as much as bodies on both sides; bodies are normalised for length
 * more strongly than the short titles.
 */
export const DEFAULT_SIMILARITY: SimilarityParams = {
  k1: 1.2,
  titleWeight: 2,
  bodyWeight: 1,
  titleB: 0.3,
  bodyB: 0.75,
  queryTitleWeight: 2,
  queryBodyWeight: 1,
};

const WEIGHT_FIELD: Record<string, "title" | "body"> = { A: "title", B: "body" };

/**
 * Reads PostgreSQL's text form of a tsvector (`'word':1A,4B 'other':2B`). Positions with
 * weight A count for the title, all others for the body; a lexeme without positions
 * (a stripped vector) counts once in the body.
 */
export function parseTsvector(text: string): FieldedText {
  const out: FieldedText = { title: new Map(), body: new Map(), titleLength: 0, bodyLength: 0 };
  const entry = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g;
  for (const m of text.matchAll(entry)) {
    const lexeme = m[1]!.replace(/''/g, "'").replace(/\\(.)/g, "$1");
    const positions = m[2] ? m[2].split(",") : [""];
    for (const p of positions) {
      const field = WEIGHT_FIELD[p.at(-1) ?? ""] ?? "body";
      const counts = out[field];
      counts.set(lexeme, (counts.get(lexeme) ?? 0) + 1);
      if (field === "title") out.titleLength += 1;
      else out.bodyLength += 1;
    }
  }
  return out;
}

/** Robertson–Spärck Jones IDF, kept positive for words in over half the documents. */
export function inverseDocumentFrequency(documents: number, frequency: number): number {
  const n = Math.max(documents, 1);
  const df = Math.min(Math.max(frequency, 1), n);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** The query's lexemes with how much each counts (title words more than body words). */
export function queryTermWeights(
  query: FieldedText,
  params: SimilarityParams = DEFAULT_SIMILARITY,
): Map<string, number> {
  const weights = new Map<string, number>();
  for (const lexeme of query.title.keys())
    weights.set(lexeme, (weights.get(lexeme) ?? 0) + params.queryTitleWeight);
  for (const lexeme of query.body.keys())
    weights.set(lexeme, (weights.get(lexeme) ?? 0) + params.queryBodyWeight);
  return weights;
}

/** BM25F score of one candidate for the weighted query terms. */
export function bm25f(
  terms: ReadonlyMap<string, number>,
  doc: FieldedText,
  stats: CollectionStats,
  params: SimilarityParams = DEFAULT_SIMILARITY,
): number {
  const titleNorm =
    1 - params.titleB + (params.titleB * doc.titleLength) / Math.max(stats.averageTitleLength, 1);
  const bodyNorm =
    1 - params.bodyB + (params.bodyB * doc.bodyLength) / Math.max(stats.averageBodyLength, 1);
  let score = 0;
  for (const [lexeme, weight] of terms) {
    const tf =
      (params.titleWeight * (doc.title.get(lexeme) ?? 0)) / titleNorm +
      (params.bodyWeight * (doc.body.get(lexeme) ?? 0)) / bodyNorm;
    if (tf === 0) continue;
    const idf = inverseDocumentFrequency(
      stats.documents,
      stats.documentFrequency.get(lexeme) ?? 1,
    );
    score += weight * idf * (tf / (params.k1 + tf));
  }
  return score;
}

export interface Ranked<T> {
  item: T;
  score: number;
}

/**
 * Ranks candidates for a query, best first; ties keep the candidates' given order.
 * Candidates without a shared lexeme score 0 and stay in the list (the caller decides).
 */
export function rankBySimilarity<T extends { text: FieldedText }>(
  query: FieldedText,
  candidates: readonly T[],
  stats: CollectionStats,
  params: SimilarityParams = DEFAULT_SIMILARITY,
): Ranked<T>[] {
  const terms = queryTermWeights(query, params);
  return candidates
    .map((item, i) => ({ item, score: bm25f(terms, item.text, stats, params), i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ item, score }) => ({ item, score }));
}

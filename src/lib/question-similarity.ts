/**
 * Pure ranking behind the community's similar-question search: BM25F over a question's
 * title and body (each with its own length normalisation), with inverse document
 * frequencies from the whole workspace, plus a small BM25 term for the question's
 * answers. The database finds candidates and hands over their lexemes (PostgreSQL
 * `tsvector` text, title words weighted A, body words B); the score is computed here so
 * that it is the same on PGlite and PostgreSQL and can be unit-tested.
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
  /** Average distinct lexemes in a question's answers (0 when unknown). */
  averageAnswersLength: number;
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
  /** Added times the titles' trigram similarity (0–1): near-identical titles, typos. */
  titleSimilarityWeight: number;
  /**
   * Added times a separate BM25 score of the candidate's answers (all of them as one
   * text): what the thread turned out to be about. Small, since answers wander off topic.
   */
  answersWeight: number;
  /** Length normalisation of the answers (0 = none, 1 = full). */
  answersB: number;
}

/**
 * Chosen on SemEval-2016 dev (see docs/community.md), then checked on train-part2: a
 * title occurrence counts twice a body occurrence, both fields are normalised for length
 * (bodies fully), and term frequencies saturate slowly (k1 = 2); the answers add a fifth
 * of their own BM25 score, half normalised for length.
 */
export const DEFAULT_SIMILARITY: SimilarityParams = {
  k1: 2,
  titleWeight: 2,
  bodyWeight: 1,
  titleB: 0.75,
  bodyB: 1,
  queryTitleWeight: 1,
  queryBodyWeight: 1,
  titleSimilarityWeight: 0.5,
  answersWeight: 0.2,
  answersB: 0.5,
};

/**
 * Reads PostgreSQL's text form of a tsvector (`'word':1A,4B 'other':2B`). Positions with
 * weight A count for the title, all others for the body; a lexeme without positions
 * (a stripped vector) counts once in the body.
 */
export function parseTsvector(text: string): FieldedText {
  const out: FieldedText = { title: new Map(), body: new Map(), titleLength: 0, bodyLength: 0 };
  const entry = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g;
  // Hot: every search reads a few hundred candidates' vectors. Unescaping only when there
  // is something to unescape, and counting positions without splitting them, halves it.
  for (const m of text.matchAll(entry)) {
    const raw = m[1]!;
    const lexeme =
      raw.includes("'") || raw.includes("\\")
        ? raw.replace(/''/g, "'").replace(/\\(.)/g, "$1")
        : raw;
    const positions = m[2];
    let title = 0;
    let body = 0;
    if (!positions) body = 1;
    else {
      // `1A,5B,7`: each position's last character is its weight (none: D); A is the title.
      for (let i = 1; i <= positions.length; i++) {
        if (i === positions.length || positions.charCodeAt(i) === COMMA) {
          if (positions.charCodeAt(i - 1) === WEIGHT_A) title++;
          else body++;
        }
      }
    }
    if (title > 0) {
      out.title.set(lexeme, (out.title.get(lexeme) ?? 0) + title);
      out.titleLength += title;
    }
    if (body > 0) {
      out.body.set(lexeme, (out.body.get(lexeme) ?? 0) + body);
      out.bodyLength += body;
    }
  }
  return out;
}

const COMMA = 44;
const WEIGHT_A = 65;

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
    // Counted only where the lexeme occurs: an empty field with full length
    // normalisation has a norm of 0.
    const inTitle = doc.title.get(lexeme) ?? 0;
    const inBody = doc.body.get(lexeme) ?? 0;
    const tf =
      (inTitle ? (params.titleWeight * inTitle) / titleNorm : 0) +
      (inBody ? (params.bodyWeight * inBody) / bodyNorm : 0);
    if (tf === 0) continue;
    const idf = inverseDocumentFrequency(stats.documents, stats.documentFrequency.get(lexeme) ?? 1);
    score += weight * idf * (tf / (params.k1 + tf));
  }
  return score;
}

/** A candidate's answers as one text: occurrences of (at least) the query's lexemes. */
export interface AnswerTerms {
  counts: TermCounts;
  /** Distinct lexemes in all the answers (PostgreSQL's `length(tsvector)`). */
  length: number;
}

/** BM25 of one candidate's answers for the weighted query terms. */
export function answersBm25(
  terms: ReadonlyMap<string, number>,
  answers: AnswerTerms,
  stats: CollectionStats,
  params: SimilarityParams = DEFAULT_SIMILARITY,
): number {
  if (answers.length === 0) return 0;
  const norm =
    1 -
    params.answersB +
    (params.answersB * answers.length) / Math.max(stats.averageAnswersLength, 1);
  let score = 0;
  for (const [lexeme, weight] of terms) {
    const count = answers.counts.get(lexeme);
    if (!count) continue;
    const tf = count / norm;
    const idf = inverseDocumentFrequency(stats.documents, stats.documentFrequency.get(lexeme) ?? 1);
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
 * Candidates without a shared lexeme score only by title similarity (the caller decides
 * whether to keep them). `answers` (the lexemes of a candidate's answers) is optional:
 * the caller may add it for a shortlist only and rank that again.
 */
export function rankBySimilarity<
  T extends { text: FieldedText; titleSimilarity?: number; answers?: AnswerTerms },
>(
  query: FieldedText,
  candidates: readonly T[],
  stats: CollectionStats,
  params: SimilarityParams = DEFAULT_SIMILARITY,
): Ranked<T>[] {
  const terms = queryTermWeights(query, params);
  return candidates
    .map((item, i) => ({
      item,
      score:
        bm25f(terms, item.text, stats, params) +
        params.titleSimilarityWeight * (item.titleSimilarity ?? 0) +
        (item.answers ? params.answersWeight * answersBm25(terms, item.answers, stats, params) : 0),
      i,
    }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ item, score }) => ({ item, score }));
}

export interface CandidateWords {
  /** Lexemes to look candidates up by, rarest first. */
  lexemes: string[];
  /** Whether a candidate needs all of them (every word is common) or any. */
  all: boolean;
}

/**
 * Which of the query's lexemes find candidates: the rarest (at most `max`) while their
 * documents add up to no more than `budget`. Common words would make the candidate set
 * most of the workspace; they still count in the ranking. When even the rarest word is
 * common, candidates need the rarest words together: as many as it takes for the
 * expected overlap (words taken as independent) to fall within the budget.
 */
export function candidateWords(
  frequencies: ReadonlyMap<string, number>,
  documents: number,
  max = 8,
  budget = 5000,
): CandidateWords {
  const sorted = [...frequencies].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const first = sorted[0];
  if (first && first[1] > budget && sorted.length > 1) {
    const lexemes: string[] = [];
    let expected = Math.max(documents, 1);
    for (const [lexeme, df] of sorted) {
      if (lexemes.length >= max || (lexemes.length >= 2 && expected <= budget)) break;
      lexemes.push(lexeme);
      expected *= Math.min(df / Math.max(documents, 1), 1);
    }
    return { lexemes, all: true };
  }
  const lexemes: string[] = [];
  let postings = 0;
  for (const [lexeme, df] of sorted) {
    if (lexemes.length >= max || (lexemes.length > 0 && postings + df > budget)) break;
    lexemes.push(lexeme);
    postings += df;
  }
  return { lexemes, all: false };
}

/** `to_tsquery('simple', …)` input for lexemes (quoted, so nothing is parsed as syntax). */
export function lexemeQuery({ lexemes, all }: CandidateWords): string {
  return lexemes
    .map((l) => `'${l.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`)
    .join(all ? " & " : " | ");
}

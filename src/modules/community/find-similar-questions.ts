import {
  type CollectionStats,
  candidateWords,
  DEFAULT_SIMILARITY,
  lexemeQuery,
  parseTsvector,
  rankBySimilarity,
  type SimilarityParams,
} from "../../lib/question-similarity.ts";
import { detectSearchConfig, type SearchConfig } from "../../lib/search-text.ts";
import type { Services } from "../../server/services.ts";
import { questionPath } from "./community.presenter.ts";
import type { QueryLexemes } from "./search.repository.ts";

export interface SimilarInput {
  workspaceId: string;
  title: string;
  body?: string | undefined;
  limit: number;
  /** Only rank these questions (evaluation: "which of these is closest?"). */
  restrictTo?: string[];
  /** Leave this question out (the one being viewed). */
  excludeId?: string;
  params?: SimilarityParams;
  fallbackConfig?: SearchConfig;
}

export interface SimilarQuestion {
  id: string;
  number: number;
  externalId: string | null;
  title: string;
  url: string;
  score: number;
  solved: boolean;
}

/** Candidates that get the full score; bounds the work per query. */
const CANDIDATES = 250;
/**
 * The best this many (at least the requested number) by title and body are ranked again
 * with their answers; the answers' term is small, so lower ones would hardly move up.
 */
const SHORTLIST = 30;
/** The rarest query words that look candidates up, and how many postings they may add up to. */
const CANDIDATE_WORDS = 8;
const CANDIDATE_POSTINGS = 5000;
/**
 * Up to this many questions, similar titles (pg_trgm) also find candidates, rescuing
 * typos, and the word counts are recounted often; beyond, the trigram lookup costs more
 * than the whole text search (PGlite, 10,000 questions: p50 260 ms with it).
 */
const SMALL_WORKSPACE = 2_000;
/** How old the word counts may get before a search recounts them in the background. */
const STATS_MAX_AGE_MS = { small: 30_000, large: 15 * 60_000 };

/**
 * Questions like the one being asked, best first. The query's rarest words find up to
 * 250 candidates in `community_question_search` (common words would match most of the
 * workspace); BM25F over titles and bodies, with the workspace's word counts, ranks them
 * (lib/question-similarity.ts), plus a small term for similar titles; the best 30 are
 * ranked again with a small term for their answers.
 */
export async function findSimilarQuestions(
  services: Services,
  input: SimilarInput,
): Promise<SimilarQuestion[]> {
  const search = services.community.search;
  const body = input.body ?? "";
  const config = detectSearchConfig(`${input.title}\n${body}`, input.fallbackConfig ?? "simple");
  let query = await search.queryLexemes(input.workspaceId, config, input.title, body);
  if (!query.refreshedAt) {
    await search.refreshStats(input.workspaceId);
    query = await search.queryLexemes(input.workspaceId, config, input.title, body);
  } else {
    const small = query.documents <= SMALL_WORKSPACE;
    const maxAge = small ? STATS_MAX_AGE_MS.small : STATS_MAX_AGE_MS.large;
    if (Date.now() - query.refreshedAt.getTime() > maxAge)
      search.refreshStats(input.workspaceId).catch((err) => {
        services.log.warn({ err }, "recounting similar-question statistics failed");
      });
  }
  const candidates = input.restrictTo
    ? await search.restrictedCandidates(input.restrictTo, input.title)
    : await search.candidates({
        workspaceId: input.workspaceId,
        match: lexemeQuery(
          candidateWords(query.frequencies, query.documents, CANDIDATE_WORDS, CANDIDATE_POSTINGS),
        ),
        title: input.title,
        limit: CANDIDATES,
        titles: query.documents <= SMALL_WORKSPACE,
        ...(input.excludeId ? { excludeId: input.excludeId } : {}),
      });
  const params = input.params ?? DEFAULT_SIMILARITY;
  const queryText = parseTsvector(query.vector);
  const stats = statsOf(query);
  const shortlist = rankBySimilarity(
    queryText,
    candidates.map((c) => ({ ...c, text: parseTsvector(c.vector) })),
    stats,
    params,
  )
    .slice(0, Math.max(SHORTLIST, input.limit))
    .map((r) => r.item);
  const answers =
    params.answersWeight > 0
      ? await search.answerLexemes(
          shortlist.map((c) => c.id),
          [...query.frequencies.keys()],
        )
      : new Map();
  const ranked = rankBySimilarity(
    queryText,
    shortlist.map((c) => {
      const a = answers.get(c.id);
      return a ? { ...c, answers: a } : c;
    }),
    stats,
    params,
  )
    .filter((r) => r.score > 0)
    .slice(0, input.limit);
  const summaries = await search.summaries(ranked.map((r) => r.item.id));
  return ranked.flatMap(({ item, score }) => {
    const q = summaries.get(item.id);
    if (!q) return [];
    return [
      {
        id: q.id,
        number: q.number,
        externalId: q.externalId,
        title: q.title,
        url: questionPath(q),
        score,
        solved: q.status === "solved",
      },
    ];
  });
}

function statsOf(query: QueryLexemes): CollectionStats {
  return {
    documents: query.documents,
    averageTitleLength: query.averageTitleLength,
    averageBodyLength: query.averageBodyLength,
    averageAnswersLength: query.averageAnswersLength,
    documentFrequency: query.frequencies,
  };
}

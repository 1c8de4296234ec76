import {
  detectSearchConfig,
  orQuery,
  queryWords,
  type SearchConfig,
} from "../../lib/search-text.ts";
import type { Services } from "../../server/services.ts";
import { questionPath } from "./community.presenter.ts";
import type { SimilarityWeights } from "./search.repository.ts";

export interface SimilarInput {
  workspaceId: string;
  title: string;
  body?: string | undefined;
  limit: number;
  restrictTo?: string[];
  excludeId?: string;
  weights?: SimilarityWeights;
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

/**
 * Questions like the one being asked, best first: PostgreSQL full text in the text's
 * language (German, English, or `simple`), combined with trigram similarity of titles.
 * The query is the title and body together; in the stored questions title words weigh
 * more than body words (tsvector weights A and B).
 */
export async function findSimilarQuestions(
  services: Services,
  input: SimilarInput,
): Promise<SimilarQuestion[]> {
  const text = `${input.title}\n${input.body ?? ""}`;
  const config = detectSearchConfig(text, input.fallbackConfig ?? "simple");
  const words = queryWords(`${input.title} ${input.body ?? ""}`);
  const rows = await services.community.search.similar({
    workspaceId: input.workspaceId,
    config,
    tsquery: orQuery(words),
    title: input.title,
    limit: input.limit,
    ...(input.restrictTo ? { restrictTo: input.restrictTo } : {}),
    ...(input.excludeId ? { excludeId: input.excludeId } : {}),
    ...(input.weights ? { weights: input.weights } : {}),
  });
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    externalId: r.externalId,
    title: r.title,
    url: questionPath(r),
    score: r.score,
    solved: r.status === "solved",
  }));
}

import { detectSearchConfig, orQuery, queryWords } from "../../lib/search-text.ts";
import type { Services } from "../../server/services.ts";
import { findSimilarQuestions } from "../community/find-similar-questions.ts";
import { articlePath } from "./kb.presenter.ts";

export interface Suggestions {
  query: string;
  articles: {
    id: string;
    title: string;
    summary: string;
    language: "de" | "en";
    url: string;
    score: number;
  }[];
  questions: { id: string; title: string; url: string; score: number }[];
}

/**
 * The best-matching public articles and solved community questions for a text (an
 * inbound message, a new question, a search), each with its score. Questions come from
 * the community's similar-question engine; articles are scored the same way.
 */
export async function findSuggestions(
  services: Services,
  input: {
    workspaceId: string;
    text: string;
    limit: number;
    fallbackLanguage?: "de" | "en";
    excludeQuestionId?: string;
    publicOnly?: boolean;
  },
): Promise<Suggestions> {
  const text = input.text.trim();
  if (!text) return { query: "", articles: [], questions: [] };
  // The first line acts as the title (trigram term), like a question's title.
  const title = text.split("\n")[0]!.slice(0, 300);
  const fallback = input.fallbackLanguage === "en" ? "english" : "german";
  const [articles, similar] = await Promise.all([
    findArticles(services, {
      workspaceId: input.workspaceId,
      text,
      limit: input.limit,
      publicOnly: input.publicOnly ?? true,
    }),
    findSimilarQuestions(services, {
      workspaceId: input.workspaceId,
      title,
      body: text.length > title.length ? text : undefined,
      // Solved questions are the useful ones; ask for more and keep those.
      limit: input.limit * 4,
      fallbackConfig: detectSearchConfig(text, fallback),
      ...(input.excludeQuestionId ? { excludeId: input.excludeQuestionId } : {}),
    }),
  ]);
  const base = services.config.publicUrl;
  return {
    query: text,
    articles,
    questions: similar
      .filter((q) => q.solved)
      .slice(0, input.limit)
      .map((q) => ({ id: q.id, title: q.title, url: `${base}${q.url}`, score: q.score })),
  };
}

/** Public articles for a text, best first, with absolute URLs and scores. */
export async function findArticles(
  services: Services,
  input: { workspaceId: string; text: string; limit: number; publicOnly?: boolean },
): Promise<Suggestions["articles"]> {
  const text = input.text.trim();
  if (!text) return [];
  const rows = await services.kb.searchArticles({
    workspaceId: input.workspaceId,
    tsquery: orQuery(queryWords(text)),
    title: text.split("\n")[0]!.slice(0, 300),
    limit: input.limit,
    publicOnly: input.publicOnly ?? true,
  });
  return rows.map((a) => ({
    id: a.id,
    title: a.title,
    summary: a.summary,
    language: a.language,
    url: `${services.config.publicUrl}${articlePath(a)}`,
    score: a.score,
  }));
}

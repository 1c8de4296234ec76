import { api } from "./client.ts";

/** The knowledge-base API, typed for the console. */

export interface SuggestedArticle {
  id: string;
  title: string;
  summary: string;
  language: "de" | "en";
  url: string;
  score: number;
}

export interface Suggestions {
  query: string;
  articles: SuggestedArticle[];
  questions: { id: string; title: string; url: string; score: number }[];
}

export interface ShortLink {
  code: string;
  url: string;
  articleId: string;
  conversationId: string | null;
  clicks: number;
}

export const kbApi = {
  conversationSuggestions: (conversationId: string, signal?: AbortSignal) =>
    api.get<Suggestions>(`/api/v1/conversations/${conversationId}/suggestions`, {
      query: { limit: 3 },
      signal,
    }),
  shortLink: (articleId: string, conversationId: string) =>
    api.post<ShortLink>("/api/v1/kb/short-links", { articleId, conversationId }),
};

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

export type ArticleStatus = "draft" | "review" | "published" | "archived";

export interface ArticleSummary {
  id: string;
  number: number;
  title: string;
  summary: string;
  url: string;
  language: "de" | "en";
  status: ArticleStatus;
  public: boolean;
  publishAt: string | null;
  viewCount: number;
  helpfulYes: number;
  helpfulNo: number;
  updatedAt: string;
}

export interface Article extends ArticleSummary {
  slug: string;
  body: string;
  tags: string[];
  faq: boolean;
  category: { slug: string; nameDe: string; nameEn: string } | null;
  revision: number;
  successor: { id: string; title: string; url: string } | null;
  translations: { id: string; language: "de" | "en"; title: string; url: string }[];
}

export interface Revision {
  number: number;
  author: { id: string; name: string } | null;
  createdAt: string;
  title: string;
  restoredFrom: number | null;
  diff?: string;
}

export interface ArticleInput {
  title: string;
  summary: string;
  body: string;
  language: "de" | "en";
  category: string | null;
  tags: string[];
  faq: boolean;
}

export interface Attention {
  articles: {
    id: string;
    title: string;
    url: string;
    helpfulYes: number;
    helpfulNo: number;
    failedSearchViews: number;
    reasons: ("low_helpfulness" | "failed_searches")[];
  }[];
  failedQueries: { query: string; searches: number }[];
}

const articles = "/api/v1/kb/articles";

export const kbAdminApi = {
  list: () => api.get<{ items: ArticleSummary[] }>(articles, { query: { limit: 100 } }),
  get: (id: string) => api.get<Article>(`${articles}/${id}`),
  categories: () =>
    api.get<{ items: { slug: string; nameDe: string; nameEn: string }[] }>("/api/v1/kb/categories"),
  create: (input: ArticleInput) => api.post<Article>(articles, input),
  update: (id: string, input: Partial<ArticleInput>) =>
    api.patch<Article>(`${articles}/${id}`, input),
  setStatus: (id: string, body: { status: ArticleStatus; publishAt?: string | null }) =>
    api.post<Article>(`${articles}/${id}/status`, body),
  revisions: (id: string) => api.get<{ items: Revision[] }>(`${articles}/${id}/revisions`),
  restore: (id: string, number: number) =>
    api.post<Article>(`${articles}/${id}/revisions/${number}/restore`),
  attention: () => api.get<Attention>("/api/v1/kb/attention"),
};

import { z } from "zod";

const ZLanguage = z.enum(["de", "en"], { error: "must be de or en" });
const ZStatus = z.enum(["draft", "review", "published", "archived"], {
  error: "must be draft, review, published or archived",
});
const ZTags = z.array(z.string().trim().min(1).max(40)).max(10, "at most 10 tags");
const ZSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case letters, digits and dashes")
  .max(80);

export const ZIdParams = z.object({ id: z.uuid({ error: "must be an id" }) });

export const ZCreateCategoryRequest = z.object({
  slug: ZSlug,
  nameDe: z.string().trim().min(1, "is required").max(100),
  nameEn: z.string().trim().min(1, "is required").max(100),
  position: z.number().int().min(0).default(0),
});
export type TCreateCategoryRequest = z.infer<typeof ZCreateCategoryRequest>;

export const ZCategory = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    nameDe: z.string(),
    nameEn: z.string(),
    position: z.number(),
  })
  .meta({ id: "KbCategory" });

export const ZCreateArticleRequest = z.object({
  title: z.string({ error: "is required" }).trim().min(3, "needs 3 characters or more").max(200),
  body: z.string({ error: "is required" }).trim().min(1, "is required").max(100_000),
  summary: z.string().trim().max(300).default(""),
  language: ZLanguage,
  /** Category slug. */
  category: z.string().trim().max(80).nullish(),
  tags: ZTags.default([]),
  slug: ZSlug.optional(),
  faq: z.boolean().default(false),
  /** Another article this one translates: they become language versions of each other. */
  translationOf: z.uuid({ error: "must be an article id" }).optional(),
});
export type TCreateArticleRequest = z.infer<typeof ZCreateArticleRequest>;

export const ZUpdateArticleRequest = z.object({
  title: z.string().trim().min(3, "needs 3 characters or more").max(200).optional(),
  body: z.string().trim().min(1, "must not be empty").max(100_000).optional(),
  summary: z.string().trim().max(300).optional(),
  category: z.string().trim().max(80).nullish(),
  tags: ZTags.optional(),
  slug: ZSlug.optional(),
  faq: z.boolean().optional(),
});
export type TUpdateArticleRequest = z.infer<typeof ZUpdateArticleRequest>;

export const ZChangeStatusRequest = z.object({
  status: ZStatus,
  /** With `published`: go public at this time (scheduled publishing). */
  publishAt: z.iso.datetime({ offset: true, error: "must be an ISO date-time" }).nullish(),
  /** With `archived`: the article readers are sent to instead. */
  successorId: z.uuid({ error: "must be an article id" }).nullish(),
});
export type TChangeStatusRequest = z.infer<typeof ZChangeStatusRequest>;

export const ZListArticlesQuery = z.object({
  status: ZStatus.optional(),
  category: z.string().max(80).optional(),
  language: ZLanguage.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const ZArticleRef = z.object({ id: z.uuid(), title: z.string(), url: z.string() });

export const ZArticle = z
  .object({
    id: z.uuid(),
    number: z.number(),
    slug: z.string(),
    url: z.string(),
    oldSlugs: z.array(z.string()),
    language: ZLanguage,
    translationGroup: z.uuid(),
    title: z.string(),
    summary: z.string(),
    body: z.string(),
    bodyHtml: z.string(),
    category: ZCategory.nullable(),
    tags: z.array(z.string()),
    faq: z.boolean(),
    status: ZStatus,
    public: z.boolean(),
    publishAt: z.string().nullable(),
    archivedAt: z.string().nullable(),
    successor: ZArticleRef.nullable(),
    translations: z.array(ZArticleRef.extend({ language: ZLanguage })),
    promotedFromAnswerId: z.uuid().nullable(),
    promotedFromQuestionId: z.uuid().nullable(),
    revision: z.number(),
    viewCount: z.number(),
    helpfulYes: z.number(),
    helpfulNo: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "KbArticle" });

export const ZArticleSummary = z
  .object({
    id: z.uuid(),
    number: z.number(),
    title: z.string(),
    summary: z.string(),
    url: z.string(),
    language: ZLanguage,
    status: ZStatus,
    public: z.boolean(),
    publishAt: z.string().nullable(),
    viewCount: z.number(),
    helpfulYes: z.number(),
    helpfulNo: z.number(),
    updatedAt: z.string(),
  })
  .meta({ id: "KbArticleSummary" });

export const ZRevision = z
  .object({
    number: z.number(),
    author: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    createdAt: z.string(),
    title: z.string(),
    summary: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    restoredFrom: z.number().nullable(),
    /** Line diff against the revision before (`+`, `-` or space per line). */
    diff: z.string().optional(),
  })
  .meta({ id: "KbRevision" });

export const ZRevisionParams = z.object({
  id: z.uuid({ error: "must be an id" }),
  number: z.coerce.number().int().min(1),
});

export const ZFeedbackRequest = z.object({
  helpful: z.boolean({ error: "must be true or false" }),
  reason: z.string().trim().max(1000).nullish(),
});
export type TFeedbackRequest = z.infer<typeof ZFeedbackRequest>;

export const ZPromoteRequest = z.object({
  answerId: z.uuid({ error: "must be an answer id" }),
  /** Publish at once (moderators and admins); otherwise the article starts as a draft. */
  publish: z.boolean().default(false),
});

export const ZShortLinkRequest = z.object({
  articleId: z.uuid({ error: "must be an article id" }),
  conversationId: z.uuid({ error: "must be a conversation id" }).optional(),
});

export const ZShortLink = z
  .object({
    code: z.string(),
    url: z.string(),
    articleId: z.uuid(),
    conversationId: z.uuid().nullable(),
    clicks: z.number(),
  })
  .meta({ id: "KbShortLink" });

export const ZSuggestedArticle = z
  .object({
    id: z.uuid(),
    title: z.string(),
    summary: z.string(),
    language: ZLanguage,
    url: z.string(),
    score: z.number(),
  })
  .meta({ id: "SuggestedArticle" });

export const ZSuggestedQuestion = z
  .object({ id: z.uuid(), title: z.string(), url: z.string(), score: z.number() })
  .meta({ id: "SuggestedQuestion" });

export const ZSuggestions = z
  .object({
    query: z.string(),
    articles: z.array(ZSuggestedArticle),
    questions: z.array(ZSuggestedQuestion),
  })
  .meta({ id: "KbSuggestions" });

export const ZSuggestionsQuery = z.object({
  q: z.string({ error: "is required" }).trim().min(1, "is required").max(2000),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const ZDeflectionQuery = z.object({
  from: z.iso.datetime({ offset: true, error: "must be an ISO date-time" }).optional(),
  to: z.iso.datetime({ offset: true, error: "must be an ISO date-time" }).optional(),
});

export const ZDeflection = z
  .object({
    from: z.string(),
    to: z.string(),
    conversationsSolved: z.number(),
    conversationsSolvedWithLink: z.number(),
    conversationDeflectionRate: z.number().nullable(),
    questionsClosed: z.number(),
    questionsClosedByArticle: z.number(),
    questionDeflectionRate: z.number().nullable(),
    shortLinkClicks: z.number(),
  })
  .meta({ id: "KbDeflection" });

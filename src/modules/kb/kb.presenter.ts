import type {
  KbArticleRow,
  KbCategoryRow,
  KbRevisionRow,
  KbShortLinkRow,
} from "../../db/schema/index.ts";
import { isPublic } from "./kb.policy.ts";

/** Permalink path of an article: /help/<number>-<slug>. */
export const articlePath = (a: Pick<KbArticleRow, "number" | "slug">) =>
  `/help/${a.number}-${a.slug}`;
export const categoryPath = (c: Pick<KbCategoryRow, "slug">) =>
  `/help/c/${encodeURIComponent(c.slug)}`;
export const shortLinkPath = (l: Pick<KbShortLinkRow, "code">) => `/s/${l.code}`;

interface Refs {
  category?: KbCategoryRow | null | undefined;
  translations?: KbArticleRow[];
  successor?: KbArticleRow | null | undefined;
}

export function presentCategory(c: KbCategoryRow) {
  return { id: c.id, slug: c.slug, nameDe: c.nameDe, nameEn: c.nameEn, position: c.position };
}

export function presentArticle(a: KbArticleRow, refs: Refs = {}) {
  return {
    id: a.id,
    number: a.number,
    slug: a.slug,
    url: articlePath(a),
    oldSlugs: a.oldSlugs,
    language: a.language,
    translationGroup: a.translationGroup,
    title: a.title,
    summary: a.summary,
    body: a.body,
    bodyHtml: a.bodyHtml,
    category: refs.category ? presentCategory(refs.category) : null,
    tags: a.tags,
    faq: a.faq,
    status: a.status,
    public: isPublic(a),
    publishAt: a.publishAt?.toISOString() ?? null,
    archivedAt: a.archivedAt?.toISOString() ?? null,
    successor: refs.successor
      ? { id: refs.successor.id, title: refs.successor.title, url: articlePath(refs.successor) }
      : null,
    translations: (refs.translations ?? [])
      .filter((t) => t.id !== a.id)
      .map((t) => ({ id: t.id, language: t.language, title: t.title, url: articlePath(t) })),
    promotedFromAnswerId: a.promotedFromAnswerId,
    promotedFromQuestionId: a.promotedFromQuestionId,
    revision: a.revisionCount,
    viewCount: a.viewCount,
    helpfulYes: a.helpfulYes,
    helpfulNo: a.helpfulNo,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function presentArticleSummary(a: KbArticleRow) {
  return {
    id: a.id,
    number: a.number,
    title: a.title,
    summary: a.summary,
    url: articlePath(a),
    language: a.language,
    status: a.status,
    public: isPublic(a),
    publishAt: a.publishAt?.toISOString() ?? null,
    viewCount: a.viewCount,
    helpfulYes: a.helpfulYes,
    helpfulNo: a.helpfulNo,
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function presentRevision(
  r: KbRevisionRow,
  author: { id: string; name: string } | undefined,
  diff?: string,
) {
  return {
    number: r.number,
    author: author ? { id: author.id, name: author.name } : null,
    createdAt: r.createdAt.toISOString(),
    title: r.title,
    summary: r.summary,
    body: r.body,
    tags: r.tags,
    restoredFrom: r.restoredFrom,
    ...(diff !== undefined ? { diff } : {}),
  };
}

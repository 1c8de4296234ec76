import type { KbArticleRow, UserRow } from "../../db/schema/index.ts";
import { conflict, invalidField, notFound } from "../../lib/errors.ts";
import { renderMarkdown } from "../../lib/markdown.ts";
import { normalizeTags, slugify } from "../../lib/slug.ts";
import type { Services } from "../../server/services.ts";
import { kbPolicy } from "./kb.policy.ts";
import type { TCreateArticleRequest, TUpdateArticleRequest } from "./kb.schemas.ts";

async function categoryId(services: Services, workspaceId: string, slug: string | null) {
  if (!slug) return null;
  const category = await services.kb.findCategory(workspaceId, { slug });
  if (!category) throw invalidField("category", "is not a category of this knowledge base");
  return category.id;
}

/** An article the team member may work on, in their workspace, or 404. */
export async function loadArticleForTeam(
  services: Services,
  user: UserRow,
  id: string,
): Promise<KbArticleRow> {
  kbPolicy.assertCanWrite(user);
  const article = await services.kb.findArticle(id);
  if (!article || article.workspaceId !== user.workspaceId) throw notFound("Article");
  return article;
}

/** Writes a new article (a draft); with `translationOf` it joins that article's versions. */
export async function createArticle(
  services: Services,
  user: UserRow,
  input: TCreateArticleRequest,
): Promise<KbArticleRow> {
  kbPolicy.assertCanWrite(user);
  let translationGroup: string | undefined;
  if (input.translationOf) {
    const original = await services.kb.findArticle(input.translationOf);
    if (!original || original.workspaceId !== user.workspaceId)
      throw invalidField("translationOf", "is not an article of this knowledge base");
    const versions = await services.kb.listTranslations(original.translationGroup);
    if (versions.some((v) => v.language === input.language))
      throw invalidField("language", `this article already has a ${input.language} version`);
    translationGroup = original.translationGroup;
  }
  const slug = input.slug ?? slugify(input.title);
  if (!slug) throw invalidField("slug", "cannot be made from this title; give one");
  try {
    return await services.kb.insertArticle({
      workspaceId: user.workspaceId,
      language: input.language,
      translationGroup,
      authorId: user.id,
      title: input.title,
      summary: input.summary,
      body: input.body,
      bodyHtml: renderMarkdown(input.body),
      tags: normalizeTags(input.tags),
      slug,
      faq: input.faq,
      categoryId: await categoryId(services, user.workspaceId, input.category ?? null),
    });
  } catch (err) {
    // Two translations created at once: the unique (group, language) index decides.
    if ((err as { cause?: { code?: string } }).cause?.code === "23505")
      throw conflict("translation_exists", `This article already has a ${input.language} version.`);
    throw err;
  }
}

/** Saves changed content as a new revision (author, time; the diff is computed on read). */
export async function updateArticle(
  services: Services,
  user: UserRow,
  id: string,
  input: TUpdateArticleRequest,
): Promise<KbArticleRow> {
  const article = await loadArticleForTeam(services, user, id);
  const body = input.body ?? article.body;
  const next = {
    title: input.title ?? article.title,
    summary: input.summary ?? article.summary,
    body,
    bodyHtml: input.body !== undefined ? renderMarkdown(body) : article.bodyHtml,
    tags: input.tags ? normalizeTags(input.tags) : article.tags,
    slug: input.slug ?? article.slug,
    faq: input.faq ?? article.faq,
    categoryId:
      input.category === undefined
        ? article.categoryId
        : await categoryId(services, article.workspaceId, input.category),
  };
  return services.kb.saveContent(article.id, user.id, next);
}

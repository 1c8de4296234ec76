import type { KbArticleRow, UserRow } from "../../db/schema/index.ts";
import { notFound } from "../../lib/errors.ts";
import { renderMarkdown } from "../../lib/markdown.ts";
import type { Services } from "../../server/services.ts";
import { loadArticleForTeam } from "./save-article.ts";

/**
 * Restores an older revision's text. History is never rewritten: the restored text
 * becomes the newest revision, noting which one it came from.
 */
export async function restoreRevision(
  services: Services,
  user: UserRow,
  id: string,
  number: number,
): Promise<KbArticleRow> {
  const article = await loadArticleForTeam(services, user, id);
  const revision = await services.kb.findRevision(article.id, number);
  if (!revision) throw notFound("Revision");
  return services.kb.saveContent(
    article.id,
    user.id,
    {
      title: revision.title,
      summary: revision.summary,
      body: revision.body,
      bodyHtml: renderMarkdown(revision.body),
      tags: revision.tags,
      slug: article.slug,
      categoryId: article.categoryId,
      faq: article.faq,
    },
    revision.number,
  );
}

import type { KbArticleRow } from "../../db/schema/index.ts";
import { notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { isPublic } from "./kb.policy.ts";

/**
 * "Was this helpful?" Readers answer once per article; a later answer replaces the
 * earlier one. `readerKey` is `user:<id>` for people signed in, `visitor:<cookie>`
 * otherwise.
 */
export async function rateArticle(
  services: Services,
  input: { articleId: string; readerKey: string; helpful: boolean; reason?: string | null },
): Promise<KbArticleRow> {
  const article = await services.kb.findArticle(input.articleId);
  if (!article || !isPublic(article)) throw notFound("Article");
  return services.kb.saveFeedback({
    articleId: article.id,
    readerKey: input.readerKey,
    helpful: input.helpful,
    reason: input.reason?.trim() ? input.reason.trim().slice(0, 1000) : null,
  });
}

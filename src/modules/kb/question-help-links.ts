import type { Services } from "../../server/services.ts";
import type { TQuestionDetail } from "../community/community.schemas.ts";
import type { PageContext } from "../community/pages/layout.ts";
import type { QuestionHelpLinks } from "../community/pages/question.view.ts";
import { isWriter } from "./kb.policy.ts";
import { articlePath } from "./kb.presenter.ts";
import { HELP_MESSAGES } from "./pages/i18n.ts";

/**
 * What a community question page shows about the knowledge base: the article made from
 * its accepted answer, or, for the team, a button that makes one.
 */
export async function questionHelpLinks(
  services: Services,
  ctx: PageContext,
  q: TQuestionDetail,
): Promise<QuestionHelpLinks> {
  const t = HELP_MESSAGES[ctx.locale];
  const article = await services.kb.findPublicByQuestion(q.id);
  return {
    article: article ? { title: article.title, url: articlePath(article) } : null,
    canPromote: Boolean(ctx.user && isWriter(ctx.user.role) && q.answers.some((a) => a.accepted)),
    labels: { helpArticle: t.helpArticle, promote: t.promote },
  };
}

import type { Services } from "../../server/services.ts";
import { questionHelpLinks } from "../kb/question-help-links.ts";
import { rankNames } from "../reputation/get-reputation.ts";
import type { TQuestionDetail } from "./community.schemas.ts";
import { communityWorkspace } from "./community-context.ts";
import type { PageContext } from "./pages/layout.ts";
import { questionActionsFor } from "./question-actions.ts";

/**
 * What a question page shows beyond the thread itself: everyone's rank beside their name
 * (set on the context), the help articles linked to or from the question, and the
 * signed-in viewer's controls (none for the anonymous page). Both the cached anonymous
 * page and the signed-in page render through this.
 */
export async function questionPageExtras(
  services: Services,
  ctx: PageContext,
  detail: TQuestionDetail,
) {
  const ws = await communityWorkspace(services, ctx.user);
  ctx.ranks = await rankNames(services, ws.id, [
    detail.author.id,
    ...detail.comments.map((c) => c.author.id),
    ...detail.answers.flatMap((a) => [a.author.id, ...a.comments.map((c) => c.author.id)]),
  ]);
  const [help, actions] = await Promise.all([
    questionHelpLinks(services, ctx, detail),
    questionActionsFor(services, ctx, detail),
  ]);
  return { help, actions };
}

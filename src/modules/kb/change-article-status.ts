import type { KbArticleRow, UserRow } from "../../db/schema/index.ts";
import { invalidField } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { kbPolicy } from "./kb.policy.ts";
import type { TChangeStatusRequest } from "./kb.schemas.ts";
import { loadArticleForTeam } from "./save-article.ts";

/**
 * Moves an article through draft → review → published → archived. Publishing with a
 * future `publishAt` schedules it: it stays invisible to readers until then. Archiving
 * may name a successor that the archived article's page points to.
 */
export async function changeArticleStatus(
  services: Services,
  user: UserRow,
  id: string,
  input: TChangeStatusRequest,
): Promise<KbArticleRow> {
  const article = await loadArticleForTeam(services, user, id);
  kbPolicy.assertCanMove(user, article.status, input.status);
  if (input.publishAt && input.status !== "published")
    throw invalidField("publishAt", "only goes with status published");
  if (input.successorId && input.status !== "archived")
    throw invalidField("successorId", "only goes with status archived");
  let successorId: string | null = null;
  if (input.successorId) {
    const successor = await services.kb.findArticle(input.successorId);
    if (!successor || successor.workspaceId !== article.workspaceId || successor.id === article.id)
      throw invalidField("successorId", "is not another article of this knowledge base");
    if (successor.status === "archived")
      throw invalidField("successorId", "is archived itself; name a live article");
    successorId = successor.id;
  }
  const patch: Partial<KbArticleRow> = { status: input.status };
  if (input.status === "published") {
    patch.publishAt = input.publishAt ? new Date(input.publishAt) : new Date();
    patch.archivedAt = null;
    patch.successorId = null;
  } else if (input.status === "archived") {
    patch.archivedAt = new Date();
    patch.successorId = successorId;
  } else {
    patch.publishAt = null;
  }
  const updated = (await services.kb.updateArticle(article.id, patch))!;
  await recordAuditEvent(
    services,
    { id: user.id, label: user.email },
    {
      workspaceId: article.workspaceId,
      action: `kb.article.${input.status}`,
      targetType: "kb_article",
      targetId: article.id,
      data: { from: article.status, publishAt: patch.publishAt?.toISOString() ?? null },
    },
  );
  return updated;
}

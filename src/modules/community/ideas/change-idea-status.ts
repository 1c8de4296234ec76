import type { UserRow } from "../../../db/schema/index.ts";
import { conflict, invalidField, notFound } from "../../../lib/errors.ts";
import type { Services } from "../../../server/services.ts";
import { renderPostHtml } from "../render-post.ts";
import { ideasPolicy } from "./ideas.policy.ts";
import type { TChangeIdeaStatusRequest } from "./ideas.schemas.ts";

/**
 * The team moves an idea to another status with a comment that says why. The change is
 * kept in the idea's history, and its voters and author are notified.
 */
export async function changeIdeaStatus(
  services: Services,
  user: UserRow,
  ideaId: string,
  input: TChangeIdeaStatusRequest,
) {
  ideasPolicy.assertCanChangeStatus(user);
  const found = await services.community.ideas.findById(ideaId);
  if (!found || found.idea.workspaceId !== user.workspaceId) throw notFound("Idea");
  if (found.idea.status === input.status)
    throw invalidField("status", `is already ${input.status}`);
  const comment = input.comment.trim();
  const change = await services.community.ideas.changeStatus({
    ideaId,
    expected: found.idea.status,
    to: input.status,
    comment,
    commentHtml: await renderPostHtml(services, user.workspaceId, comment),
    byId: user.id,
  });
  if (!change)
    throw conflict("status_changed", "Someone changed the status meanwhile; reload and retry.");
  return change;
}

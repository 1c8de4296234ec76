import type { UserRow } from "../../../db/schema/index.ts";
import { notFound } from "../../../lib/errors.ts";
import type { Services } from "../../../server/services.ts";
import { communityWorkspace } from "../community-context.ts";
import { ideasPolicy } from "./ideas.policy.ts";
import { presentIdeaSummary, presentStatusChange } from "./ideas.presenter.ts";
import type { TIdeaDetail } from "./ideas.schemas.ts";

/** An idea with its status history and the viewer's vote. */
export async function getIdea(
  services: Services,
  viewer: UserRow | null,
  ref: { id: string } | { number: number },
): Promise<TIdeaDetail> {
  const { ideas } = services.community;
  const [found, workspace] = await Promise.all([
    "id" in ref ? ideas.findById(ref.id) : ideas.findByNumber(ref.number),
    communityWorkspace(services, viewer),
  ]);
  if (!found || found.idea.workspaceId !== workspace.id) throw notFound("Idea");
  const [history, myVote] = await Promise.all([
    ideas.listStatusChanges(found.idea.id),
    viewer ? ideas.hasVoted(found.idea.id, viewer.id) : false,
  ]);
  return {
    ...presentIdeaSummary(found),
    body: found.idea.body,
    bodyHtml: found.idea.bodyHtml,
    myVote,
    history: history.map((h) => presentStatusChange(h.change, h.by)),
    permissions: {
      vote: ideasPolicy.canVote(viewer, found.idea),
      changeStatus: ideasPolicy.canChangeStatus(viewer),
    },
  };
}

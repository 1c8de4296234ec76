import type { UserRow } from "../../../db/schema/index.ts";
import { conflict, notFound } from "../../../lib/errors.ts";
import type { Services } from "../../../server/services.ts";
import { ideasPolicy } from "./ideas.policy.ts";

/**
 * Up-votes an idea: one vote per person, never for your own idea (403 `own_post`), not
 * once it is done or declined (409 `idea_closed`); the same vote twice is 409
 * `already_voted`.
 */
export async function voteIdea(services: Services, user: UserRow, ideaId: string) {
  const found = await services.community.ideas.findById(ideaId);
  if (!found || found.idea.workspaceId !== user.workspaceId) throw notFound("Idea");
  ideasPolicy.assertCanVote(user, found.idea);
  const { changed, votes } = await services.community.ideas.setVote(ideaId, user.id, true);
  if (!changed) throw conflict("already_voted", "You have already voted for this idea.");
  return { votes, myVote: true };
}

/** Takes a vote back; taking back a vote that is not there changes nothing. */
export async function unvoteIdea(services: Services, user: UserRow, ideaId: string) {
  const found = await services.community.ideas.findById(ideaId);
  if (!found || found.idea.workspaceId !== user.workspaceId) throw notFound("Idea");
  const { votes } = await services.community.ideas.setVote(ideaId, user.id, false);
  return { votes, myVote: false };
}

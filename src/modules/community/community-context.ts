import type { QuestionRow, UserRow, WorkspaceRow } from "../../db/schema/index.ts";
import { notFound } from "../../lib/errors.ts";
import { containsLink } from "../../lib/markdown.ts";
import type { Services } from "../../server/services.ts";
import { communityPolicy } from "./community.policy.ts";

/**
 * The workspace a request is about: the signed-in person's, else the installation's
 * first one (the public community of a single-company install).
 */
export async function communityWorkspace(
  services: Services,
  user: UserRow | null | undefined,
): Promise<WorkspaceRow> {
  if (user) {
    const ws = await services.workspaces.findById(user.workspaceId);
    if (ws) return ws;
  }
  const ws = await services.workspaces.findDefault();
  return ws ?? services.workspaces.ensure("default", "hilft");
}

/** A question the viewer may see, or 404 (hidden and deleted ones do not exist for others). */
export async function loadQuestionFor(
  services: Services,
  viewer: UserRow | null,
  id: string,
): Promise<QuestionRow> {
  const question = await services.community.posts.findQuestionRow(id);
  if (!question || !communityPolicy.canSee(viewer, question)) throw notFound("Question");
  return question;
}

/** Whether a new post by `user` waits for a moderator (see community.policy.ts). */
export async function mustHoldForReview(services: Services, user: UserRow, body: string) {
  const [trusted, publishedPosts] = await Promise.all([
    services.community.moderation.isTrusted(user.id),
    services.community.posts.countPublishedPosts(user.id),
  ]);
  return communityPolicy.holdForReview(user, {
    trusted,
    publishedPosts,
    hasLink: containsLink(body),
  });
}

import type { QuestionRow, UserRow, WorkspaceRow } from "../../db/schema/index.ts";
import { notFound } from "../../lib/errors.ts";
import { containsLink } from "../../lib/markdown.ts";
import type { Services } from "../../server/services.ts";
import { communityPolicy } from "./community.policy.ts";

/**
 * Workspaces looked up for community requests, kept for a few seconds per process:
 * every public page needs one, and nothing in hilft renames a workspace or changes its
 * language at a rate where ten seconds matter.
 */
const WORKSPACE_TTL_MS = 10_000;
const workspaceCache = new WeakMap<Services, Map<string, { at: number; ws: WorkspaceRow }>>();

async function cachedWorkspace(
  services: Services,
  key: string,
  load: () => Promise<WorkspaceRow | undefined>,
): Promise<WorkspaceRow | undefined> {
  let cache = workspaceCache.get(services);
  if (!cache) {
    cache = new Map();
    workspaceCache.set(services, cache);
  }
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < WORKSPACE_TTL_MS) return hit.ws;
  const ws = await load();
  if (ws) cache.set(key, { at: Date.now(), ws });
  return ws;
}

/**
 * The workspace a request is about: the signed-in person's, else the installation's
 * first one (the public community of a single-company install).
 */
export async function communityWorkspace(
  services: Services,
  user: UserRow | null | undefined,
): Promise<WorkspaceRow> {
  if (user) {
    const ws = await cachedWorkspace(services, user.workspaceId, () =>
      services.workspaces.findById(user.workspaceId),
    );
    if (ws) return ws;
  }
  const ws = await cachedWorkspace(services, "default", () => services.workspaces.findDefault());
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

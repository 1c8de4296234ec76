import { renderMarkdown } from "../../lib/markdown.ts";
import { parseMentions } from "../../lib/mentions.ts";
import type { Services } from "../../server/services.ts";

/**
 * A community post's Markdown as stored HTML: like renderMarkdown, with `@handle` of the
 * workspace's members linked to their profiles (handles nobody holds stay plain text).
 */
export async function renderPostHtml(
  services: Services,
  workspaceId: string,
  body: string,
): Promise<string> {
  const handles = parseMentions(body);
  const mentions = handles.length
    ? await services.community.follows.knownHandles(workspaceId, handles)
    : undefined;
  return renderMarkdown(body, mentions ? { mentions } : {});
}

/**
 * Renders again the posts that mention one of these handles, so `@handle` links follow
 * who holds a handle now: a new or changed handle becomes a link in older posts, and a
 * handle given up turns back into plain text. Returns how many posts changed.
 */
export async function relinkMentions(
  services: Services,
  workspaceId: string,
  handles: string[],
): Promise<number> {
  const wanted = new Set(handles.map((h) => h.toLowerCase()));
  const posts = await services.community.posts.postsMentioning(workspaceId, [...wanted]);
  const mentioning = posts
    .map((post) => ({ post, handles: parseMentions(post.body) }))
    .filter(({ handles }) => handles.some((h) => wanted.has(h)));
  // One lookup for every handle these posts mention, not one per post.
  const known = await services.community.follows.knownHandles(workspaceId, [
    ...new Set(mentioning.flatMap(({ handles }) => handles)),
  ]);
  let changed = 0;
  for (const { post } of mentioning) {
    const html = renderMarkdown(post.body, { mentions: known });
    if (html === post.bodyHtml) continue;
    await services.community.posts.setBodyHtml(post.type, post.id, html);
    changed += 1;
  }
  return changed;
}

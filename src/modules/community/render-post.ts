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

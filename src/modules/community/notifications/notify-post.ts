import type { UserRow } from "../../../db/schema/index.ts";
import { addedMentions } from "../../../lib/mentions.ts";
import type { Services } from "../../../server/services.ts";
import { ensureMemberSettings } from "./notification-settings.ts";

/**
 * Tells the people a post mentions (`@handle`), once per post and person: a new post
 * notifies everyone it mentions, an edit only those it newly mentions. Authors never
 * notify themselves. Held posts notify nobody until published.
 */
export async function notifyMentions(
  services: Services,
  author: UserRow,
  post: {
    questionId: string;
    answerId: string | null;
    postId: string;
    pendingReview: boolean;
    before: string;
    after: string;
  },
): Promise<void> {
  // Every author gets a handle with their first post, so others can mention them back.
  await ensureMemberSettings(services, author);
  if (post.pendingReview) return;
  const handles = addedMentions(post.before, post.after);
  if (!handles.length) return;
  const ids = await services.community.follows.findUserIdsByHandles(author.workspaceId, handles);
  await services.community.follows.notifyMentions({
    userIds: ids.filter((id) => id !== author.id),
    questionId: post.questionId,
    answerId: post.answerId,
    postId: post.postId,
    actorId: author.id,
  });
}

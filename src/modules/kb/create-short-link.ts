import { randomInt } from "node:crypto";
import type { KbShortLinkRow, UserRow } from "../../db/schema/index.ts";
import { invalidField } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { isPublic, kbPolicy } from "./kb.policy.ts";

/** Letters and digits without look-alikes (0/O, 1/l/I), so a code survives being retyped. */
const ALPHABET = "23456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_LENGTH = 7;

export function newCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/**
 * A short link to a public article for X's character limit. Made for a conversation,
 * it remembers the conversation, so a customer's click counts against it. Asking again
 * for the same article and conversation returns the same link.
 */
export async function createShortLink(
  services: Services,
  user: UserRow,
  input: { articleId: string; conversationId?: string | undefined },
): Promise<KbShortLinkRow> {
  kbPolicy.assertCanWrite(user);
  const article = await services.kb.findArticle(input.articleId);
  if (!article || article.workspaceId !== user.workspaceId)
    throw invalidField("articleId", "is not an article of this knowledge base");
  if (!isPublic(article))
    throw invalidField("articleId", "is not published; customers could not open it");
  if (input.conversationId) {
    const conversation = await services.inbox.findConversation(
      user.workspaceId,
      input.conversationId,
    );
    if (!conversation)
      throw invalidField("conversationId", "is not a conversation of this workspace");
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const link = await services.kb.ensureShortLink({
      workspaceId: article.workspaceId,
      articleId: article.id,
      conversationId: input.conversationId ?? null,
      createdById: user.id,
      code: newCode(),
    });
    if (link) return link;
  }
  throw new Error("could not find a free short-link code");
}

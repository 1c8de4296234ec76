import type { KbArticleRow, UserRow } from "../../db/schema/index.ts";
import { AppError, invalidField } from "../../lib/errors.ts";
import { markdownToText, renderMarkdown, snippet } from "../../lib/markdown.ts";
import { slugify } from "../../lib/slug.ts";
import type { Services } from "../../server/services.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { isPublisher, kbPolicy } from "./kb.policy.ts";

/**
 * Turns a community question's accepted answer into an article: the question's title,
 * the answer's text, the answer's author kept as attribution, and links both ways
 * (the article names its source; the question page links to the article). Promoting
 * the same answer again returns the article made the first time.
 */
export async function promoteAnswer(
  services: Services,
  user: UserRow,
  input: { answerId: string; publish: boolean },
): Promise<{ article: KbArticleRow; created: boolean }> {
  kbPolicy.assertCanWrite(user);
  const existing = await services.kb.findByPromotedAnswer(input.answerId);
  if (existing && existing.workspaceId === user.workspaceId)
    return { article: existing, created: false };
  const answer = await services.community.posts.findAnswer(input.answerId);
  const question = answer && (await services.community.posts.findQuestionRow(answer.questionId));
  if (!answer || !question || question.workspaceId !== user.workspaceId || answer.deletedAt)
    throw invalidField("answerId", "is not an answer in this community");
  if (question.acceptedAnswerId !== answer.id)
    throw new AppError(
      409,
      "answer_not_accepted",
      "Only an accepted answer can become an article.",
    );
  if (input.publish && !isPublisher(user.role))
    throw invalidField("publish", "only moderators and admins publish; promote as a draft");
  const workspace = await services.workspaces.findById(question.workspaceId);
  const language =
    question.language === "english"
      ? "en"
      : question.language === "german"
        ? "de"
        : workspace?.defaultLocale === "en"
          ? "en"
          : "de";
  const article = await services.kb.insertArticle({
    workspaceId: question.workspaceId,
    language,
    authorId: user.id,
    title: question.title,
    summary: snippet(markdownToText(question.body), 280),
    body: answer.body,
    bodyHtml: renderMarkdown(answer.body),
    tags: question.tags,
    slug: slugify(question.title) || `article-${question.number}`,
    categoryId: null,
    faq: true,
    status: input.publish ? "published" : "draft",
    publishAt: input.publish ? new Date() : null,
    promotedFromAnswerId: answer.id,
    promotedFromQuestionId: question.id,
    attributionUserId: answer.authorId,
  });
  await recordAuditEvent(
    services,
    { id: user.id, label: user.email },
    {
      workspaceId: question.workspaceId,
      action: "kb.article.promoted",
      targetType: "kb_article",
      targetId: article.id,
      data: { answerId: answer.id, questionId: question.id },
    },
  );
  return { article, created: true };
}

import type { QuestionRow, UserRow } from "../../db/schema/index.ts";
import { invalidField } from "../../lib/errors.ts";
import { detectSearchConfig } from "../../lib/search-text.ts";
import { normalizeTags } from "../../lib/slug.ts";
import type { Services } from "../../server/services.ts";
import type { TCreateQuestionRequest } from "./community.schemas.ts";
import { communityWorkspace, mustHoldForReview } from "./community-context.ts";
import { findBoard } from "./find-board.ts";
import { notifyMentions } from "./notifications/notify-post.ts";
import { renderPostHtml } from "./render-post.ts";

/** Posts a question; the asker follows it; new members' first posts wait for review. */
export async function askQuestion(
  services: Services,
  user: UserRow,
  input: TCreateQuestionRequest,
): Promise<QuestionRow> {
  const workspace = await communityWorkspace(services, user);
  const board = await findBoard(services, workspace.id, input.board);
  if (!board) throw invalidField("board", "is not a board of this community");
  if (board.kind === "ideas") throw invalidField("board", "is an ideas board: submit an idea");
  const pendingReview = await mustHoldForReview(services, user, input.body);
  const question = await services.community.posts.createQuestion({
    workspaceId: workspace.id,
    boardId: board.id,
    authorId: user.id,
    title: input.title.trim(),
    body: input.body,
    bodyHtml: await renderPostHtml(services, workspace.id, input.body),
    tags: normalizeTags(input.tags),
    language: detectSearchConfig(
      `${input.title}\n${input.body}`,
      defaultConfig(workspace.defaultLocale),
    ),
    pendingReview,
  });
  if (!question.pendingReview) await services.community.follows.notifyNewQuestion(question);
  await notifyMentions(services, user, {
    questionId: question.id,
    answerId: null,
    postId: question.id,
    pendingReview: question.pendingReview,
    before: "",
    after: `${question.title}\n${question.body}`,
  });
  return question;
}

export const defaultConfig = (locale: string) => (locale === "en" ? "english" : "german");

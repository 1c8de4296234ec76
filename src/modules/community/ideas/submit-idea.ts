import type { IdeaRow, UserRow } from "../../../db/schema/index.ts";
import { invalidField } from "../../../lib/errors.ts";
import type { Services } from "../../../server/services.ts";
import { communityWorkspace } from "../community-context.ts";
import { findBoard } from "../find-board.ts";
import { renderPostHtml } from "../render-post.ts";
import type { TCreateIdeaRequest } from "./ideas.schemas.ts";

/** Submits an idea to an ideas board; it starts as `new` with no votes. */
export async function submitIdea(
  services: Services,
  user: UserRow,
  input: TCreateIdeaRequest,
): Promise<IdeaRow> {
  const workspace = await communityWorkspace(services, user);
  const board = await findBoard(services, workspace.id, input.board);
  if (!board) throw invalidField("board", "is not a board of this community");
  if (board.kind !== "ideas") throw invalidField("board", "is not an ideas board");
  return services.community.ideas.create({
    workspaceId: workspace.id,
    boardId: board.id,
    authorId: user.id,
    title: input.title.trim(),
    body: input.body,
    bodyHtml: await renderPostHtml(services, workspace.id, input.body),
  });
}

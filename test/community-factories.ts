import type { BoardRow, QuestionRow, UserRole, UserRow } from "../src/db/schema/index.ts";
import { askQuestion } from "../src/modules/community/ask-question.ts";
import { postAnswer } from "../src/modules/community/post-answer.ts";
import type { Services } from "../src/server/services.ts";
import { type UserWithPassword, userFactory } from "./factories.ts";

let boards = 0;

/** A board in the default workspace (where factory users live). */
export async function boardFactory(
  services: Services,
  overrides: { slug?: string; name?: string } = {},
): Promise<BoardRow> {
  boards += 1;
  const ws =
    (await services.workspaces.findDefault()) ??
    (await services.workspaces.ensure("default", "hilft"));
  const { board } = await services.community.posts.ensureBoard({
    workspaceId: ws.id,
    slug: overrides.slug ?? `board-${boards}`,
    name: overrides.name ?? `Board ${boards}`,
    description: "A board for tests",
    position: boards,
  });
  return board;
}

/**
 * A community member. Trusted by default, so their posts are public at once; pass
 * `trusted: false` to test the review rules for new members.
 */
export async function memberFactory(
  services: Services,
  overrides: { role?: UserRole; trusted?: boolean; name?: string } = {},
): Promise<UserWithPassword> {
  const member = await userFactory(services, {
    role: overrides.role ?? "customer",
    ...(overrides.name ? { name: overrides.name } : {}),
  });
  if (overrides.trusted ?? true)
    await services.community.moderation.setTrusted(member.user.id, true);
  return member;
}

export async function questionFactory(
  services: Services,
  author: UserRow,
  board: BoardRow,
  overrides: { title?: string; body?: string; tags?: string[] } = {},
): Promise<QuestionRow> {
  return askQuestion(services, author, {
    board: board.slug,
    title: overrides.title ?? "Wie kündige ich meinen Mobilfunkvertrag?",
    body: overrides.body ?? "Mein Vertrag läuft aus und ich möchte **kündigen**. Wie geht das?",
    tags: overrides.tags ?? [],
  });
}

export async function answerFactory(
  services: Services,
  author: UserRow,
  question: QuestionRow,
  body = "So geht das: im Kundencenter unter Vertrag.",
) {
  return postAnswer(services, author, question.id, body);
}

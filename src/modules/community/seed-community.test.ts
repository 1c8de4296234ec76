import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { seedDemo } from "../workspaces/seed-demo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe("demo community seed", () => {
  it("creates the boards and an ideas board with demo ideas, once", async () => {
    const { workspace } = await seedDemo(t.services);
    await seedDemo(t.services);
    const boards = await t.services.community.posts.listBoards(workspace.id);
    const ideasBoard = boards.find((b) => b.kind === "ideas");
    expect(ideasBoard?.slug).toBe("ideen");
    expect(boards.filter((b) => b.kind === "questions")).toHaveLength(4);
    const ideas = await t.services.community.ideas.list({
      workspaceId: workspace.id,
      boardId: ideasBoard!.id,
      sort: "newest",
      limit: 10,
      offset: 0,
    });
    expect(ideas).toHaveLength(2);
    const planned = ideas.find((i) => i.idea.status === "planned")!;
    const history = await t.services.community.ideas.listStatusChanges(planned.idea.id);
    expect(history).toHaveLength(1);
    expect(history[0]!.by.name).toBe("Anna Berger");
  });
});

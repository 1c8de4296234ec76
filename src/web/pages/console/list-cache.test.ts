import { describe, expect, it } from "vitest";
import type { ConversationItem } from "../../api/console.ts";
import { flatten, type ListData, patchList } from "./list-cache.ts";
import { matchesView, resolveView, type ViewKey } from "./views.ts";

const item = (
  id: string,
  minute: number,
  extra: Partial<ConversationItem> = {},
): ConversationItem => ({
  id,
  channel: "x",
  channelId: "c",
  status: "open",
  visibility: "public",
  assigneeId: null,
  teamId: null,
  priority: 0,
  tags: [],
  contact: { id: `k${id}`, name: id, avatarUrl: null, impostor: false },
  lastMessage: null,
  messageCount: 1,
  lastMessageAt: new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString(),
  ...extra,
});

const data = (pages: ConversationItem[][], more = false): ListData => ({
  pages: pages.map((items, i) => ({
    items,
    nextCursor: i < pages.length - 1 || more ? `c${i}` : null,
  })),
  pageParams: pages.map((_, i) => (i === 0 ? null : `c${i - 1}`)),
});

const ids = (d: ListData) => flatten(d).map((i) => i.id);
const all = () => true;

describe("patchList", () => {
  it("moves a conversation with new activity to the top (newest first)", () => {
    const d = data([
      [item("a", 5), item("b", 4)],
      [item("c", 3), item("d", 2)],
    ]);
    const patched = patchList(d, new Set(["c"]), [item("c", 9)], all, "newest");
    expect(ids(patched)).toEqual(["c", "a", "b", "d"]);
    expect(patched.pages[1]!.nextCursor).toBeNull();
  });

  it("adds a new conversation and removes ones that left the view", () => {
    const d = data([[item("a", 5), item("b", 4)]]);
    const mine = (i: ConversationItem) => matchesView(i, resolveView("mine")!, "me");
    const patched = patchList(
      d,
      new Set(["a", "n"]),
      [item("a", 5, { assigneeId: "other" }), item("n", 6, { assigneeId: "me" })],
      mine,
      "newest",
    );
    expect(ids(patched)).toEqual(["n", "b"]);
  });

  it("drops conversations the server no longer returns (deleted or filtered out)", () => {
    const d = data([[item("a", 5), item("b", 4)]]);
    expect(ids(patchList(d, new Set(["a"]), [], all, "newest"))).toEqual(["b"]);
  });

  it("leaves a conversation that sorts below the loaded pages to pagination", () => {
    const d = data([[item("a", 5), item("b", 4)]], true);
    expect(ids(patchList(d, new Set(["z"]), [item("z", 1)], all, "newest"))).toEqual(["a", "b"]);
    const done = data([[item("a", 5), item("b", 4)]]);
    expect(ids(patchList(done, new Set(["z"]), [item("z", 1)], all, "newest"))).toEqual([
      "a",
      "b",
      "z",
    ]);
  });

  it("keeps the urgent order: priority first, then longest waiting", () => {
    const d = data([[item("p2", 9, { priority: 2 }), item("old", 1), item("new", 8)]]);
    const patched = patchList(
      d,
      new Set(["x"]),
      [item("x", 5, { priority: 0 }), item("y", 7, { priority: 3 })].slice(0, 1),
      all,
      "urgent",
    );
    expect(ids(patched)).toEqual(["p2", "old", "x", "new"]);
    const urgent = patchList(d, new Set(["y"]), [item("y", 7, { priority: 3 })], all, "urgent");
    expect(ids(urgent)[0]).toBe("y");
  });

  it("does not change the data it was given", () => {
    const d = data([[item("a", 5)]]);
    patchList(d, new Set(["a"]), [item("a", 6, { status: "solved" })], all, "newest");
    expect(d.pages[0]!.items[0]!.status).toBe("open");
  });
});

describe("matchesView", () => {
  const matches = (i: ConversationItem, key: ViewKey, me: string) =>
    matchesView(i, resolveView(key)!, me);

  it("sorts conversations into the sidebar's views", () => {
    const open = item("a", 1);
    expect(matches(open, "unassigned", "me")).toBe(true);
    expect(matches(open, "mine", "me")).toBe(false);
    expect(matches({ ...open, status: "new", assigneeId: "me" }, "mine", "me")).toBe(true);
    expect(matches({ ...open, status: "pending" }, "open", "me")).toBe(false);
    expect(matches({ ...open, status: "pending" }, "pending", "me")).toBe(true);
    expect(matches(open, "channel:x", "me")).toBe(true);
    expect(matches(open, "channel:facebook", "me")).toBe(false);
  });

  it("puts a team's open conversations in its view", () => {
    const team = "0b7c6a5e-0000-4000-8000-000000000001";
    const open = item("a", 1, { teamId: team });
    expect(matches(open, `team:${team}`, "me")).toBe(true);
    expect(matches({ ...open, teamId: null }, `team:${team}`, "me")).toBe(false);
    expect(matches({ ...open, status: "solved" }, `team:${team}`, "me")).toBe(false);
  });

  it("applies every filter of a saved view; an unset one matches anything", () => {
    const base = item("a", 1, { assigneeId: "u1", teamId: "t1", tags: ["störung"] });
    expect(matchesView(base, {}, "me")).toBe(true);
    expect(matchesView({ ...base, status: "closed" }, {}, "me")).toBe(true);
    const f = { status: ["open"], assignee: "u1", team: "t1", tag: "störung", channel: "x" };
    expect(matchesView(base, f, "me")).toBe(true);
    expect(matchesView({ ...base, assigneeId: "u2" }, f, "me")).toBe(false);
    expect(matchesView({ ...base, teamId: "t2" }, f, "me")).toBe(false);
    expect(matchesView({ ...base, tags: [] }, f, "me")).toBe(false);
    expect(matchesView({ ...base, channel: "facebook" }, f, "me")).toBe(false);
    expect(matchesView(base, { ...f, channel: "c" }, "me")).toBe(true);
    expect(matchesView(base, { team: "none" }, "me")).toBe(false);
    expect(matchesView({ ...base, teamId: null }, { team: "none" }, "me")).toBe(true);
    expect(matchesView(base, { assignee: "me" }, "u1")).toBe(true);
  });

  it("knows which keys are views", () => {
    const id = "0b7c6a5e-0000-4000-8000-000000000001";
    expect(resolveView(`view:${id}`, [])).toBeUndefined();
    expect(
      resolveView(`view:${id}`, [
        {
          id,
          name: "Mine urgent",
          scope: "personal",
          query: { assignee: "me", sort: "urgent" },
          ownerId: "u",
          ownerName: null,
          editable: true,
          updatedAt: "",
        },
      ]),
    ).toEqual({ assignee: "me", sort: "urgent" });
  });
});

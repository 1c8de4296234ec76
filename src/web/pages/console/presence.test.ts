import { describe, expect, it } from "vitest";
import { applyPresence, fromEntries, othersIn } from "./presence.ts";

const entry = (userId: string, state: "viewing" | "typing", ms = 30_000, c = "c1") => ({
  conversationId: c,
  userId,
  name: userId === "u1" ? "Anna Berger" : "Jonas Keller",
  initials: userId === "u1" ? "AB" : "JK",
  state,
  expiresInMs: ms,
});

describe("presence map", () => {
  it("builds from the snapshot with expiry on this clock", () => {
    const map = fromEntries([entry("u1", "viewing", 20_000), entry("u2", "typing")], 1_000);
    expect(map.c1?.map((p) => [p.initials, p.state, p.expiresAt])).toEqual([
      ["AB", "viewing", 21_000],
      ["JK", "typing", 31_000],
    ]);
  });

  it("replaces a person's entry on each event and removes it when they leave", () => {
    let map = fromEntries([entry("u1", "viewing")], 0);
    map = applyPresence(map, entry("u2", "viewing"), 0);
    const typing = applyPresence(map, entry("u2", "typing"), 5_000);
    expect(typing.c1?.map((p) => p.state)).toEqual(["viewing", "typing"]);
    expect(map.c1?.map((p) => p.state)).toEqual(["viewing", "viewing"]);
    const left = applyPresence(
      typing,
      { ...entry("u1", "viewing"), state: "left", expiresInMs: 0 },
      6_000,
    );
    expect(left.c1?.map((p) => p.userId)).toEqual(["u2"]);
    const empty = applyPresence(
      left,
      { ...entry("u2", "viewing"), state: "left", expiresInMs: 0 },
      7_000,
    );
    expect(empty).toEqual({});
  });

  it("shows only others, not expired, typing first", () => {
    const map = fromEntries(
      [entry("u1", "viewing"), entry("u2", "typing", 10_000), entry("u3", "viewing", 50_000)],
      0,
    );
    expect(othersIn(map, "c1", "u1", 1_000).map((p) => p.userId)).toEqual(["u2", "u3"]);
    expect(othersIn(map, "c1", "u1", 11_000).map((p) => p.userId)).toEqual(["u3"]);
    expect(othersIn(map, "other", "u1", 0)).toEqual([]);
    expect(othersIn(undefined, "c1", "u1", 0)).toEqual([]);
  });
});

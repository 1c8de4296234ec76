import { describe, expect, it } from "vitest";
import { damerauLevenshtein } from "./damerau-levenshtein.ts";
import { allowedDistance, matchImpostor } from "./match-impostor.ts";
import { confusablesCount, scriptsOf, skeleton } from "./skeleton.ts";

const brand = {
  handles: ["@telekom_hilft", "deutschetelekom"],
  names: ["Telekom", "Telekom hilft"],
};
const match = (handle: string, displayName?: string) =>
  matchImpostor({ handle, displayName }, brand);

describe("skeleton (UTS #39)", () => {
  it("loads the whole confusables table", () => {
    expect(confusablesCount()).toBeGreaterThan(6000);
  });

  it.each([
    ["TeIekom", "Telekom"], // capital I for l
    ["te1ekom", "telekom"], // digit one
    ["tеlеkоm", "telekom"], // Cyrillic е and о
    ["paypal", "раураl"], // all Cyrillic but l
    ["telekorn", "telekom"], // r n for m
  ])("%s looks like %s", (a, b) => {
    expect(skeleton(a)).toBe(skeleton(b));
  });

  it("keeps different-looking strings apart", () => {
    expect(skeleton("telekom")).not.toBe(skeleton("telekam"));
    expect(skeleton("hilft")).not.toBe(skeleton("hilfe"));
  });

  it("maps 0 to O and l, I, 1 and | to the same prototype", () => {
    expect(skeleton("0")).toBe(skeleton("O"));
    const l = skeleton("l");
    expect([skeleton("I"), skeleton("1"), skeleton("|")]).toEqual([l, l, l]);
  });

  it("is NFD before and after mapping", () => {
    expect(skeleton("é")).toBe(skeleton("e\u0301"));
  });

  it("names the scripts of the letters", () => {
    expect([...scriptsOf("tеlekom_1")].sort()).toEqual(["Cyrillic", "Latin"]);
    expect([...scriptsOf("telekom")]).toEqual(["Latin"]);
  });
});

describe("damerauLevenshtein", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["telekom", "telekom", 0],
    ["telekom", "telekon", 1],
    ["telekom", "tleekom", 1], // swap
    ["telekom", "telkom", 1],
    ["telekom", "telekoom", 1],
    ["telekom", "tlekmo", 2],
    ["😀a", "a", 1],
  ])("%s → %s = %i", (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
  });

  it("stops early beyond a bound, exact within it", () => {
    const pairs: [string, string][] = [
      ["telekom", "tlekmo"],
      ["telekomhilft", "telekomhilft"],
      ["telekomhilft", "telekomhiift"],
      ["telekomhilft", "kunde100123"],
      ["abcdef", "badcfe"],
      ["ca", "abc"],
      ["", "abc"],
    ];
    for (const [a, b] of pairs) {
      const exact = damerauLevenshtein(a, b);
      for (const max of [0, 1, 2, 3]) {
        expect(damerauLevenshtein(a, b, max)).toBe(Math.min(exact, max + 1));
      }
    }
  });

  it("allows more typos for longer names", () => {
    expect([3, 5, 8, 9, 13].map(allowedDistance)).toEqual([0, 1, 1, 2, 2]);
  });
});

describe("matchImpostor", () => {
  it("flags @telekom_hiIft (capital I) against @telekom_hilft", () => {
    const m = match("@telekom_hiIft");
    expect(m).toMatchObject({
      reason: "skeleton",
      evidence: { field: "handle", imitates: "telekom_hilft" },
    });
    expect(m!.score).toBeGreaterThan(0.9);
    expect(m!.evidence.confusables).toEqual([{ char: "I", codePoint: "U+0049", looksLike: "l" }]);
  });

  it("answers an account seen before the same, and never with a shared object", () => {
    const first = match("telekom_hilft_support", "Telekom Support")!;
    first.score = 0;
    first.evidence.affixes!.push("changed");
    const again = match("telekom_hilft_support", "Telekom Support")!;
    expect(again).toMatchObject({ reason: "affix", score: 0.8 });
    expect(again.evidence.affixes).toEqual(["support"]);
    // Another brand with the same account is judged against that brand.
    expect(
      matchImpostor({ handle: "telekom_hilft_support" }, { handles: ["vodafone"], names: [] }),
    ).toBeNull();
  });

  it.each([
    ["TeIekom_hilft"],
    ["te1ekom_hilft"],
    ["telek0m_hilft"],
    ["tеlekom_hilft"],
    ["telekorn_hilft"],
  ])("flags the look-alike %s", (handle) => {
    expect(match(handle)?.reason).toBe("skeleton");
  });

  it("scores mixed scripts highest and says which", () => {
    const m = match("tеlekom_hilft"); // Cyrillic е
    expect(m!.score).toBe(1);
    expect(m!.evidence.mixedScripts).toEqual(["Latin", "Cyrillic"]);
  });

  it("never flags the brand's own handles, in any letter case or with @", () => {
    expect(match("telekom_hilft")).toBeNull();
    expect(match("@Telekom_Hilft", "Telekom hilft")).toBeNull();
    expect(match("DeutscheTelekom")).toBeNull();
  });

  it("flags small typos by edit distance", () => {
    expect(match("telekom_hlft")).toMatchObject({
      reason: "edit_distance",
      evidence: { distance: 1 },
    });
    expect(match("telekom_hilt")).toMatchObject({
      reason: "edit_distance",
      evidence: { distance: 1 },
    });
    expect(match("deutschtelecom")).toMatchObject({
      reason: "edit_distance",
      evidence: { distance: 2 },
    });
  });

  it.each([
    ["telekom_hilft_support", ["support"]],
    ["telekom_hilft_de", ["de"]],
    ["official_telekom", ["official"]],
    ["TelekomService", ["service"]],
    ["telekom_care_team", ["care", "team"]],
    ["TeIekom_help", ["help"]],
    ["telekom_hilft24", []],
  ])("flags %s as brand plus service words", (handle, affixes) => {
    const m = match(handle);
    if (affixes.length === 0) {
      expect(m).not.toBeNull();
      return;
    }
    expect(m).toMatchObject({ reason: "affix", evidence: { affixes } });
  });

  it("flags a look-alike display name, and the plain brand name more mildly", () => {
    const lookalike = match("xyz123", "Τelekom hilft"); // Greek capital tau
    expect(lookalike).toMatchObject({ reason: "skeleton", evidence: { field: "displayName" } });
    const plain = match("xyz123", "Telekom hilft");
    expect(plain).toMatchObject({ reason: "skeleton", score: 0.6 });
    expect(plain!.score).toBeLessThan(lookalike!.score);
  });

  it.each([
    ["random_user", "Jana"],
    ["telekomfan2012", "Jana"],
    ["hilft_mir_bitte", ""],
    ["vodafone_de", "Vodafone"],
    ["tom", "Tom"],
    ["support", "Support"],
  ])("leaves %s alone", (handle, name) => {
    expect(match(handle, name)).toBeNull();
  });

  it("folds full-width and mathematical letters first", () => {
    expect(match("ＴＥＬＥＫＯＭ_hilft")?.reason).toBe("skeleton");
    expect(match("𝐭𝐞𝐥𝐞𝐤𝐨𝐦_hilft")?.reason).toBe("skeleton");
  });

  it("ignores zero-width characters hidden in a handle", () => {
    expect(match("telekom\u200b_hilft")?.reason).toBe("skeleton");
  });

  it("handles an empty candidate and an empty brand", () => {
    expect(match("")).toBeNull();
    expect(matchImpostor({ handle: "telekom" }, { handles: [], names: [] })).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { chooseBiases, foldsOf, RECIPES, type Recipe } from "../scripts/text-recipes.ts";

const praise = RECIPES.find((r) => r.name === "praise")!;

describe("text-model recipes", () => {
  it("chooses the praise threshold per document when asked, not by the largest document", () => {
    // Document A: 100 comments that look a little like praise but are not, one clear praise.
    // Document B: two praise comments the model is unsure about.
    const oof = [
      ...Array.from({ length: 100 }, () => ({ y: 0, p: [0.6, 0.4], group: "A" })),
      { y: 1, p: [0.1, 0.9], group: "A" },
      { y: 1, p: [0.7, 0.3], group: "B" },
      { y: 1, p: [0.7, 0.3], group: "B" },
    ];
    const pooled: Recipe = { ...praise, biasObjective: "pooled" };
    const perDocument: Recipe = { ...praise, biasObjective: "mean-of-groups" };
    // Pooled: flagging B's praise would flag A's 100 comments too.
    expect(chooseBiases(pooled, oof).bias[1]).toBeLessThan(Math.log(0.6 / 0.4));
    expect(chooseBiases(pooled, oof).score).toBeCloseTo(0.5, 6);
    // Per document: B counts as much as A.
    const chosen = chooseBiases(perDocument, oof);
    expect(chosen.bias[1]).toBeGreaterThan(Math.log(0.7 / 0.3));
    expect(chosen.score).toBeCloseTo((2 / 102 + 1) / 2, 6);
  });

  it("repeats hashed folds with other assignments and keeps the first as before", () => {
    const groups = Array.from({ length: 200 }, (_, i) => `text ${i}`);
    const sentiment = RECIPES.find((r) => r.name === "sentiment")!;
    const first = foldsOf(sentiment, groups);
    const again = foldsOf(sentiment, groups, 0);
    const second = foldsOf(sentiment, groups, 1);
    expect(groups.map(first)).toEqual(groups.map(again));
    const moved = groups.filter((g) => first(g) !== second(g)).length;
    expect(moved).toBeGreaterThan(100);
    for (const g of groups) expect(second(g)).toBeLessThan(4);
    // One fold per document ignores the repeat.
    const byDocument = foldsOf(praise, ["b", "a", "b"], 2);
    expect([byDocument("a"), byDocument("b")]).toEqual([0, 1]);
  });
});

import { describe, expect, it } from "vitest";
import { groupNearDuplicates, normalizeWords, textSimilarity } from "./near-duplicates.ts";

describe("near-duplicate messages", () => {
  it("normalises case, accents, ß, links, mentions and shouting", () => {
    expect(
      normalizeWords("@telekom_hilft Störung in KÖLN!!! Straße https://t.co/x Neeein"),
    ).toEqual(["storung", "in", "koln", "strasse", "nein"]);
  });

  it("scores rephrased outage complaints as similar and unrelated ones as not", () => {
    expect(
      textSimilarity(
        "Kein Internet seit heute Morgen in 50667 Köln",
        "Seit heute früh kein Internet in Köln!!",
      ),
    ).toBeGreaterThan(0.5);
    expect(
      textSimilarity(
        "@telekom_hilft no internet since this morning in Cologne",
        "No internet in Cologne since this morning!!!",
      ),
    ).toBe(1);
    expect(
      textSimilarity("Kein Internet seit heute Morgen in Köln", "Wann kommt das neue iPhone?"),
    ).toBeLessThan(0.2);
    expect(textSimilarity("", "")).toBe(1);
  });

  const batch = [
    { id: "a", text: "Kein Internet seit heute Morgen in 50667 Köln" },
    { id: "b", text: "Danke für die schnelle Hilfe gestern!" },
    { id: "c", text: "Seit heute früh kein Internet in Köln!!" },
    { id: "d", text: "No internet since this morning in Cologne" },
    { id: "e", text: "Internet in Köln seit heute morgen weg @telekom_hilft" },
    { id: "f", text: "no internet in cologne since this morning!!!" },
    { id: "g", text: "Wann kommt das neue iPhone in den Shop?" },
    { id: "h", text: "!!!" },
    { id: "i", text: "???" },
  ];

  it("groups German and English variants separately and leaves the rest alone", () => {
    const groups = groupNearDuplicates(batch);
    expect(groups.map((g) => g.ids)).toEqual([
      ["a", "c", "e"],
      ["d", "f"],
    ]);
    expect(groups[0]!.representativeId).toBe("a");
    expect(groups[0]!.minSimilarity).toBeGreaterThan(0.5);
  });

  it("is deterministic and independent of the candidate strategy", () => {
    const exhaustive = groupNearDuplicates(batch, { exhaustiveUpTo: 1000 });
    const banded = groupNearDuplicates(batch, { exhaustiveUpTo: 0 });
    expect(banded).toEqual(exhaustive);
    expect(groupNearDuplicates(batch)).toEqual(exhaustive);
  });

  it("finds a large outage group among many different messages via MinHash", () => {
    const towns = ["Köln", "Bonn", "Essen", "Bochum", "Dortmund"];
    const items = Array.from({ length: 600 }, (_, i) => ({
      id: `m${i}`,
      text:
        i % 3 === 0
          ? `Kein Internet seit heute Morgen in Köln ${i % 2 ? "!!" : ""}`
          : `Frage ${i}: Vertrag ${i * 7} Tarif ${towns[i % 5]} Nummer ${i * 13} Rechnung ${i}`,
    }));
    const groups = groupNearDuplicates(items, { threshold: 0.8 });
    const outage = groups.find((g) => g.representativeId === "m0")!;
    expect(outage.ids).toEqual(items.filter((_, i) => i % 3 === 0).map((m) => m.id));
    const others = groups.filter((g) => g !== outage).flatMap((g) => g.ids);
    expect(others.some((id) => Number(id.slice(1)) % 3 === 0)).toBe(false);
  });

  it("returns nothing for an empty batch and respects the minimum group size", () => {
    expect(groupNearDuplicates([])).toEqual([]);
    expect(groupNearDuplicates(batch, { minGroupSize: 3 }).map((g) => g.ids)).toEqual([
      ["a", "c", "e"],
    ]);
  });
});

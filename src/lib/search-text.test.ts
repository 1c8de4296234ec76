import { describe, expect, it } from "vitest";
import { detectSearchConfig, languageOf, orQuery, queryWords } from "./search-text.ts";

describe("detectSearchConfig", () => {
  it("tells German from English", () => {
    expect(detectSearchConfig("Wie kann ich meinen Vertrag kündigen?")).toBe("german");
    expect(detectSearchConfig("How do I cancel my contract?")).toBe("english");
    expect(detectSearchConfig("Mein Internet geht seit gestern nicht")).toBe("german");
  });
  it("falls back for texts too short to tell", () => {
    expect(detectSearchConfig("?!", "english")).toBe("english");
    expect(detectSearchConfig("", "german")).toBe("german");
  });
  it("maps configurations to language codes", () => {
    expect(languageOf("german")).toBe("de");
    expect(languageOf("simple")).toBeUndefined();
  });
});

describe("queryWords", () => {
  it("keeps distinct lower-case words and drops operators and quotes", () => {
    expect(queryWords("Router's LED: rot | (blinkt) & router!")).toEqual([
      "router",
      "led",
      "rot",
      "blinkt",
    ]);
    expect(orQuery(queryWords("a b' c:* dd !ee"))).toBe("dd | ee");
  });
  it("limits the number of words", () => {
    const text = Array.from({ length: 100 }, (_, i) => `wort${i}`).join(" ");
    expect(queryWords(text, 5)).toHaveLength(5);
  });
});

import { describe, expect, it } from "vitest";
import { normalizeTag, normalizeTags, parseIdSlug, slugify } from "./slug.ts";

describe("slugify", () => {
  it("spells out umlauts and ß, drops accents and punctuation", () => {
    expect(slugify("Wie kündige ich meinen Vertrag?")).toBe("wie-kuendige-ich-meinen-vertrag");
    expect(slugify("Straße & Grüße")).toBe("strasse-gruesse");
    expect(slugify("Café crème — déjà vu!")).toBe("cafe-creme-deja-vu");
  });
  it("cuts at a word boundary and handles empty or symbol-only titles", () => {
    expect(slugify("eins zwei drei vier", 10)).toBe("eins-zwei");
    expect(slugify("Donaudampfschifffahrt", 8)).toBe("donaudam");
    expect(slugify("?!")).toBe("");
    expect(slugify("Привет мир")).toBe("");
  });
});

describe("tags", () => {
  it("normalises case, spaces and symbols; keeps letters of any script", () => {
    expect(normalizeTag("  eSIM ")).toBe("esim");
    expect(normalizeTag("Rechnung & Vertrag")).toBe("rechnung-vertrag");
    expect(normalizeTag("Kündigung")).toBe("kündigung");
    expect(normalizeTag("---")).toBe("");
  });
  it("deduplicates in first-seen order", () => {
    expect(normalizeTags(["DSL", "dsl", " ", "Router"])).toEqual(["dsl", "router"]);
  });
});

describe("parseIdSlug", () => {
  it("reads the number and the slug", () => {
    expect(parseIdSlug("42-router-blinkt")).toEqual({ id: 42, slug: "router-blinkt" });
    expect(parseIdSlug("42")).toEqual({ id: 42, slug: "" });
  });
  it("refuses anything else", () => {
    expect(parseIdSlug("abc")).toBeUndefined();
    expect(parseIdSlug("0-x")).toBeUndefined();
    expect(parseIdSlug("-1")).toBeUndefined();
    expect(parseIdSlug("9999999999999999999")).toBeUndefined();
  });
});

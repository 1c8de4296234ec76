import { describe, expect, it } from "vitest";
import { addedMentions, handleCandidate, handleFromName, parseMentions } from "./mentions.ts";

describe("parseMentions", () => {
  it("finds distinct handles without case, in order", () => {
    expect(parseMentions("Hi @Anna and @bernd_k, @anna again")).toEqual(["anna", "bernd_k"]);
  });
  it("takes a mention at the start, after punctuation and in parentheses", () => {
    expect(parseMentions("@eva: see (@max) and,@lea")).toEqual(["eva", "max", "lea"]);
  });
  it("drops a trailing dot or hyphen that ends the sentence", () => {
    expect(parseMentions("Thanks @anna.k. Bye @tom-")).toEqual(["anna.k", "tom"]);
  });
  it("ignores e-mail addresses, URLs and double at signs", () => {
    expect(parseMentions("mail anna@example.com or see https://x.com/@bob and @@carl")).toEqual([]);
  });
  it("ignores code spans and fenced blocks", () => {
    const md = "Use `@decorator` here\n```\n@Override\n```\nbut ask @eva";
    expect(parseMentions(md)).toEqual(["eva"]);
  });
  it("needs at least two characters and stops at 30", () => {
    expect(parseMentions("@a @ab")).toEqual(["ab"]);
    expect(parseMentions(`@${"x".repeat(35)}`)).toEqual(["x".repeat(30)]);
  });
});

describe("addedMentions", () => {
  it("returns only handles the edit added", () => {
    expect(addedMentions("hi @anna", "hi @anna and @ben")).toEqual(["ben"]);
    expect(addedMentions("hi @anna", "hi @ANNA")).toEqual([]);
  });
});

describe("handles from names", () => {
  it("spells out umlauts and joins words with underscores", () => {
    expect(handleFromName("Jörg Müller")).toBe("joerg_mueller");
  });
  it("pads names too short or without letters", () => {
    expect(handleFromName("E")).toBe("membere");
    expect(handleFromName("李")).toBe("member");
  });
  it("numbers alternatives within 30 characters", () => {
    expect(handleCandidate("anna", 1)).toBe("anna");
    expect(handleCandidate("anna", 3)).toBe("anna3");
    expect(handleCandidate("x".repeat(30), 12)).toBe(`${"x".repeat(28)}12`);
  });
});

import { describe, expect, it } from "vitest";
import { extractUrlRanges, fitsInTweet, parseTweet, xWeightedLength } from "./x-text.ts";

describe("xWeightedLength", () => {
  it("counts Latin, German and other weight-100 scripts one per character", () => {
    expect(xWeightedLength("")).toBe(0);
    expect(xWeightedLength("Hallo")).toBe(5);
    expect(xWeightedLength("Grüße aus Köln, ÄÖÜß")).toBe(20);
    expect(xWeightedLength("Привет")).toBe(6); // Cyrillic
    expect(xWeightedLength("שלום")).toBe(4); // Hebrew
    expect(xWeightedLength("नमस्ते")).toBe(6); // Devanagari, incl. combining signs
  });

  it("counts the weight-100 punctuation ranges one and other symbols two", () => {
    expect(xWeightedLength("\u2013\u2014\u2018\u201c")).toBe(4); // dashes and quotes
    expect(xWeightedLength("\u2026")).toBe(2); // … (U+2026) is outside the ranges
    expect(xWeightedLength("\u2032")).toBe(1); // prime
    expect(xWeightedLength("€")).toBe(2); // U+20AC
    expect(xWeightedLength("™")).toBe(2);
  });

  it("counts CJK two per character", () => {
    expect(xWeightedLength("日本語")).toBe(6);
    expect(xWeightedLength("한국어")).toBe(6);
    expect(xWeightedLength("a中b")).toBe(4);
  });

  it("counts every emoji and emoji sequence as two", () => {
    expect(xWeightedLength("😀")).toBe(2);
    expect(xWeightedLength("👍🏽")).toBe(2); // skin tone modifier
    expect(xWeightedLength("👨‍👩‍👧‍👦")).toBe(2); // ZWJ family
    expect(xWeightedLength("🏳️‍🌈")).toBe(2); // flag with ZWJ
    expect(xWeightedLength("🇩🇪")).toBe(2); // regional indicator pair
    expect(xWeightedLength("1️⃣")).toBe(2); // keycap
    expect(xWeightedLength("❤️")).toBe(2); // text symbol + VS16
    expect(xWeightedLength("Danke 🙏🙏")).toBe(10);
  });

  it("keeps plain © and ® as text but counts them as emoji with U+FE0F", () => {
    expect(xWeightedLength("©")).toBe(1);
    expect(xWeightedLength("©\uFE0F")).toBe(2);
  });

  it("counts every URL as 23 whatever its length", () => {
    expect(xWeightedLength("https://t.co")).toBe(23);
    expect(
      xWeightedLength(
        "Siehe https://www.telekom.de/hilfe/festnetz-internet-tv/stoerung-melden?foo=bar&x=1",
      ),
    ).toBe(6 + 23);
    expect(xWeightedLength("telekom.de/hilfe und www.example.com")).toBe(23 + 5 + 23);
    expect(xWeightedLength("Link: https://example.com/a.")).toBe(6 + 23 + 1);
  });

  it("does not take e-mail addresses or handles for URLs", () => {
    expect(extractUrlRanges("schreib an max@example.com")).toEqual([]);
    expect(extractUrlRanges("@telekom_hilft hallo")).toEqual([]);
    expect(xWeightedLength("max@example.com")).toBe(15);
  });

  it("normalises to NFC before counting", () => {
    expect(xWeightedLength("e\u0301")).toBe(1); // é decomposed
  });
});

describe("fitsInTweet", () => {
  it("accepts up to 280 and refuses more", () => {
    expect(fitsInTweet("a".repeat(280))).toBe(true);
    expect(fitsInTweet("a".repeat(281))).toBe(false);
    expect(fitsInTweet("中".repeat(140))).toBe(true);
    expect(fitsInTweet("中".repeat(141))).toBe(false);
    expect(fitsInTweet("😀".repeat(140))).toBe(true);
    expect(fitsInTweet(`${"a".repeat(256)} https://example.com/${"x".repeat(300)}`)).toBe(true);
    expect(fitsInTweet(`${"a".repeat(257)} https://example.com/`)).toBe(false);
  });

  it("refuses empty or blank texts and characters X does not allow", () => {
    expect(fitsInTweet("")).toBe(false);
    expect(fitsInTweet("   \n")).toBe(false);
    expect(fitsInTweet("ok\uFEFF")).toBe(false);
    expect(fitsInTweet("ok\u202E")).toBe(false);
  });

  it("reports permillage like twitter-text", () => {
    expect(parseTweet("a".repeat(140)).permillage).toBe(500);
  });
});

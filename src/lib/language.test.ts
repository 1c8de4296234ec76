import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

describe("detectLanguage", () => {
  it("tells German from English, with the code to store", () => {
    expect(
      detectLanguage("Mein Internet geht seit gestern Abend nicht mehr, was ist da los?"),
    ).toMatchObject({ language: "de", code: "de" });
    expect(
      detectLanguage("My internet has been down since last night, what is going on?"),
    ).toMatchObject({ language: "en", code: "en" });
  });

  it("reports other languages by code, read as `other`", () => {
    expect(
      detectLanguage("Bonjour, ma connexion internet ne fonctionne plus depuis hier soir."),
    ).toMatchObject({ language: "other", code: "fr" });
  });

  it("ignores handles and links, and has no code for too little text", () => {
    expect(detectLanguage("@telekom_hilft https://t.co/abc ok")).toMatchObject({
      language: "other",
      code: null,
    });
    expect(detectLanguage("")).toEqual({ language: "other", code: null, confidence: 0 });
  });
});

import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

describe("detectLanguage", () => {
  it("tells German from English", () => {
    expect(
      detectLanguage("Mein Internet geht seit gestern Abend nicht mehr, was ist da los?"),
    ).toBe("de");
    expect(detectLanguage("My internet has been down since last night, what is going on?")).toBe(
      "en",
    );
  });
  it("ignores handles and links, and says null for too little text", () => {
    expect(detectLanguage("@telekom_hilft https://t.co/abc ok")).toBeNull();
    expect(detectLanguage("")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { blendWithLexicon } from "./analyze-text.ts";
import { extractFeatures, hash, normaliseText, tokenize } from "./features.ts";
import { detectLanguage } from "./language.ts";
import { scoreLexicon } from "./lexicon.ts";
import { LinearModel, seededRandom, trainLinearModel } from "./linear-model.ts";
import { f1Scores } from "./metrics.ts";

describe("features", () => {
  it("replaces links, mentions and numbers and keeps emoticons and emoji", () => {
    expect(normaliseText("@telekom_hilft 3 Tage https://x.de/a")).toContain("_user_");
    expect(tokenize("Suuuuper :-) 👍 !!! <3 @db 12")).toEqual([
      "suuper",
      ":)",
      "👍",
      "!!",
      "♥",
      "_user_",
      "_num_",
    ]);
  });

  it("hashes deterministically into the bucket range, with unit length", () => {
    expect(hash("abc")).toBe(hash("abc"));
    const x = extractFeatures("Danke für die Hilfe", { bits: 10 });
    for (const k of x.keys()) expect(k).toBeLessThan(1024);
    const norm = Math.sqrt([...x.values()].reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 6);
  });

  it("adds lexicon features when asked", () => {
    const plain = extractFeatures("super", { bits: 12 });
    const withLex = extractFeatures("super", { bits: 12, lexicon: "de" });
    expect(withLex.size).toBeGreaterThan(plain.size);
  });
});

describe("lexicon", () => {
  it("scores German and English polarity", () => {
    expect(scoreLexicon("Vielen Dank, super Service!", "de").score).toBeGreaterThan(0.5);
    expect(scoreLexicon("Unzumutbar, eine Katastrophe", "de").score).toBeLessThan(-0.5);
    expect(scoreLexicon("Great job, thanks!", "en").score).toBeGreaterThan(0.5);
    expect(scoreLexicon("worst service ever", "en").score).toBeLessThan(-0.5);
    expect(scoreLexicon("Wann kommt der Techniker?", "de").score).toBe(0);
  });

  it("flips negated words within the sentence only", () => {
    expect(scoreLexicon("nicht gut", "de").score).toBeLessThan(0);
    expect(scoreLexicon("not bad", "en").score).toBeGreaterThan(0);
    expect(scoreLexicon("Kam nicht. Unzumutbar!", "de").score).toBeLessThan(-0.5);
  });

  it("prefers phrases over single words and counts praise cues", () => {
    expect(scoreLexicon("Danke für nichts", "de").score).toBeLessThan(0);
    expect(scoreLexicon("thanks for nothing", "en").score).toBeLessThan(0);
    expect(scoreLexicon("Danke, weiter so!", "de").praise).toBeGreaterThan(0);
  });
});

describe("linear model", () => {
  const data = [
    ["toll super danke", "pos"],
    ["super klasse", "pos"],
    ["danke toll", "pos"],
    ["schlecht kaputt", "neg"],
    ["kaputt mies", "neg"],
    ["mies schlecht", "neg"],
  ] as const;
  const labels = ["neg", "pos"];
  const examples = data.map(([t, l]) => ({
    x: extractFeatures(t, { bits: 12 }),
    y: labels.indexOf(l),
  }));

  it("learns a separable toy task reproducibly and survives a save/load round trip", () => {
    const options = { bits: 12, epochs: 20, learningRate: 0.5, l2: 1e-5, seed: 1 };
    const model = trainLinearModel(examples, labels, options);
    expect(model.predict("super danke").pos).toBeGreaterThan(0.7);
    expect(model.predict("kaputt mies").neg).toBeGreaterThan(0.7);
    const again = trainLinearModel(examples, labels, options);
    expect(again.predict("super")).toEqual(model.predict("super"));
    const loaded = LinearModel.fromFile(model.toFile({ test: true }));
    expect(loaded.predict("super danke").pos).toBeCloseTo(model.predict("super danke").pos!, 3);
  });

  it("refuses a model trained with other features", () => {
    const file = trainLinearModel(examples, labels, {
      bits: 12,
      epochs: 1,
      learningRate: 0.5,
      l2: 0,
      seed: 1,
    }).toFile({});
    expect(() => LinearModel.fromFile({ ...file, featureVersion: 999 })).toThrow(/Retrain/);
  });

  it("has a seeded random generator", () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    expect([a(), a()]).toEqual([b(), b()]);
  });
});

describe("language", () => {
  it.each([
    ["Mein Internet geht seit gestern nicht mehr", "de"],
    ["My internet has been down since yesterday", "en"],
    ["Danke!", "de"],
    ["thanks a lot", "en"],
    ["Merci beaucoup pour votre aide, c'est très gentil", "other"],
  ])("%s → %s", (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it("says other for text without words", () => {
    expect(detectLanguage("👍👍 12345").language).toBe("other");
  });
});

describe("blendWithLexicon and metrics", () => {
  it("lets a clearly polar lexicon reading override the model", () => {
    expect(blendWithLexicon("positive", -0.8, 0.1)).toBe("negative");
    expect(blendWithLexicon("neutral", 0.8, 0.1)).toBe("positive");
    expect(blendWithLexicon("negative", 0.8, 0.7)).toBe("negative");
    expect(blendWithLexicon("neutral", 0.2, 0.1)).toBe("neutral");
  });

  it("computes per-class precision, recall and F1", () => {
    const f = f1Scores(
      [
        { y: 1, yhat: 1 },
        { y: 1, yhat: 0 },
        { y: 0, yhat: 1 },
        { y: 0, yhat: 0 },
      ],
      2,
    );
    expect(f[1]).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(f1Scores([], 2)[0]).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

import { describe, expect, it } from "vitest";
import { detectLanguage } from "../language.ts";
import { extractFeatures, hash, normaliseText, tokenize } from "./features.ts";
import { scoreLexicon } from "./lexicon.ts";
import {
  LinearModel,
  naiveBayesRatios,
  seededRandom,
  trainComplementNaiveBayes,
  trainLinearModel,
} from "./linear-model.ts";
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

  it("reads spaced emoticons, symbol hearts and emoji variants as one token each", () => {
    expect(tokenize("Kunst ♡ ★ : 3 < 3 * - * : - ) :3 ^^")).toEqual([
      "kunst",
      "♡",
      "★",
      "_cat_",
      "♥",
      "*-*",
      ":)",
      "_cat_",
      "^^",
    ]);
    // Variation selectors and skin tones drop: the same heart and thumb either way.
    expect(tokenize("❤️ 👍🏽")).toEqual(tokenize("❤ 👍"));
    // Times and scores stay numbers.
    expect(tokenize("um 10:30 Uhr 3:1")).toEqual(["um", "_num_", "_num_", "uhr", "_num_", "_num_"]);
  });

  it("hashes deterministically into the bucket range, with unit length", () => {
    expect(hash("abc")).toBe(hash("abc"));
    const x = extractFeatures("Danke für die Hilfe", { bits: 10 });
    for (const k of x.keys()) expect(k).toBeLessThan(1024);
    const norm = Math.sqrt([...x.values()].reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 6);
  });

  it("hashes character n-grams as the strings `c:<n-gram>` would be, in the same order", () => {
    const mask = (1 << 18) - 1;
    for (const text of ["Grüße aus Köln", "Tschüss 𠀋好 :-) super!!"]) {
      const raw = new Map<number, number>();
      const add = (feature: string, weight: number) => {
        const i = hash(feature) & mask;
        raw.set(i, (raw.get(i) ?? 0) + weight);
      };
      const tokens = tokenize(text);
      tokens.forEach((t, i) => {
        add(`w:${t}`, 1);
        if (i > 0) add(`b:${tokens[i - 1]} ${t}`, 1);
        if (!/^\p{L}/u.test(t) || t.length < 2) return;
        const padded = `^${t}$`;
        for (let n = 2; n <= 5; n++)
          for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`, 0.5);
      });
      let squares = 0;
      for (const v of raw.values()) squares += (1 + Math.log(v)) ** 2;
      const x = extractFeatures(text, { bits: 18, chars: [2, 5] });
      expect([...x.keys()]).toEqual([...raw.keys()]);
      for (const [k, v] of raw) expect(x.get(k)).toBe((1 + Math.log(v)) / Math.sqrt(squares));
    }
  });

  it("hands out tokens and lexicon scores that callers may change", () => {
    const tokens = tokenize("Danke super");
    tokens.push("extra");
    expect(tokenize("Danke super")).toEqual(["danke", "super"]);
    const score = scoreLexicon("Danke super", "de");
    score.positive = 99;
    expect(scoreLexicon("Danke super", "de").positive).toBeLessThan(99);
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

  it("weighs each example by its weight in the regression and in naive Bayes", () => {
    // "super" is praised twice and blamed once; the weight decides which side wins.
    const texts = [
      ["super danke", 1, 1],
      ["super toll", 1, 1],
      ["kaputt mies", 0, 1],
      ["super kaputt", 0, 1],
    ] as const;
    const build = (w: number) =>
      texts.map(([t, y, weight], i) => ({
        x: extractFeatures(t, { bits: 12 }),
        y,
        weight: i === 3 ? w : weight,
      }));
    const options = { bits: 12, epochs: 30, learningRate: 0.5, l2: 0, seed: 1 };
    const praiseOf = (m: LinearModel) => m.predict("super").pos!;
    const light = trainLinearModel(build(0), labels, options);
    const heavy = trainLinearModel(build(20), labels, options);
    expect(praiseOf(light)).toBeGreaterThan(0.5);
    expect(praiseOf(heavy)).toBeLessThan(praiseOf(light));
    const nbLight = trainComplementNaiveBayes(build(0), labels, { bits: 12, alpha: 0.1 });
    const nbHeavy = trainComplementNaiveBayes(build(20), labels, { bits: 12, alpha: 0.1 });
    expect(praiseOf(nbLight)).toBeGreaterThan(0.5);
    expect(praiseOf(nbHeavy)).toBeLessThan(0.5);
  });

  it("scales features by naive Bayes ratios (NB-LR) and keeps one dot product at inference", () => {
    const ratios = naiveBayesRatios(examples, 2, 12, 0.1);
    const key = (f: string) => hash(f) & 4095;
    // "toll" is only ever positive: evidence for pos, against neg; unseen buckets stay near 0.
    expect(ratios[1]![key("w:toll")]).toBeGreaterThan(0);
    expect(ratios[0]![key("w:toll")]).toBeLessThan(0);
    const options = { bits: 12, epochs: 20, learningRate: 0.5, l2: 1e-5, seed: 1 };
    const scaled = trainLinearModel(examples, labels, { ...options, featureScale: ratios });
    expect(scaled.predict("super danke").pos).toBeGreaterThan(0.7);
    expect(scaled.predict("kaputt mies").neg).toBeGreaterThan(0.7);
    const loaded = LinearModel.fromFile(scaled.toFile({}));
    expect(loaded.predict("toll").pos).toBeCloseTo(scaled.predict("toll").pos!, 3);
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

describe("feature options and model blending", () => {
  const bits = 12;
  const key = (f: string) => hash(f) & ((1 << bits) - 1);

  it("marks negated words, adds cross-word character n-grams and shape cues on request", () => {
    const plain = extractFeatures("Das war nicht gut!", { bits, chars: [0, 0] });
    expect(plain.has(key("neg:gut"))).toBe(false);
    const negated = extractFeatures("Das war nicht gut! Super", {
      bits,
      chars: [0, 0],
      negation: true,
    });
    expect(negated.has(key("neg:gut"))).toBe(true);
    // The clause ends at "!": "super" is not negated.
    expect(negated.has(key("neg:super"))).toBe(false);
    const cross = extractFeatures("nicht gut", { bits, chars: [0, 0], crossChars: [4, 4] });
    expect(cross.has(key("x:t gu"))).toBe(true);
    const shape = extractFeatures("WARUM?!", { bits, chars: [0, 0], shape: true });
    expect(shape.has(key("s:multi"))).toBe(true);
    expect(shape.has(key("s:caps"))).toBe(true);
  });

  it("learns complement naive Bayes and blends it with a regression into one model", () => {
    const texts = [
      ["super danke toll", 1],
      ["danke super hilfe", 1],
      ["kaputt schon wieder", 0],
      ["wieder kaputt ärger", 0],
    ] as const;
    const examples = texts.map(([t, y]) => ({ x: extractFeatures(t, { bits }), y }));
    const labels = ["other", "praise"];
    const bayes = trainComplementNaiveBayes(examples, labels, { bits, alpha: 0.1 });
    const praiseOf = (m: LinearModel, t: string) => m.predict(t).praise!;
    expect(praiseOf(bayes, "danke super")).toBeGreaterThan(0.5);
    expect(praiseOf(bayes, "schon wieder kaputt")).toBeLessThan(0.5);
    const regression = trainLinearModel(examples, labels, {
      bits,
      epochs: 20,
      learningRate: 0.5,
      l2: 0,
      seed: 1,
    });
    const blend = LinearModel.blend([
      { model: regression, factor: 1 },
      { model: bayes, factor: 0.5 },
    ]);
    // Logits add up: the blend is at least as sure as the regression where both agree.
    expect(praiseOf(blend, "danke super")).toBeGreaterThan(praiseOf(regression, "danke super"));
    const same = LinearModel.average([regression, regression]);
    expect(praiseOf(same, "danke")).toBeCloseTo(praiseOf(regression, "danke"), 5);
  });
});

describe("metrics", () => {
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

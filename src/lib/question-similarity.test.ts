import { describe, expect, it } from "vitest";
import {
  answersBm25,
  bm25f,
  type CollectionStats,
  candidateWords,
  DEFAULT_SIMILARITY,
  type FieldedText,
  inverseDocumentFrequency,
  lexemeQuery,
  parseTsvector,
  queryTermWeights,
  rankBySimilarity,
} from "./question-similarity.ts";

const text = (title: Record<string, number>, body: Record<string, number>): FieldedText => ({
  title: new Map(Object.entries(title)),
  body: new Map(Object.entries(body)),
  titleLength: Object.values(title).reduce((a, b) => a + b, 0),
  bodyLength: Object.values(body).reduce((a, b) => a + b, 0),
});

const stats = (df: Record<string, number>, documents = 100): CollectionStats => ({
  documents,
  averageTitleLength: 4,
  averageBodyLength: 20,
  averageAnswersLength: 50,
  documentFrequency: new Map(Object.entries(df)),
});

describe("parseTsvector", () => {
  it("counts title (A) and body (B, D) positions per lexeme", () => {
    const t = parseTsvector("'bank':1A,5B 'best':2A 'qatar':7B 'doha':9");
    expect(t.title).toEqual(
      new Map([
        ["bank", 1],
        ["best", 1],
      ]),
    );
    expect(t.body).toEqual(
      new Map([
        ["bank", 1],
        ["qatar", 1],
        ["doha", 1],
      ]),
    );
    expect(t.titleLength).toBe(2);
    expect(t.bodyLength).toBe(3);
  });

  it("counts every position of a lexeme by its weight (none is D)", () => {
    const t = parseTsvector("'netz':1A,2A,7,9C,12B 'tarif':3");
    expect(t.title.get("netz")).toBe(2);
    expect(t.body.get("netz")).toBe(3);
    expect(t.body.get("tarif")).toBe(1);
    expect([t.titleLength, t.bodyLength]).toEqual([2, 4]);
  });

  it("reads quoted lexemes and stripped vectors", () => {
    const t = parseTsvector("'it''s' 'a\\\\b':3A");
    expect(t.body.get("it's")).toBe(1);
    expect(t.title.get("a\\b")).toBe(1);
    expect(parseTsvector("")).toEqual({
      title: new Map(),
      body: new Map(),
      titleLength: 0,
      bodyLength: 0,
    });
  });
});

describe("inverseDocumentFrequency", () => {
  it("is larger for rarer words and stays positive for very common ones", () => {
    expect(inverseDocumentFrequency(1000, 1)).toBeGreaterThan(inverseDocumentFrequency(1000, 50));
    expect(inverseDocumentFrequency(1000, 1000)).toBeGreaterThan(0);
    // Unknown counts (0) are treated as one document.
    expect(inverseDocumentFrequency(1000, 0)).toBe(inverseDocumentFrequency(1000, 1));
  });
});

describe("bm25f", () => {
  const s = stats({ router: 5, blinkt: 10, der: 90 });
  const terms = queryTermWeights(text({ router: 1, blinkt: 1 }, { der: 1 }));

  it("weights the query's title words over its body words", () => {
    expect(terms.get("router")).toBe(DEFAULT_SIMILARITY.queryTitleWeight);
    expect(terms.get("der")).toBe(DEFAULT_SIMILARITY.queryBodyWeight);
  });

  it("scores a title match above the same match in the body (fields of average length)", () => {
    const inTitle = bm25f(terms, text({ router: 1, rot: 3 }, { heute: 20 }), s);
    const inBody = bm25f(terms, text({ heute: 1, rot: 3 }, { router: 1, x: 19 }), s);
    expect(inTitle).toBeGreaterThan(inBody);
  });

  it("values rare words over common ones and nothing shared at zero", () => {
    const rare = bm25f(terms, text({ router: 1 }, {}), s);
    const common = bm25f(terms, text({ der: 1 }, {}), s);
    expect(rare).toBeGreaterThan(common);
    expect(bm25f(terms, text({ vertrag: 1 }, { kündigen: 1 }), s)).toBe(0);
  });

  it("normalises for length: the same match in a long body counts less", () => {
    const short = bm25f(terms, text({}, { router: 1, a: 9 }), s);
    const long = bm25f(terms, text({}, { router: 1, a: 99 }), s);
    expect(short).toBeGreaterThan(long);
  });
});

describe("answersBm25", () => {
  const s = stats({ router: 5, der: 90 });
  const terms = queryTermWeights(text({ router: 1 }, { der: 1 }));
  const answers = (counts: Record<string, number>, length: number) => ({
    counts: new Map(Object.entries(counts)),
    length,
  });

  it("values rare words, is zero without a shared word or without answers", () => {
    expect(answersBm25(terms, answers({ router: 1 }, 50), s)).toBeGreaterThan(
      answersBm25(terms, answers({ der: 1 }, 50), s),
    );
    expect(answersBm25(terms, answers({ vertrag: 3 }, 50), s)).toBe(0);
    expect(answersBm25(terms, answers({}, 0), s)).toBe(0);
  });

  it("normalises for the answers' length and saturates repeats", () => {
    const short = answersBm25(terms, answers({ router: 2 }, 20), s);
    const long = answersBm25(terms, answers({ router: 2 }, 400), s);
    expect(short).toBeGreaterThan(long);
    const once = answersBm25(terms, answers({ router: 1 }, 50), s);
    const often = answersBm25(terms, answers({ router: 20 }, 50), s);
    expect(often).toBeGreaterThan(once);
    expect(often).toBeLessThan(20 * once);
  });
});

describe("rankBySimilarity", () => {
  it("lets the answers decide between questions that match alike", () => {
    const query = text({ esim: 1, iphone: 1 }, {});
    const s = stats({ esim: 3, iphone: 20 });
    const candidate = (id: string, counts: Record<string, number>) => ({
      id,
      text: text({ iphone: 1 }, {}),
      answers: { counts: new Map(Object.entries(counts)), length: 50 },
    });
    const ranked = rankBySimilarity(
      query,
      [candidate("offTopic", { bill: 4 }), candidate("answeredEsim", { esim: 2 })],
      s,
    );
    expect(ranked.map((r) => r.item.id)).toEqual(["answeredEsim", "offTopic"]);
    expect(ranked[0]!.score - ranked[1]!.score).toBeCloseTo(
      DEFAULT_SIMILARITY.answersWeight *
        answersBm25(queryTermWeights(query), ranked[0]!.item.answers, s),
    );
  });

  it("ranks best first, adds title similarity, and keeps the given order on ties", () => {
    const query = text({ esim: 1, iphone: 1 }, {});
    const s = stats({ esim: 3, iphone: 20 });
    const ranked = rankBySimilarity(
      query,
      [
        { id: "none", text: text({ bill: 1 }, {}) },
        { id: "iphone", text: text({ iphone: 1 }, {}) },
        { id: "both", text: text({ esim: 1, iphone: 1 }, {}) },
        { id: "none2", text: text({ bill: 1 }, {}) },
        { id: "typo", text: text({ bill: 1 }, {}), titleSimilarity: 0.8 },
      ],
      s,
    );
    expect(ranked.map((r) => r.item.id)).toEqual(["both", "iphone", "typo", "none", "none2"]);
    expect(ranked[2]!.score).toBeCloseTo(0.8 * DEFAULT_SIMILARITY.titleSimilarityWeight);
  });
});

describe("candidateWords", () => {
  it("takes the rarest words while their documents stay within the budget", () => {
    const f = new Map([
      ["the", 90_000],
      ["router", 3000],
      ["blinks", 400],
      ["gewitter", 0],
    ]);
    expect(candidateWords(f, 100_000, 8, 5000)).toEqual({
      lexemes: ["gewitter", "blinks", "router"],
      all: false,
    });
    expect(candidateWords(f, 100_000, 2, 5000).lexemes).toEqual(["gewitter", "blinks"]);
  });

  it("needs the rarest words together, enough of them to fall within the budget, when every word is common", () => {
    const f = new Map([
      ["the", 90_000],
      ["is", 80_000],
      ["my", 70_000],
      ["router", 20_000],
      ["not", 60_000],
    ]);
    // 100,000 × 0.2 × 0.6 = 12,000 expected, × 0.7 = 8,400, × 0.8 = 6,720, × 0.9 = 6,048.
    expect(candidateWords(f, 100_000, 8, 5000)).toEqual({
      lexemes: ["router", "not", "my", "is", "the"],
      all: true,
    });
    expect(candidateWords(f, 100_000, 8, 10_000)).toEqual({
      lexemes: ["router", "not", "my"],
      all: true,
    });
    expect(candidateWords(f, 100_000, 2, 5000).lexemes).toEqual(["router", "not"]);
    expect(candidateWords(new Map([["the", 90_000]]), 100_000, 8, 5000)).toEqual({
      lexemes: ["the"],
      all: false,
    });
    expect(candidateWords(new Map(), 0)).toEqual({ lexemes: [], all: false });
  });
});

describe("lexemeQuery", () => {
  it("quotes lexemes so that nothing is read as tsquery syntax", () => {
    expect(lexemeQuery({ lexemes: ["a", "it's", "x\\y"], all: false })).toBe(
      "'a' | 'it''s' | 'x\\\\y'",
    );
    expect(lexemeQuery({ lexemes: ["a", "b"], all: true })).toBe("'a' & 'b'");
    expect(lexemeQuery({ lexemes: [], all: false })).toBe("");
  });
});

import { eld } from "eld/medium";

/** What hilft's engines distinguish: German, English, anything else. */
export type Language = "de" | "en" | "other";

const DE_WORDS = new Set(
  "und ist nicht ich die der das ein eine mit für auf bei mein meine euer eure ihr wir sie es schon noch auch aber oder wenn dass warum wieso wann wie geht habe hab bin seit danke bitte hallo kein keine mehr heute jetzt immer".split(
    " ",
  ),
);
const EN_WORDS = new Set(
  "and is not the a an my your you we they it with for on at this that why when how have has been still thanks thank please hello hi no any more today now always can't don't doesn't isn't".split(
    " ",
  ),
);

export interface LanguageResult {
  /** German, English or other: which engine reads the text. */
  language: Language;
  /**
   * ISO 639-1 code to store with a message ("de", "en", "fr" …), or null when the text is
   * too short or unclear to say.
   */
  code: string | null;
  /** 0–1: eld's share of the score, or the function-word share when eld was unsure. */
  confidence: number;
}

/**
 * The one language detector of hilft (one eld call per message): eld (n-gram detection,
 * offline, its table ships in the package). Short social messages often leave eld unsure;
 * then common German and English function words decide between the two.
 */
export function detectLanguage(text: string): LanguageResult {
  const clean = text
    .replace(/\b(?:https?:\/\/|www\.)\S+/g, " ")
    .replace(/[@#][\p{L}\p{N}_]+/gu, " ")
    .trim();
  const words = clean.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let de = 0;
  let en = 0;
  for (const w of words) {
    if (DE_WORDS.has(w)) de++;
    if (EN_WORDS.has(w)) en++;
  }
  if (/[äöüß]/i.test(clean)) de += 1;
  const result = words.length > 0 ? eld.detect(clean) : undefined;
  const scores = result?.getScores() ?? {};
  const total = Object.values(scores).reduce((a, b) => a + b, 0);
  const code = result?.language ?? "";
  const share = total > 0 ? (scores[code] ?? 0) / total : 0;
  const reliable = result?.isReliable() ?? false;
  if (reliable && (code === "de" || code === "en")) {
    return { language: code, code, confidence: round(Math.max(share, 0.5)) };
  }
  if (de + en > 0 && de !== en) {
    const language = de > en ? "de" : "en";
    return { language, code: language, confidence: round(Math.max(de, en) / (de + en + 1)) };
  }
  if (code === "de" || code === "en") {
    return { language: code, code, confidence: round(share * 0.5) };
  }
  return {
    language: "other",
    code: reliable && code ? code : null,
    confidence: round(reliable ? share : 0),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

import { eld } from "eld/small";

/**
 * Pure helpers behind the community's similar-question search: which PostgreSQL text
 * search configuration suits a text, and the words of a text as a safe OR query.
 */
export type SearchConfig = "german" | "english" | "simple";

const CONFIG_BY_LANGUAGE: Record<string, SearchConfig> = { de: "german", en: "english" };

/**
 * German or English by `eld`, else `simple` (no stemming, no stop words). Very short
 * texts are unreliable to detect; the caller may pass the community's default language.
 */
export function detectSearchConfig(text: string, fallback: SearchConfig = "simple"): SearchConfig {
  const sample = text.slice(0, 2000);
  if (sample.replace(/[^\p{L}]/gu, "").length < 4) return fallback;
  const result = eld.detect(sample);
  const scores = result.getScores();
  // Restricting the choice to German and English: a short German title is often scored
  // as Dutch or Danish first, and we have no configuration for those anyway.
  const de = scores.de ?? 0;
  const en = scores.en ?? 0;
  if (de === 0 && en === 0) return CONFIG_BY_LANGUAGE[result.language] ?? fallback;
  return de >= en ? "german" : "english";
}

/** A two-letter language code for a configuration (`simple` has none). */
export function languageOf(config: SearchConfig): "de" | "en" | undefined {
  return config === "german" ? "de" : config === "english" ? "en" : undefined;
}

/**
 * The distinct words of `text` (letters and digits only, lower case, 2+ characters), in
 * order, at most `max`. They are passed to `to_tsquery` joined by `|`, so no operator or
 * quote from user input can reach the query parser.
 */
export function queryWords(text: string, max = 48): string[] {
  const words: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || raw.length > 40 || seen.has(raw)) continue;
    seen.add(raw);
    words.push(raw);
    if (words.length >= max) break;
  }
  return words;
}

/** `to_tsquery` input matching any of the words; empty string when there are none. */
export function orQuery(words: readonly string[]): string {
  return words.join(" | ");
}

import { eld } from "eld/medium";

/**
 * The language of a message as an ISO 639-1 code, or null when the text is too short or
 * unclear to say. Offline (eld ships its n-gram data in the package).
 */
export function detectLanguage(text: string): string | null {
  const cleaned = text
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[@#][\p{L}\p{N}_]+/gu, " ")
    .trim();
  if (cleaned.length < 3) return null;
  const result = eld.detect(cleaned);
  if (!result.language) return null;
  // Short texts are often unreliable; German and English are what the model case sees most.
  if (!result.isReliable()) {
    const scores = result.getScores();
    const best = (["de", "en"] as const).find((l) => (scores[l] ?? 0) > 0 && l === result.language);
    return best ?? null;
  }
  return result.language;
}

import { detectPersonalData } from "../../lib/personal-data/index.ts";
import type { TAnalyzeRequest, TAnalyzeResponse } from "./safety.schemas.ts";
import { textAnalyzer } from "./text-models.ts";

/**
 * Language, sentiment, praise and personal data of one message. Personal data is reported
 * as positions only (never the values), so the answer itself carries nothing sensitive.
 * Workspace settings (region, hotline allowlist, custom patterns) plug in here once
 * workspaces store them; until then German defaults apply.
 */
export async function analyzeMessage(input: TAnalyzeRequest): Promise<TAnalyzeResponse> {
  const analyzer = await textAnalyzer();
  const analysis = analyzer.analyze(input.text);
  const findings = detectPersonalData(input.text, { defaultRegion: "DE" });
  return {
    language: analysis.language,
    sentiment: analysis.sentiment,
    praise: analysis.praise,
    scores: analysis.scores,
    personalData: findings.map(({ type, start, end }) => ({ type, start, end })),
  };
}

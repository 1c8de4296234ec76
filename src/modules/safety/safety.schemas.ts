import { z } from "zod";

export const ZChannel = z.enum(["x", "facebook", "community", "email"]);

/** 20,000 characters: far above a post or DM, low enough to keep one request cheap. */
export const ANALYZE_MAX_LENGTH = 20_000;

export const ZAnalyzeRequest = z.object({
  text: z
    .string({ error: "is required and must be a string" })
    .min(1, "must not be empty")
    .max(ANALYZE_MAX_LENGTH, `must be at most ${ANALYZE_MAX_LENGTH} characters`),
  channel: ZChannel.optional(),
});
export type TAnalyzeRequest = z.infer<typeof ZAnalyzeRequest>;

export const ZPersonalDataFinding = z
  .object({
    type: z
      .string()
      .describe(
        "iban, payment_card, phone, email, postal_address, date_of_birth, password, tax_id or custom:<name>",
      ),
    start: z.number().int().describe("JS string index (UTF-16) of the first character"),
    end: z.number().int().describe("JS string index just after the last character"),
  })
  .meta({ id: "PersonalDataFinding" });

export const ZAnalyzeResponse = z
  .object({
    language: z.enum(["de", "en", "other"]),
    sentiment: z.enum(["positive", "neutral", "negative"]),
    praise: z.boolean(),
    scores: z.object({
      language: z.number().describe("confidence of the language guess, 0–1"),
      sentiment: z.number().describe("−1 (very negative) … 1 (very positive)"),
      praise: z.number().describe("praise score, 0–1"),
    }),
    personalData: z.array(ZPersonalDataFinding),
  })
  .meta({ id: "TextAnalysis" });
export type TAnalyzeResponse = z.infer<typeof ZAnalyzeResponse>;

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

// --- settings -------------------------------------------------------------------

const ZPolicy = z.object({
  hide: z.boolean().describe("hide the public post (Facebook; X cannot, recorded as unavailable)"),
  privateMessage: z
    .boolean()
    .describe("send the customer a private message (template per language)"),
});

export const ZSafetySettings = z
  .object({
    personalDataPolicy: z.object({ x: ZPolicy, facebook: ZPolicy }),
    revealRoles: z.array(z.string()),
    defaultRegion: z.string(),
    allowlist: z.array(z.string()),
    customPatterns: z.array(
      z.object({ name: z.string(), regex: z.string(), flags: z.string().optional() }),
    ),
    brandHandles: z.array(z.string()),
    brandNames: z.array(z.string()),
    brandCustomized: z.boolean().describe("false while the brand is derived from the X channels"),
  })
  .meta({ id: "SafetySettings" });

export const ZUpdateSafetySettingsRequest = z
  .object({
    personalDataPolicy: z
      .object({ x: ZPolicy.optional(), facebook: ZPolicy.optional() })
      .optional(),
    revealRoles: z
      .array(z.enum(["agent", "moderator", "admin"]))
      .max(3)
      .optional(),
    defaultRegion: z
      .string()
      .regex(/^[A-Z]{2}$/, "must be a two-letter region code such as DE")
      .optional(),
    allowlist: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
    customPatterns: z
      .array(
        z.object({
          name: z
            .string()
            .regex(/^[a-z0-9_-]{1,40}$/, "must be lower-case letters, digits, _ or -"),
          regex: z.string().min(1).max(500),
          flags: z
            .string()
            .regex(/^[imsu]*$/, "may only use the flags i, m, s, u")
            .optional(),
        }),
      )
      .max(50)
      .optional(),
    brandHandles: z
      .array(
        z
          .string()
          .trim()
          .transform((v) => v.replace(/^@/, ""))
          .pipe(z.string().min(1).max(50)),
      )
      .max(50)
      .nullable()
      .optional()
      .describe("null goes back to the handles of the workspace's X channels"),
    brandNames: z.array(z.string().trim().min(1).max(100)).max(50).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one setting to change" });
export type TUpdateSafetySettingsRequest = z.infer<typeof ZUpdateSafetySettingsRequest>;

// --- reveal -----------------------------------------------------------------------

export const ZRevealParams = z.object({
  id: z.uuid({ message: "must be a conversation id" }),
  messageId: z.uuid({ message: "must be a message id" }),
});
export const ZRevealRequest = z
  .object({ reason: z.string().trim().max(500).optional() })
  .optional()
  .describe("why it is needed; kept in the audit log");
export const ZRevealResponse = z.object({
  id: z.uuid(),
  text: z.string().describe("the message exactly as written"),
  personalData: z.array(ZPersonalDataFinding),
});

// --- impostors --------------------------------------------------------------------

export const ZImpostorStatus = z.enum(["suspected", "confirmed", "dismissed"]);
export const ZImpostor = z
  .object({
    id: z.uuid(),
    channel: z.string(),
    handle: z.string().nullable(),
    displayName: z.string().nullable(),
    platformUserId: z.string().nullable(),
    contactId: z.uuid().nullable(),
    status: ZImpostorStatus,
    reason: z.string(),
    score: z.number(),
    evidence: z.record(z.string(), z.unknown()),
    seenCount: z.number(),
    firstSeenAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Impostor" });
export const ZImpostorDecision = z
  .object({ note: z.string().trim().max(500).optional() })
  .optional();

// --- reports ----------------------------------------------------------------------

export const ZMonthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM")
    .optional()
    .describe("YYYY-MM in the workspace's time zone; the current month by default"),
});

export const ZPraiseReport = z.object({
  month: z.string(),
  total: z.number(),
  byChannel: z.array(
    z.object({ channelId: z.uuid(), channel: z.string(), name: z.string(), count: z.number() }),
  ),
});

export const ZPersonalDataReport = z.object({
  month: z.string(),
  total: z.number().describe("public messages with personal data"),
  byType: z.array(z.object({ type: z.string(), count: z.number() })),
});

export const ZPraiseFeedQuery = z.object({
  channel: z.enum(["x", "facebook", "community", "email"]).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const ZIncidentQuery = ZPraiseFeedQuery;

export const ZIncidentItem = z.object({
  id: z.uuid(),
  messageId: z.uuid(),
  conversationId: z.uuid(),
  channel: z.string(),
  channelName: z.string(),
  author: z.string().nullable(),
  /** The message with every finding replaced by its label; never the values. */
  text: z.string(),
  types: z.array(z.string()),
  /** What hilft did: `{hide, privateMessage}` → queued | unavailable | off. */
  actions: z.record(z.string(), z.string()),
  createdAt: z.iso.datetime(),
});

export const ZPraiseItem = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  channel: z.string(),
  author: z.string().nullable(),
  text: z.string(),
  language: z.string().nullable(),
  sentimentScore: z.number().nullable(),
  createdAt: z.iso.datetime(),
});

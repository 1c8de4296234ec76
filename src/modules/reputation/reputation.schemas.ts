import { z } from "zod";
import { ZBadgeRule } from "../../lib/reputation/badges.ts";
import { ZReputationSettings, ZReputationSettingsPatch } from "../../lib/reputation/settings.ts";
import { LEADERBOARD_PERIODS } from "./get-leaderboard.ts";

export const ZIdParams = z.object({ id: z.uuid({ message: "must be a UUID" }) });

export const ZRank = z.object({ key: z.string(), name: z.string() }).meta({ id: "Rank" });

export const ZBadge = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    icon: z.string(),
    manual: z.boolean(),
    rule: ZBadgeRule.nullable(),
  })
  .meta({ id: "Badge" });

export const ZBadgeAward = z
  .object({ badge: ZBadge, awardedAt: z.iso.datetime(), reason: z.string().nullable() })
  .meta({ id: "BadgeAward" });

export const ZLedgerEntry = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    points: z.number().int(),
    /** Points the rule gave before the daily cap. */
    uncappedPoints: z.number().int().nullable(),
    reversesId: z.uuid().nullable(),
    postType: z.string().nullable(),
    postId: z.uuid().nullable(),
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "LedgerEntry" });

export const ZReputationSummary = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    points: z.number().int(),
    rank: ZRank,
    nextRank: z
      .object({ rank: ZRank, pointsNeeded: z.number().int(), daysNeeded: z.number().int() })
      .nullable(),
    badges: z.array(ZBadgeAward),
  })
  .meta({ id: "ReputationSummary" });

export const ZMyReputation = ZReputationSummary.extend({
  privileges: z.record(z.string(), z.object({ has: z.boolean(), required: z.number().int() })),
  ledger: z.array(ZLedgerEntry),
}).meta({ id: "MyReputation" });

export const ZLeaderboardQuery = z.object({
  period: z.enum(LEADERBOARD_PERIODS).default("week"),
  board: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TLeaderboardQuery = z.infer<typeof ZLeaderboardQuery>;

export const ZLeaderboard = z
  .object({
    period: z.enum(LEADERBOARD_PERIODS),
    board: z.string().nullable(),
    items: z.array(
      z.object({
        position: z.number().int(),
        userId: z.uuid(),
        name: z.string(),
        points: z.number().int(),
        rank: ZRank,
      }),
    ),
  })
  .meta({ id: "Leaderboard" });

export const ZSettingsResponse = z.object({
  settings: ZReputationSettings,
  overrides: ZReputationSettingsPatch,
});
export { ZReputationSettingsPatch };

export const ZCreateBadgeRequest = z.object({
  key: z.string().regex(/^[a-z0-9-]{2,40}$/, "use 2-40 lower-case letters, digits and dashes"),
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().min(1).max(300),
  icon: z.string().trim().min(1).max(16),
  /** Leave out for a manual badge that staff award by hand. */
  rule: ZBadgeRule.optional(),
});
export type TCreateBadgeRequest = z.infer<typeof ZCreateBadgeRequest>;

export const ZAwardBadgeRequest = z.object({
  userId: z.uuid({ message: "must be a UUID" }),
  reason: z.string().trim().max(300).optional(),
});

export const ZRewardInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000).optional(),
    imageUrl: z.url().max(2000).optional(),
    stock: z.number().int().min(0).max(1_000_000),
    pricePoints: z.number().int().min(1).max(10_000_000).optional(),
    topHelpersOfMonth: z.number().int().min(1).max(1000).optional(),
    active: z.boolean().optional(),
  })
  .refine((r) => r.pricePoints !== undefined || r.topHelpersOfMonth !== undefined, {
    message: "give a points price or an eligibility rule (topHelpersOfMonth)",
    path: ["pricePoints"],
  });
export type TRewardInput = z.infer<typeof ZRewardInput>;

export const ZRewardPatch = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().max(2000).optional(),
  imageUrl: z.url().max(2000).nullable().optional(),
  stock: z.number().int().min(0).max(1_000_000).optional(),
  pricePoints: z.number().int().min(1).max(10_000_000).nullable().optional(),
  topHelpersOfMonth: z.number().int().min(1).max(1000).nullable().optional(),
  active: z.boolean().optional(),
});
export type TRewardPatch = z.infer<typeof ZRewardPatch>;

export const ZReward = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    imageUrl: z.string().nullable(),
    stock: z.number().int(),
    pricePoints: z.number().int().nullable(),
    topHelpersOfMonth: z.number().int().nullable(),
    active: z.boolean(),
  })
  .meta({ id: "Reward" });

export const REDEMPTION_STATUSES = ["requested", "approved", "shipped", "declined"] as const;

export const ZRedemption = z
  .object({
    id: z.uuid(),
    reward: z.object({ id: z.uuid(), name: z.string() }),
    user: z.object({ id: z.uuid(), name: z.string() }),
    status: z.enum(REDEMPTION_STATUSES),
    points: z.number().int(),
    message: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Redemption" });

export const ZDecisionRequest = z.object({ message: z.string().trim().max(1000).optional() });

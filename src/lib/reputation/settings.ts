import { z } from "zod";

/**
 * A workspace's reputation rules. Stored as JSON per workspace; whatever a workspace
 * leaves out falls back to the defaults here, so adding a rule later needs no migration.
 */
export const ZRankDefinition = z.object({
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  name: z.string().min(1).max(60),
  minPoints: z.number().int().min(0),
  /** Days since the account was created. */
  minAccountDays: z.number().int().min(0),
});
export type TRankDefinition = z.infer<typeof ZRankDefinition>;

export const ZPointRules = z.object({
  answerUpvoted: z.number().int(),
  answerAccepted: z.number().int(),
  /** For the asker who accepts an answer (not their own). */
  acceptedByYou: z.number().int(),
  questionUpvoted: z.number().int(),
  answerDownvoted: z.number().int(),
  /** What a down-vote on an answer costs the voter. */
  downvoteCast: z.number().int(),
  meToo: z.number().int(),
  postRemovedAsSpam: z.number().int(),
});
export type TPointRules = z.infer<typeof ZPointRules>;

export const PRIVILEGES = [
  "voteUp",
  "voteDown",
  "flag",
  "commentEverywhere",
  "editOthers",
  "closeDuplicate",
  "reviewQueue",
] as const;
export type Privilege = (typeof PRIVILEGES)[number];

export const ZPrivilegeThresholds = z.object(
  Object.fromEntries(PRIVILEGES.map((p) => [p, z.number().int().min(0)])) as Record<
    Privilege,
    z.ZodNumber
  >,
);
export type TPrivilegeThresholds = Record<Privilege, number>;

export const ZFairPlay = z.object({
  votesPerDay: z.number().int().min(1),
  votesPerTargetPerDay: z.number().int().min(1),
  /** After this long a vote can no longer be changed or removed, unless the post was edited. */
  voteLockMinutes: z.number().int().min(0),
  /** Serial voting: at least `serialMinVotes` votes from one person to one person within the window. */
  serialWindowMinutes: z.number().int().min(1),
  serialMinVotes: z.number().int().min(2),
});
export type TFairPlay = z.infer<typeof ZFairPlay>;

export const ZReputationSettings = z.object({
  points: ZPointRules,
  /** Most points a person can earn per UTC day, accepted answers not counted. */
  dailyCap: z.number().int().min(0),
  ranks: z
    .array(ZRankDefinition)
    .min(1)
    .refine((r) => new Set(r.map((x) => x.key)).size === r.length, "rank keys must be unique"),
  privileges: ZPrivilegeThresholds,
  fairPlay: ZFairPlay,
  leaderboardIncludesStaff: z.boolean(),
});
export type TReputationSettings = z.infer<typeof ZReputationSettings>;

export const DEFAULT_REPUTATION_SETTINGS: TReputationSettings = {
  points: {
    answerUpvoted: 10,
    answerAccepted: 15,
    acceptedByYou: 2,
    questionUpvoted: 5,
    answerDownvoted: -2,
    downvoteCast: -1,
    meToo: 1,
    postRemovedAsSpam: -100,
  },
  dailyCap: 200,
  ranks: [
    { key: "newcomer", name: "Newcomer", minPoints: 0, minAccountDays: 0 },
    { key: "helper", name: "Helper", minPoints: 100, minAccountDays: 7 },
    { key: "expert", name: "Expert", minPoints: 1000, minAccountDays: 30 },
    { key: "legend", name: "Legend", minPoints: 5000, minAccountDays: 180 },
  ],
  // Up-voting is open to everyone so a new customer can say "this helped" at once;
  // the rest needs a track record. Staff and trusted members skip every threshold.
  privileges: {
    voteUp: 0,
    voteDown: 15,
    flag: 15,
    commentEverywhere: 50,
    editOthers: 1000,
    closeDuplicate: 500,
    reviewQueue: 2000,
  },
  fairPlay: {
    votesPerDay: 40,
    votesPerTargetPerDay: 10,
    voteLockMinutes: 5,
    serialWindowMinutes: 60,
    serialMinVotes: 5,
  },
  leaderboardIncludesStaff: false,
};

/** What a workspace may store: any part of the settings, each part complete or left out. */
export const ZReputationSettingsPatch = z
  .object({
    points: ZPointRules.partial(),
    dailyCap: z.number().int().min(0),
    ranks: ZReputationSettings.shape.ranks,
    privileges: ZPrivilegeThresholds.partial(),
    fairPlay: ZFairPlay.partial(),
    leaderboardIncludesStaff: z.boolean(),
  })
  .partial();
export type TReputationSettingsPatch = z.infer<typeof ZReputationSettingsPatch>;

/** The workspace's stored overrides laid over the defaults. */
export function resolveSettings(
  stored: TReputationSettingsPatch | null | undefined,
): TReputationSettings {
  const d = DEFAULT_REPUTATION_SETTINGS;
  const s = stored ?? {};
  return {
    points: { ...d.points, ...stripUndefined(s.points) },
    dailyCap: s.dailyCap ?? d.dailyCap,
    ranks: sortRanks(s.ranks ?? d.ranks),
    privileges: { ...d.privileges, ...stripUndefined(s.privileges) },
    fairPlay: { ...d.fairPlay, ...stripUndefined(s.fairPlay) },
    leaderboardIncludesStaff: s.leaderboardIncludesStaff ?? d.leaderboardIncludesStaff,
  };
}

/** Ranks from lowest to highest threshold, whatever order they were stored in. */
export function sortRanks(ranks: readonly TRankDefinition[]): TRankDefinition[] {
  return [...ranks].sort(
    (a, b) => a.minPoints - b.minPoints || a.minAccountDays - b.minAccountDays,
  );
}

function stripUndefined<T extends object>(o: T | undefined): Partial<T> {
  if (!o) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { z } from "zod";

/** What badge rules can look at; counted from the ledger and the person's posts. */
export const BADGE_METRICS = [
  "acceptedAnswers",
  "helpfulVotes",
  "fastAcceptedAnswers",
  "longestStreakDays",
  "points",
] as const;
export type BadgeMetric = (typeof BADGE_METRICS)[number];
export type BadgeStats = Record<BadgeMetric, number>;

const ZCondition = z.object({ metric: z.enum(BADGE_METRICS), atLeast: z.number().int().min(1) });

/** Conditions combined with all (every one must hold) or any (one is enough). */
export const ZBadgeRule = z
  .object({ all: z.array(ZCondition).min(1) })
  .or(z.object({ any: z.array(ZCondition).min(1) }));
export type TBadgeRule = z.infer<typeof ZBadgeRule>;

export function badgeRuleMet(rule: TBadgeRule, stats: BadgeStats): boolean {
  const holds = (c: z.infer<typeof ZCondition>) => stats[c.metric] >= c.atLeast;
  return "all" in rule ? rule.all.every(holds) : rule.any.some(holds);
}

export interface BadgeDefinition {
  key: string;
  name: string;
  description: string;
  /** An emoji or short symbol; shown beside the name. */
  icon: string;
  rule: TBadgeRule;
}

/** The badges every workspace starts with; staff add manual ones next to them. */
export const DEFAULT_BADGES: readonly BadgeDefinition[] = [
  {
    key: "first-solution",
    name: "First solution",
    description: "One of your answers was accepted as the solution.",
    icon: "🎯",
    rule: { all: [{ metric: "acceptedAnswers", atLeast: 1 }] },
  },
  {
    key: "problem-solver",
    name: "Problem solver",
    description: "10 of your answers were accepted.",
    icon: "🛠️",
    rule: { all: [{ metric: "acceptedAnswers", atLeast: 10 }] },
  },
  {
    key: "master-solver",
    name: "Master solver",
    description: "100 of your answers were accepted.",
    icon: "🏆",
    rule: { all: [{ metric: "acceptedAnswers", atLeast: 100 }] },
  },
  {
    key: "helpful",
    name: "Helpful",
    description: "Your answers received 100 helpful votes.",
    icon: "👍",
    rule: { all: [{ metric: "helpfulVotes", atLeast: 100 }] },
  },
  {
    key: "quick-helper",
    name: "Quick helper",
    description: "An answer you wrote within an hour of the question was accepted.",
    icon: "⚡",
    rule: { all: [{ metric: "fastAcceptedAnswers", atLeast: 1 }] },
  },
  {
    key: "streak-30",
    name: "30-day streak",
    description: "You helped in the community on 30 days in a row.",
    icon: "🔥",
    rule: { all: [{ metric: "longestStreakDays", atLeast: 30 }] },
  },
];

/** Keys of the rule badges whose rules the stats meet and that are not awarded yet. */
export function badgesEarned(
  badges: readonly Pick<BadgeDefinition, "key" | "rule">[],
  stats: BadgeStats,
  alreadyAwarded: ReadonlySet<string>,
): string[] {
  return badges
    .filter((b) => !alreadyAwarded.has(b.key) && badgeRuleMet(b.rule, stats))
    .map((b) => b.key);
}

/** The longest run of consecutive calendar days (YYYY-MM-DD, any order, repeats allowed). */
export function longestStreak(days: readonly string[]): number {
  const sorted = [...new Set(days)].sort();
  let best = 0;
  let run = 0;
  let previous: number | null = null;
  for (const day of sorted) {
    const t = Date.parse(`${day}T00:00:00Z`);
    run = previous !== null && t - previous === 86_400_000 ? run + 1 : 1;
    best = Math.max(best, run);
    previous = t;
  }
  return best;
}

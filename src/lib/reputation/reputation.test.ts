import { describe, expect, it } from "vitest";
import {
  type BadgeStats,
  badgeRuleMet,
  badgesEarned,
  DEFAULT_BADGES,
  longestStreak,
} from "./badges.ts";
import { applyDailyCap, capDay, countsAgainstCap, pointsFor } from "./points.ts";
import { checkVoteLimits, missingPrivilege, voteLocked } from "./privileges.ts";
import { accountAgeDays, nextRank, rankFor } from "./ranks.ts";
import { detectSerialVoting } from "./serial-votes.ts";
import {
  DEFAULT_REPUTATION_SETTINGS as D,
  resolveSettings,
  ZReputationSettings,
} from "./settings.ts";

const rules = D.points;

describe("point rules", () => {
  it("answer up-vote +10 to the author, question up-vote +5", () => {
    expect(
      pointsFor({ type: "vote", postType: "answer", value: 1, authorId: "a", voterId: "v" }, rules),
    ).toEqual([{ userId: "a", kind: "answer_upvoted", points: 10 }]);
    expect(
      pointsFor(
        { type: "vote", postType: "question", value: 1, authorId: "a", voterId: "v" },
        rules,
      ),
    ).toEqual([{ userId: "a", kind: "question_upvoted", points: 5 }]);
  });

  it("answer down-vote costs the author 2 and the voter 1", () => {
    expect(
      pointsFor(
        { type: "vote", postType: "answer", value: -1, authorId: "a", voterId: "v" },
        rules,
      ),
    ).toEqual([
      { userId: "a", kind: "answer_downvoted", points: -2 },
      { userId: "v", kind: "downvote_cast", points: -1 },
    ]);
  });

  it("self-votes earn nothing, and question down-votes are not a thing", () => {
    expect(
      pointsFor({ type: "vote", postType: "answer", value: 1, authorId: "a", voterId: "a" }, rules),
    ).toEqual([]);
    expect(
      pointsFor(
        { type: "vote", postType: "question", value: -1, authorId: "a", voterId: "v" },
        rules,
      ),
    ).toEqual([]);
  });

  it("accepting: +15 to the answerer, +2 to the asker; nothing for own answers; staff get no bonus", () => {
    expect(
      pointsFor({ type: "accept", answerAuthorId: "h", accepterId: "q", askerId: "q" }, rules),
    ).toEqual([
      { userId: "h", kind: "answer_accepted", points: 15 },
      { userId: "q", kind: "accepted_by_you", points: 2 },
    ]);
    expect(
      pointsFor({ type: "accept", answerAuthorId: "q", accepterId: "q", askerId: "q" }, rules),
    ).toEqual([]);
    expect(
      pointsFor({ type: "accept", answerAuthorId: "h", accepterId: "s", askerId: "q" }, rules),
    ).toEqual([{ userId: "h", kind: "answer_accepted", points: 15 }]);
  });

  it("me-too +1 to the asker, spam removal -100", () => {
    expect(pointsFor({ type: "me_too", askerId: "q", joinerId: "j" }, rules)).toEqual([
      { userId: "q", kind: "me_too", points: 1 },
    ]);
    expect(pointsFor({ type: "me_too", askerId: "q", joinerId: "q" }, rules)).toEqual([]);
    expect(pointsFor({ type: "spam_removed", authorId: "s" }, rules)).toEqual([
      { userId: "s", kind: "post_removed_as_spam", points: -100 },
    ]);
  });

  it("a rule set to 0 gives no row at all", () => {
    expect(
      pointsFor({ type: "me_too", askerId: "q", joinerId: "j" }, { ...rules, meToo: 0 }),
    ).toEqual([]);
  });
});

describe("daily cap", () => {
  it("grants in full below the cap, partly at the edge, nothing above", () => {
    expect(applyDailyCap(10, 0, 200)).toBe(10);
    expect(applyDailyCap(10, 190, 200)).toBe(10);
    expect(applyDailyCap(10, 195, 200)).toBe(5);
    expect(applyDailyCap(10, 200, 200)).toBe(0);
    expect(applyDailyCap(10, 260, 200)).toBe(0);
  });

  it("never caps losses, and a negative day does not widen the cap", () => {
    expect(applyDailyCap(-2, 500, 200)).toBe(-2);
    expect(applyDailyCap(10, -50, 200)).toBe(10);
    expect(applyDailyCap(250, -50, 200)).toBe(200);
  });

  it("accepted answers, the asker's bonus and losses do not count against the cap", () => {
    expect(countsAgainstCap("answer_upvoted", 10)).toBe(true);
    expect(countsAgainstCap("me_too", 1)).toBe(true);
    expect(countsAgainstCap("answer_accepted", 15)).toBe(false);
    expect(countsAgainstCap("accepted_by_you", 2)).toBe(false);
    expect(countsAgainstCap("answer_downvoted", -2)).toBe(false);
  });

  it("counts the UTC day", () => {
    expect(capDay(new Date("2026-03-01T23:59:59Z"))).toBe("2026-03-01");
    expect(capDay(new Date("2026-03-02T00:00:00+01:00"))).toBe("2026-03-01");
  });
});

describe("ranks", () => {
  const ranks = D.ranks;
  it("needs both points and account age, exactly at the boundary", () => {
    expect(rankFor(99, 365, ranks).key).toBe("newcomer");
    expect(rankFor(100, 7, ranks).key).toBe("helper");
    expect(rankFor(100, 6, ranks).key).toBe("newcomer");
    expect(rankFor(999, 100, ranks).key).toBe("helper");
    expect(rankFor(1000, 30, ranks).key).toBe("expert");
    expect(rankFor(5000, 179, ranks).key).toBe("expert");
    expect(rankFor(5000, 180, ranks).key).toBe("legend");
  });

  it("keeps the lowest rank as a floor for negative points", () => {
    expect(rankFor(-300, 0, ranks).key).toBe("newcomer");
  });

  it("works whatever order the ranks are stored in", () => {
    expect(rankFor(1200, 40, [...ranks].reverse()).key).toBe("expert");
  });

  it("tells what is missing for the next rank, and nothing at the top", () => {
    expect(nextRank(60, 3, ranks)).toEqual({ rank: ranks[1], pointsNeeded: 40, daysNeeded: 4 });
    expect(nextRank(9000, 999, ranks)).toBeNull();
  });

  it("counts whole days of account age", () => {
    const since = new Date("2026-01-01T12:00:00Z");
    expect(accountAgeDays(since, new Date("2026-01-08T11:59:59Z"))).toBe(6);
    expect(accountAgeDays(since, new Date("2026-01-08T12:00:00Z"))).toBe(7);
    expect(accountAgeDays(since, new Date("2025-12-31T00:00:00Z"))).toBe(0);
  });
});

describe("badges", () => {
  const zero: BadgeStats = {
    acceptedAnswers: 0,
    helpfulVotes: 0,
    fastAcceptedAnswers: 0,
    longestStreakDays: 0,
    points: 0,
  };

  it("awards the default badges at their thresholds", () => {
    const keys = (s: Partial<BadgeStats>) =>
      badgesEarned(DEFAULT_BADGES, { ...zero, ...s }, new Set());
    expect(keys({})).toEqual([]);
    expect(keys({ acceptedAnswers: 1 })).toEqual(["first-solution"]);
    expect(keys({ acceptedAnswers: 9 })).toEqual(["first-solution"]);
    expect(keys({ acceptedAnswers: 10 })).toEqual(["first-solution", "problem-solver"]);
    expect(keys({ acceptedAnswers: 100 })).toEqual([
      "first-solution",
      "problem-solver",
      "master-solver",
    ]);
    expect(keys({ helpfulVotes: 99 })).toEqual([]);
    expect(keys({ helpfulVotes: 100 })).toEqual(["helpful"]);
    expect(keys({ fastAcceptedAnswers: 1 })).toEqual(["quick-helper"]);
    expect(keys({ longestStreakDays: 29 })).toEqual([]);
    expect(keys({ longestStreakDays: 30 })).toEqual(["streak-30"]);
  });

  it("does not award twice", () => {
    expect(
      badgesEarned(DEFAULT_BADGES, { ...zero, acceptedAnswers: 3 }, new Set(["first-solution"])),
    ).toEqual([]);
  });

  it("combines conditions with all and any", () => {
    const all = {
      all: [
        { metric: "acceptedAnswers" as const, atLeast: 5 },
        { metric: "points" as const, atLeast: 500 },
      ],
    };
    expect(badgeRuleMet(all, { ...zero, acceptedAnswers: 5, points: 499 })).toBe(false);
    expect(badgeRuleMet(all, { ...zero, acceptedAnswers: 5, points: 500 })).toBe(true);
    const any = {
      any: [
        { metric: "helpfulVotes" as const, atLeast: 50 },
        { metric: "longestStreakDays" as const, atLeast: 7 },
      ],
    };
    expect(badgeRuleMet(any, zero)).toBe(false);
    expect(badgeRuleMet(any, { ...zero, longestStreakDays: 7 })).toBe(true);
  });

  it("finds the longest run of consecutive days", () => {
    expect(longestStreak([])).toBe(0);
    expect(longestStreak(["2026-01-05"])).toBe(1);
    expect(longestStreak(["2026-01-03", "2026-01-01", "2026-01-02", "2026-01-02"])).toBe(3);
    expect(longestStreak(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-03"])).toBe(3);
    const thirty = Array.from({ length: 30 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 20 + i)).toISOString().slice(0, 10),
    );
    expect(longestStreak(thirty)).toBe(30);
    expect(longestStreak(thirty.filter((_, i) => i !== 15))).toBe(15);
  });
});

describe("privileges and fair play", () => {
  const p = D.privileges;
  it("needs the threshold; staff always pass", () => {
    expect(missingPrivilege("voteDown", { points: 14, staff: false, trusted: false }, p)).toEqual({
      privilege: "voteDown",
      required: 15,
      points: 14,
    });
    expect(
      missingPrivilege("voteDown", { points: 15, staff: false, trusted: false }, p),
    ).toBeNull();
    expect(
      missingPrivilege("reviewQueue", { points: 0, staff: true, trusted: false }, p),
    ).toBeNull();
    expect(missingPrivilege("voteUp", { points: 0, staff: false, trusted: false }, p)).toBeNull();
  });

  it("trust stands in for points on one's own contributions, not for editing others or the queue", () => {
    const trusted = { points: 0, staff: false, trusted: true };
    expect(missingPrivilege("flag", trusted, p)).toBeNull();
    expect(missingPrivilege("commentEverywhere", trusted, p)).toBeNull();
    expect(missingPrivilege("closeDuplicate", trusted, p)).toBeNull();
    expect(missingPrivilege("editOthers", trusted, p)?.required).toBe(1000);
    expect(missingPrivilege("reviewQueue", trusted, p)?.required).toBe(2000);
  });

  it("limits votes per day and per author", () => {
    const f = D.fairPlay;
    expect(checkVoteLimits({ today: 39, todayForTarget: 9 }, f)).toBeNull();
    expect(checkVoteLimits({ today: 40, todayForTarget: 0 }, f)).toEqual({
      limit: "votes_per_day",
      max: 40,
    });
    expect(checkVoteLimits({ today: 12, todayForTarget: 10 }, f)).toEqual({
      limit: "votes_per_target",
      max: 10,
    });
  });

  it("locks votes after five minutes unless the post was edited since", () => {
    const votedAt = new Date("2026-05-01T10:00:00Z");
    const at = (m: number, s = 0) => new Date(votedAt.getTime() + m * 60_000 + s * 1000);
    const base = { votedAt, lastEditedAt: null, lockMinutes: 5 };
    expect(voteLocked({ ...base, now: at(5) })).toBe(false);
    expect(voteLocked({ ...base, now: at(5, 1) })).toBe(true);
    expect(voteLocked({ ...base, now: at(60), lastEditedAt: at(30) })).toBe(false);
    expect(voteLocked({ ...base, now: at(60), lastEditedAt: at(-30) })).toBe(true);
  });
});

describe("serial voting", () => {
  const t0 = Date.parse("2026-04-01T20:00:00Z");
  const vote = (id: string, voterId: string, authorId: string, minutes: number) => ({
    id,
    voterId,
    authorId,
    castAt: new Date(t0 + minutes * 60_000),
  });
  const opts = { windowMinutes: 60, minVotes: 5 };

  it("finds five votes from one person to one person within the hour", () => {
    const votes = [0, 3, 7, 12, 20].map((m, i) => vote(`v${i}`, "x", "y", m));
    const found = detectSerialVoting(votes, opts);
    expect(found).toHaveLength(1);
    expect(found[0]!.votes.map((v) => v.id)).toEqual(["v0", "v1", "v2", "v3", "v4"]);
  });

  it("leaves four votes, or votes spread over the day, alone", () => {
    expect(
      detectSerialVoting(
        [0, 3, 7, 12].map((m, i) => vote(`v${i}`, "x", "y", m)),
        opts,
      ),
    ).toEqual([]);
    expect(
      detectSerialVoting(
        [0, 70, 140, 210, 280].map((m, i) => vote(`v${i}`, "x", "y", m)),
        opts,
      ),
    ).toEqual([]);
  });

  it("reports only the dense part, per pair, ignoring others' votes in between", () => {
    const votes = [
      vote("early", "x", "y", -300),
      ...[0, 10, 20, 30, 40, 50].map((m, i) => vote(`d${i}`, "x", "y", m)),
      ...[1, 2, 3, 4].map((m, i) => vote(`o${i}`, "z", "y", m)),
      vote("self", "y", "y", 5),
    ];
    const found = detectSerialVoting(votes, opts);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ voterId: "x", authorId: "y" });
    expect(found[0]!.votes.map((v) => v.id)).toEqual(["d0", "d1", "d2", "d3", "d4", "d5"]);
  });

  it("treats the window as inclusive at exactly its length", () => {
    const votes = [0, 15, 30, 45, 60].map((m, i) => vote(`v${i}`, "x", "y", m));
    expect(detectSerialVoting(votes, opts)).toHaveLength(1);
    const wider = [0, 15, 30, 45, 61].map((m, i) => vote(`v${i}`, "x", "y", m));
    expect(detectSerialVoting(wider, opts)).toEqual([]);
  });
});

describe("settings", () => {
  it("lays a workspace's overrides over the defaults", () => {
    const s = resolveSettings({
      points: { answerUpvoted: 7 },
      dailyCap: 50,
      privileges: { flag: 1 },
    });
    expect(s.points).toEqual({ ...D.points, answerUpvoted: 7 });
    expect(s.dailyCap).toBe(50);
    expect(s.privileges).toEqual({ ...D.privileges, flag: 1 });
    expect(s.fairPlay).toEqual(D.fairPlay);
    expect(ZReputationSettings.parse(s)).toEqual(s);
    expect(resolveSettings(null)).toEqual(D);
  });

  it("refuses duplicate rank keys", () => {
    const bad = { ...D, ranks: [D.ranks[0]!, { ...D.ranks[1]!, key: "newcomer" }] };
    expect(ZReputationSettings.safeParse(bad).success).toBe(false);
  });
});

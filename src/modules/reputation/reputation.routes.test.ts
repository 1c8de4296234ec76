import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerFactory,
  boardFactory,
  memberFactory,
  questionFactory,
} from "../../../test/community-factories.ts";
import { buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import type { BoardRow } from "../../db/schema/index.ts";

let t: TestApp;
let board: BoardRow;
let admin: Awaited<ReturnType<typeof member>>;
beforeAll(async () => {
  t = await buildTestApp();
  board = await boardFactory(t.services, { slug: "rep" });
  admin = await member("admin");
});
afterAll(() => t?.close());

async function member(
  role: "customer" | "agent" | "moderator" | "admin" = "customer",
  trusted = true,
) {
  const m = await memberFactory(t.services, { role, trusted });
  return { ...m, agent: await loginAs(t.app, m.user.email, m.password) };
}
type Member = Awaited<ReturnType<typeof member>>;

const summary = async (userId: string) =>
  (await t.app.inject({ url: `/api/v1/reputation/users/${userId}` })).json();
const pointsOf = async (userId: string) => (await summary(userId)).points as number;
const vote = (who: Member, postType: "question" | "answer", id: string, value: 1 | -1) =>
  who.agent.inject({
    method: "PUT",
    url: `/api/v1/community/${postType}s/${id}/vote`,
    payload: { value },
  });
const unvote = (who: Member, postType: "question" | "answer", id: string) =>
  who.agent.inject({ method: "DELETE", url: `/api/v1/community/${postType}s/${id}/vote` });
const setSettings = (payload: object) =>
  admin.agent.inject({ method: "PUT", url: "/api/v1/reputation/settings", payload });

describe("points from community actions", () => {
  it("books votes, changes, removals, accepted answers and me-too, and reverses them", async () => {
    const asker = await member();
    const helper = await member();
    const voter = await member();
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Punkte für Antworten",
    });
    const a = await answerFactory(t.services, helper.user, q, "So geht das.");

    expect((await vote(voter, "answer", a.id, 1)).statusCode).toBe(200);
    expect(await pointsOf(helper.user.id)).toBe(10);
    expect((await vote(voter, "answer", a.id, -1)).statusCode).toBe(200);
    expect(await pointsOf(helper.user.id)).toBe(-2);
    expect(await pointsOf(voter.user.id)).toBe(-1);
    expect((await unvote(voter, "answer", a.id)).statusCode).toBe(200);
    expect(await pointsOf(helper.user.id)).toBe(0);
    expect(await pointsOf(voter.user.id)).toBe(0);

    expect((await vote(voter, "question", q.id, 1)).statusCode).toBe(200);
    expect(await pointsOf(asker.user.id)).toBe(5);
    const joined = await voter.agent.inject({
      method: "PUT",
      url: `/api/v1/community/questions/${q.id}/me-too`,
    });
    expect(joined.statusCode).toBeLessThan(300);
    expect(await pointsOf(asker.user.id)).toBe(6);

    const accept = await asker.agent.inject({
      method: "PUT",
      url: `/api/v1/community/questions/${q.id}/accepted-answer`,
      payload: { answerId: a.id },
    });
    expect(accept.statusCode).toBe(200);
    expect(await pointsOf(helper.user.id)).toBe(15);
    expect(await pointsOf(asker.user.id)).toBe(8);
    // Accepting the same answer again books nothing twice.
    await asker.agent.inject({
      method: "PUT",
      url: `/api/v1/community/questions/${q.id}/accepted-answer`,
      payload: { answerId: a.id },
    });
    expect(await pointsOf(helper.user.id)).toBe(15);

    // The ledger explains every change; reversals point at what they cancel.
    const me = (await helper.agent.inject({ url: "/api/v1/reputation/me" })).json();
    expect(me.points).toBe(15);
    const kinds = me.ledger.map((e: { kind: string }) => e.kind).sort();
    expect(kinds).toEqual(
      [
        "answer_upvoted",
        "reversal",
        "answer_downvoted",
        "reversal",
        "answer_accepted",
        "reversal",
        "answer_accepted",
      ].sort(),
    );
    const reversals = me.ledger.filter((e: { kind: string }) => e.kind === "reversal");
    expect(reversals.every((r: { reversesId: string | null }) => r.reversesId)).toBe(true);

    const left = await voter.agent.inject({
      method: "DELETE",
      url: `/api/v1/community/questions/${q.id}/me-too`,
    });
    expect(left.statusCode).toBe(200);
    expect(await pointsOf(asker.user.id)).toBe(7);

    // Deleting the answer takes back what it earned.
    const del = await helper.agent.inject({
      method: "DELETE",
      url: `/api/v1/community/answers/${a.id}`,
    });
    expect(del.statusCode).toBeLessThan(300);
    expect(await pointsOf(helper.user.id)).toBe(0);
    expect(await pointsOf(asker.user.id)).toBe(5);

    // Restoring it books nothing here: its one vote was taken back, and the accepted
    // mark went with the deletion.
    const restored = await helper.agent.inject({
      method: "POST",
      url: `/api/v1/community/answers/${a.id}/restore`,
    });
    expect(restored.statusCode).toBeLessThan(300);
    expect(await pointsOf(helper.user.id)).toBe(0);
  });

  it("restoring a deleted question books its votes, me-toos and accepted answer again", async () => {
    const asker = await member();
    const helper = await member();
    const voter = await member();
    const mod = await member("moderator");
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Gelöscht und zurück",
    });
    const a = await answerFactory(t.services, helper.user, q, "Antwort, die bleibt");
    await vote(voter, "question", q.id, 1);
    await vote(voter, "answer", a.id, 1);
    await voter.agent.inject({ method: "PUT", url: `/api/v1/community/questions/${q.id}/me-too` });
    await asker.agent.inject({
      method: "PUT",
      url: `/api/v1/community/questions/${q.id}/accepted-answer`,
      payload: { answerId: a.id },
    });
    expect(await pointsOf(asker.user.id)).toBe(8);
    expect(await pointsOf(helper.user.id)).toBe(25);
    await mod.agent.inject({ method: "DELETE", url: `/api/v1/community/questions/${q.id}` });
    expect(await pointsOf(asker.user.id)).toBe(0);
    expect(await pointsOf(helper.user.id)).toBe(0);
    const restored = await mod.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${q.id}/restore`,
    });
    expect(restored.statusCode).toBeLessThan(300);
    expect(await pointsOf(asker.user.id)).toBe(8);
    expect(await pointsOf(helper.user.id)).toBe(25);
  });

  it("keeps the ledger append-only", async () => {
    await expect(
      t.services.db.execute(sql`UPDATE reputation_ledger SET points = 1000`),
    ).rejects.toThrow();
  });

  it("costs 100 points when a moderator removes a post reported as spam", async () => {
    const spammer = await member();
    const reporter = await member();
    const voter = await member();
    const mod = await member("moderator");
    const q = await questionFactory(t.services, spammer.user, board, {
      title: "Billige Handys hier",
    });
    await vote(voter, "question", q.id, 1);
    expect(await pointsOf(spammer.user.id)).toBe(5);
    const flag = await reporter.agent.inject({
      method: "POST",
      url: "/api/v1/community/flags",
      payload: { postType: "question", postId: q.id, reason: "spam" },
    });
    expect(flag.statusCode).toBe(201);
    const resolved = await mod.agent.inject({
      method: "POST",
      url: `/api/v1/community/flags/${flag.json().id}/resolve`,
      payload: { action: "hide" },
    });
    expect(resolved.statusCode).toBe(200);
    expect(await pointsOf(spammer.user.id)).toBe(-100);
  });
});

describe("daily cap and ranks", () => {
  it("caps gains at the daily cap, but not accepted answers; ranks follow the points", async () => {
    const ws = await t.services.workspaces.findDefault();
    expect(ws).toBeDefined();
    const res = await setSettings({
      dailyCap: 25,
      ranks: [
        { key: "newcomer", name: "Newcomer", minPoints: 0, minAccountDays: 0 },
        { key: "helper", name: "Helper", minPoints: 40, minAccountDays: 0 },
        { key: "veteran", name: "Veteran", minPoints: 40, minAccountDays: 365 },
      ],
    });
    expect(res.statusCode).toBe(200);
    try {
      const asker = await member();
      const helper = await member();
      const q = await questionFactory(t.services, asker.user, board, { title: "Deckel pro Tag" });
      const a = await answerFactory(t.services, helper.user, q, "Antwort");
      for (let i = 0; i < 3; i++) {
        expect((await vote(await member(), "answer", a.id, 1)).statusCode).toBe(200);
      }
      expect(await pointsOf(helper.user.id)).toBe(25);
      expect((await summary(helper.user.id)).rank.key).toBe("newcomer");
      await asker.agent.inject({
        method: "PUT",
        url: `/api/v1/community/questions/${q.id}/accepted-answer`,
        payload: { answerId: a.id },
      });
      const after = await summary(helper.user.id);
      expect(after.points).toBe(40);
      // 40 points reach Helper exactly; Veteran also needs a year of membership.
      expect(after.rank).toEqual({ key: "helper", name: "Helper" });
      expect(after.nextRank).toEqual({
        rank: { key: "veteran", name: "Veteran" },
        pointsNeeded: 0,
        daysNeeded: 365,
      });
      const capped = (await helper.agent.inject({ url: "/api/v1/reputation/me" })).json().ledger;
      // Two full votes, the third cut to the 5 left under the cap; the accept on top.
      const booked = capped.map((e: { points: number }) => e.points);
      expect(booked.sort((x: number, y: number) => x - y)).toEqual([5, 10, 10, 15]);
    } finally {
      await setSettings({});
    }
  });

  it("refuses invalid settings with the field named, and non-admins", async () => {
    const bad = await setSettings({ dailyCap: -5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("dailyCap");
    const customer = await member();
    const res = await customer.agent.inject({
      method: "PUT",
      url: "/api/v1/reputation/settings",
      payload: {},
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("privileges", () => {
  it("tells which privilege is missing, and grants it once the points are there", async () => {
    const asker = await member();
    const helper = await member();
    const newbie = await member("customer", false);
    const q = await questionFactory(t.services, asker.user, board, { title: "Rechte nach Ruf" });
    const a = await answerFactory(t.services, helper.user, q, "Antwort für Rechte");

    const down = await vote(newbie, "answer", a.id, -1);
    expect(down.statusCode).toBe(403);
    expect(down.json().error.code).toBe("privilege_missing");
    expect(down.json().error.details).toEqual({ privilege: "voteDown", required: 15, points: 0 });
    expect((await vote(newbie, "answer", a.id, 1)).statusCode).toBe(200);

    const flag = await newbie.agent.inject({
      method: "POST",
      url: "/api/v1/community/flags",
      payload: { postType: "answer", postId: a.id, reason: "off_topic" },
    });
    expect(flag.statusCode).toBe(403);
    expect(flag.json().error.details.privilege).toBe("flag");

    const comment = await newbie.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${q.id}/comments`,
      payload: { body: "Ich habe eine Frage dazu" },
    });
    expect(comment.statusCode).toBe(403);
    expect(comment.json().error.details.privilege).toBe("commentEverywhere");

    const edit = await helper.agent.inject({
      method: "PATCH",
      url: `/api/v1/community/questions/${q.id}`,
      payload: { title: "Rechte nach Ruf (bearbeitet)" },
    });
    expect(edit.statusCode).toBe(403);
    const queue = await helper.agent.inject({ url: "/api/v1/community/moderation/queue" });
    expect(queue.statusCode).toBe(403);
    expect(queue.json().error.details.privilege).toBe("reviewQueue");

    // Lower thresholds: the same people may now act.
    await setSettings({
      privileges: { flag: 0, commentEverywhere: 0, editOthers: 0, reviewQueue: 0 },
    });
    try {
      expect(
        (
          await newbie.agent.inject({
            method: "POST",
            url: "/api/v1/community/flags",
            payload: { postType: "answer", postId: a.id, reason: "off_topic" },
          })
        ).statusCode,
      ).toBe(201);
      const edited = await helper.agent.inject({
        method: "PATCH",
        url: `/api/v1/community/questions/${q.id}`,
        payload: { title: "Rechte nach Ruf (bearbeitet)" },
      });
      expect(edited.statusCode).toBe(200);
      expect(
        (await helper.agent.inject({ url: "/api/v1/community/moderation/queue" })).statusCode,
      ).toBe(200);
      const me = (await newbie.agent.inject({ url: "/api/v1/reputation/me" })).json();
      expect(me.privileges.flag).toEqual({ has: true, required: 0 });
      expect(me.privileges.voteDown).toEqual({ has: false, required: 15 });
    } finally {
      await setSettings({});
    }
  });
});

describe("fair play", () => {
  it("limits votes per author per day", async () => {
    await setSettings({ fairPlay: { votesPerTargetPerDay: 2 } });
    try {
      const author = await member();
      const fan = await member();
      const q = await questionFactory(t.services, author.user, board, {
        title: "Limit pro Person",
      });
      const answers = [];
      for (let i = 0; i < 3; i++)
        answers.push(await answerFactory(t.services, author.user, q, `A${i}`));
      expect((await vote(fan, "answer", answers[0]!.id, 1)).statusCode).toBe(200);
      expect((await vote(fan, "answer", answers[1]!.id, 1)).statusCode).toBe(200);
      const third = await vote(fan, "answer", answers[2]!.id, 1);
      expect(third.statusCode).toBe(429);
      expect(third.json().error).toMatchObject({
        code: "vote_limit",
        details: { limit: "votes_per_target", max: 2 },
      });
      // Someone else's posts are still open to this voter.
      const other = await member();
      const b = await answerFactory(t.services, other.user, q, "Andere Antwort");
      expect((await vote(fan, "answer", b.id, 1)).statusCode).toBe(200);
    } finally {
      await setSettings({});
    }
  });

  it("locks a vote after five minutes unless the post is edited", async () => {
    const author = await member();
    const voter = await member();
    const q = await questionFactory(t.services, author.user, board, {
      title: "Sperre nach fünf Minuten",
    });
    const a = await answerFactory(t.services, author.user, q, "Erste Fassung");
    expect((await vote(voter, "answer", a.id, 1)).statusCode).toBe(200);
    // Changing within the lock period is fine.
    expect((await vote(voter, "answer", a.id, -1)).statusCode).toBe(200);
    expect((await vote(voter, "answer", a.id, 1)).statusCode).toBe(200);
    await t.services.db.execute(
      sql`UPDATE community_votes SET created_at = now() - interval '6 minutes' WHERE post_id = ${a.id}`,
    );
    const late = await unvote(voter, "answer", a.id);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("vote_locked");
    expect((await vote(voter, "answer", a.id, 1)).json().error.code).toBe("already_voted");
    const edited = await author.agent.inject({
      method: "PATCH",
      url: `/api/v1/community/answers/${a.id}`,
      payload: { body: "Zweite Fassung, ergänzt" },
    });
    expect(edited.statusCode).toBe(200);
    expect((await unvote(voter, "answer", a.id)).statusCode).toBe(200);
    expect(await pointsOf(author.user.id)).toBe(0);
  });

  it("raises a review item when voter and author share a device, without reversing anything", async () => {
    const main = await member();
    const puppet = await member();
    const mod = await member("moderator");
    const q = await questionFactory(t.services, main.user, board, { title: "Gleiches Gerät" });
    const device = "0123456789abcdef0123456789abcdef";
    const asDevice = (m: Member, url: string) =>
      m.agent.inject({
        method: "PUT",
        url,
        payload: { value: 1 },
        headers: { cookie: `${m.agent.cookie}; hilft_device=${device}` },
      });
    // The author was seen on the device when voting elsewhere.
    const other = await member();
    const oq = await questionFactory(t.services, other.user, board, { title: "Andere Frage" });
    expect((await asDevice(main, `/api/v1/community/questions/${oq.id}/vote`)).statusCode).toBe(
      200,
    );
    expect((await asDevice(puppet, `/api/v1/community/questions/${q.id}/vote`)).statusCode).toBe(
      200,
    );
    expect(await pointsOf(main.user.id)).toBe(5);
    const queue = (
      await mod.agent.inject({ url: "/api/v1/community/moderation/queue?limit=200" })
    ).json();
    const items = queue.items.filter((i: { kind: string }) => i.kind === "sockpuppet_signal");
    expect(items).toHaveLength(1);
    expect(items[0].postId).toBe(q.id);
  });
});

describe("serial voting", () => {
  it("finds a seeded serial-voting pattern, reverses it with a record, and not twice", async () => {
    const author = await member();
    const fan = await member();
    const honest = await member();
    const q = await questionFactory(t.services, author.user, board, { title: "Serienabstimmung" });
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push(await answerFactory(t.services, author.user, q, `Teil ${i}`));
    for (const a of answers) expect((await vote(fan, "answer", a.id, 1)).statusCode).toBe(200);
    expect((await vote(honest, "answer", answers[0]!.id, 1)).statusCode).toBe(200);
    expect(await pointsOf(author.user.id)).toBe(70);

    const run = await admin.agent.inject({
      method: "POST",
      url: "/api/v1/reputation/serial-voting/run",
    });
    expect(run.statusCode).toBe(200);
    const cases = run.json().cases;
    expect(cases).toEqual([
      { voterId: fan.user.id, authorId: author.user.id, votes: 6, pointsReversed: 60 },
    ]);
    expect(await pointsOf(author.user.id)).toBe(10);

    const again = await admin.agent.inject({
      method: "POST",
      url: "/api/v1/reputation/serial-voting/run",
    });
    expect(again.json().cases).toEqual([]);
    const mod = await member("moderator");
    const list = (await mod.agent.inject({ url: "/api/v1/reputation/serial-voting" })).json();
    expect(list.items).toEqual([
      expect.objectContaining({ voterId: fan.user.id, authorId: author.user.id, votes: 6 }),
    ]);
    const audit = await t.services.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'reputation.serial_voting_reversed'`,
    );
    expect(Number((audit as unknown as { rows: { n: number }[] }).rows[0]!.n)).toBe(1);
  });
});

describe("badges", () => {
  it("lets moderators define and award manual badges; the member is notified", async () => {
    const mod = await member("moderator");
    const customer = await member();
    const created = await mod.agent.inject({
      method: "POST",
      url: "/api/v1/reputation/badges",
      payload: {
        key: "beta-tester",
        name: "Beta tester",
        description: "Tested the new router",
        icon: "🧪",
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: "beta-tester", manual: true, rule: null });
    const denied = await customer.agent.inject({
      method: "POST",
      url: "/api/v1/reputation/badges/beta-tester/awards",
      payload: { userId: customer.user.id },
    });
    expect(denied.statusCode).toBe(403);
    const award = () =>
      mod.agent.inject({
        method: "POST",
        url: "/api/v1/reputation/badges/beta-tester/awards",
        payload: { userId: customer.user.id, reason: "Found three bugs" },
      });
    expect((await award()).statusCode).toBe(201);
    expect((await award()).statusCode).toBe(409);
    const ruleBadge = await mod.agent.inject({
      method: "POST",
      url: "/api/v1/reputation/badges/first-solution/awards",
      payload: { userId: customer.user.id },
    });
    expect(ruleBadge.statusCode).toBe(400);
    expect(ruleBadge.json().error.details[0].field).toBe("badge");

    expect((await summary(customer.user.id)).badges).toEqual([
      expect.objectContaining({
        badge: expect.objectContaining({ key: "beta-tester", icon: "🧪" }),
        reason: "Found three bugs",
      }),
    ]);
    const notes = (await customer.agent.inject({ url: "/api/v1/community/notifications" })).json();
    expect(notes.items).toEqual([
      expect.objectContaining({
        kind: "badge_awarded",
        badge: { name: "Beta tester", icon: "🧪" },
      }),
    ]);
    const list = (await t.app.inject({ url: "/api/v1/reputation/badges" })).json().items;
    expect(list.map((b: { key: string }) => b.key)).toEqual(
      expect.arrayContaining(["first-solution", "streak-30", "beta-tester"]),
    );
  });
});

describe("leaderboards", () => {
  it("ranks by points in the period and per board, leaving staff out", async () => {
    const otherBoard = await boardFactory(t.services, { slug: "rep-other" });
    const star = await member();
    const agentUser = await member("agent");
    const q = await questionFactory(t.services, star.user, otherBoard, { title: "Bestenliste" });
    const a = await answerFactory(t.services, star.user, q, "Star-Antwort");
    const s = await answerFactory(t.services, agentUser.user, q, "Team-Antwort");
    for (let i = 0; i < 3; i++) await vote(await member(), "answer", a.id, 1);
    await vote(await member(), "answer", s.id, 1);
    for (const period of ["week", "month", "all"]) {
      const res = await t.app.inject({
        url: `/api/v1/reputation/leaderboard?period=${period}&board=rep-other`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([
        {
          position: 1,
          userId: star.user.id,
          name: star.user.name,
          points: 30,
          rank: { key: "newcomer", name: "Newcomer" },
        },
      ]);
    }
    const unknown = await t.app.inject({ url: "/api/v1/reputation/leaderboard?board=nope" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe("board");
    const bad = await t.app.inject({ url: "/api/v1/reputation/leaderboard?period=year" });
    expect(bad.statusCode).toBe(400);
  });
});

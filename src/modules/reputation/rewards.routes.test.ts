import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerFactory,
  boardFactory,
  memberFactory,
  questionFactory,
} from "../../../test/community-factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import type { BoardRow } from "../../db/schema/index.ts";
import { rowsOf } from "../community/community.repository.ts";

let t: TestApp;
let board: BoardRow;
beforeAll(async () => {
  t = await buildTestApp();
  board = await boardFactory(t.services, { slug: "rewards" });
});
afterAll(() => t?.close());

async function member(role: "customer" | "agent" | "moderator" | "admin" = "customer") {
  const m = await memberFactory(t.services, { role });
  return { ...m, agent: await loginAs(t.app, m.user.email, m.password) };
}
type Member = Awaited<ReturnType<typeof member>>;

/** Earns `votes` × 10 points for `who` through real up-votes by other members. */
async function earn(who: Member, votes: number) {
  const asker = await member();
  const q = await questionFactory(t.services, asker.user, board, {
    title: `Frage für Punkte ${Math.random()}`,
  });
  const a = await answerFactory(t.services, who.user, q, "Hilfreiche Antwort");
  for (let i = 0; i < votes; i++) {
    const voter = await member();
    const res = await voter.agent.inject({
      method: "PUT",
      url: `/api/v1/community/answers/${a.id}/vote`,
      payload: { value: 1 },
    });
    expect(res.statusCode).toBe(200);
  }
}

const points = async (who: Member) =>
  (await who.agent.inject({ url: "/api/v1/reputation/me" })).json().points as number;

const auditCount = async (action: string, targetId: string) =>
  Number(
    rowsOf<{ n: number }>(
      await t.services.db.execute(
        sql`SELECT count(*)::int AS n FROM audit_events WHERE action = ${action} AND target_id = ${targetId}`,
      ),
    )[0]!.n,
  );

async function createReward(mod: Member, payload: object) {
  const res = await mod.agent.inject({ method: "POST", url: "/api/v1/rewards", payload });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; stock: number };
}

describe("rewards", () => {
  it("holds points on request; staff approve and ship, or decline and everything goes back", async () => {
    const mod = await member("moderator");
    const customer = await member();
    const reward = await createReward(mod, {
      name: "Testgerät Router 7",
      description: "Ein neuer Router zum Testen",
      stock: 2,
      pricePoints: 20,
    });
    const request = () =>
      customer.agent.inject({ method: "POST", url: `/api/v1/rewards/${reward.id}/redemptions` });

    const poor = await request();
    expect(poor.statusCode).toBe(403);
    expect(poor.json().error).toMatchObject({
      code: "not_enough_points",
      details: { required: 20, points: 0 },
    });

    await earn(customer, 3);
    expect(await points(customer)).toBe(30);
    const ok = await request();
    expect(ok.statusCode).toBe(201);
    const redemption = ok.json();
    expect(redemption).toMatchObject({
      status: "requested",
      points: 20,
      reward: { name: "Testgerät Router 7" },
    });
    expect(await points(customer)).toBe(10);
    expect((await request()).json().error.code).toBe("not_enough_points");

    // Customers cannot decide; staff go requested → approved → shipped.
    const self = await customer.agent.inject({
      method: "POST",
      url: `/api/v1/rewards/redemptions/${redemption.id}/approve`,
      payload: {},
    });
    expect(self.statusCode).toBe(403);
    const ship = (id: string, action: string, message?: string) =>
      mod.agent.inject({
        method: "POST",
        url: `/api/v1/rewards/redemptions/${id}/${action}`,
        payload: message ? { message } : {},
      });
    expect((await ship(redemption.id, "ship")).json().error.code).toBe("invalid_transition");
    expect((await ship(redemption.id, "approve")).json().status).toBe("approved");
    const shipped = await ship(redemption.id, "ship", "Sendungsnummer 123");
    expect(shipped.json()).toMatchObject({ status: "shipped", message: "Sendungsnummer 123" });
    expect((await ship(redemption.id, "decline")).statusCode).toBe(409);

    // Every step is in the ledger and the audit log.
    const ledger = (await customer.agent.inject({ url: "/api/v1/reputation/me" })).json().ledger;
    const steps = ledger
      .filter((e: { postId: string | null }) => e.postId === redemption.id)
      .map((e: { kind: string; points: number }) => [e.kind, e.points]);
    expect(steps).toEqual(
      expect.arrayContaining([
        ["reward_redeemed", -20],
        ["reward_approved", 0],
        ["reward_shipped", 0],
      ]),
    );
    for (const action of ["reward.requested", "reward.approved", "reward.shipped"]) {
      expect(await auditCount(action, redemption.id)).toBe(1);
    }

    // A second request, declined: points and stock come back.
    await earn(customer, 1);
    const second = (await request()).json();
    const stockBefore = (await mod.agent.inject({ url: "/api/v1/rewards" })).json().items[0].stock;
    expect(stockBefore).toBe(0);
    const declined = await ship(second.id, "decline", "Leider vergriffen");
    expect(declined.json()).toMatchObject({ status: "declined", message: "Leider vergriffen" });
    expect(await points(customer)).toBe(20);
    const rewards = (await mod.agent.inject({ url: "/api/v1/rewards" })).json().items;
    expect(rewards.find((r: { id: string }) => r.id === reward.id).stock).toBe(1);
    expect(await auditCount("reward.declined", second.id)).toBe(1);
    const mine = (await customer.agent.inject({ url: "/api/v1/rewards/redemptions" })).json().items;
    expect(mine.map((r: { status: string }) => r.status).sort()).toEqual(["declined", "shipped"]);
  });

  it("refuses out-of-stock rewards, double requests, and rewards only for the month's top helpers", async () => {
    const mod = await member("moderator");
    const top = await member();
    const other = await member();
    // Earlier tests' customers earned up to 40 points this month; `top` leads.
    await earn(top, 5);
    await earn(other, 1);
    const pass = await createReward(mod, {
      name: "Backstage-Pass",
      stock: 5,
      topHelpersOfMonth: 1,
    });
    const url = `/api/v1/rewards/${pass.id}/redemptions`;
    const denied = await other.agent.inject({ method: "POST", url });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe("not_eligible");
    expect((await top.agent.inject({ method: "POST", url })).statusCode).toBe(201);
    expect((await top.agent.inject({ method: "POST", url })).json().error.code).toBe(
      "already_requested",
    );
    expect(await points(top)).toBe(50); // eligibility costs no points

    const gone = await createReward(mod, { name: "Vergriffen", stock: 0, pricePoints: 1 });
    const empty = await top.agent.inject({
      method: "POST",
      url: `/api/v1/rewards/${gone.id}/redemptions`,
    });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.code).toBe("out_of_stock");
  });

  it("validates the catalogue and keeps it to staff", async () => {
    const mod = await member("moderator");
    const customer = await member();
    const noPrice = await mod.agent.inject({
      method: "POST",
      url: "/api/v1/rewards",
      payload: { name: "Ohne Preis", stock: 1 },
    });
    expect(noPrice.statusCode).toBe(400);
    expect(noPrice.json().error.details[0].field).toBe("pricePoints");
    const byCustomer = await customer.agent.inject({
      method: "POST",
      url: "/api/v1/rewards",
      payload: { name: "X", stock: 1, pricePoints: 1 },
    });
    expect(byCustomer.statusCode).toBe(403);
    const hidden = await createReward(mod, {
      name: "Noch geheim",
      stock: 1,
      pricePoints: 5,
      active: false,
    });
    const publicList = (await t.app.inject({ url: "/api/v1/rewards" })).json().items;
    expect(publicList.some((r: { id: string }) => r.id === hidden.id)).toBe(false);
    const patched = await mod.agent.inject({
      method: "PATCH",
      url: `/api/v1/rewards/${hidden.id}`,
      payload: { active: true, stock: 3 },
    });
    expect(patched.json()).toMatchObject({ active: true, stock: 3 });
    expect(await auditCount("reward.updated", hidden.id)).toBe(1);
  });
});

describe("pages", () => {
  const form = (agent: Agent, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: "POST",
      url,
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: agent.cookie },
      payload: new URLSearchParams(fields).toString(),
    });

  it("requests a reward with a plain form post and the CSRF field", async () => {
    const mod = await member("moderator");
    const customer = await member();
    await earn(customer, 1);
    const reward = await createReward(mod, { name: "Sticker-Set", stock: 3, pricePoints: 10 });
    const anonymous = await t.app.inject({ url: "/community/rewards" });
    expect(anonymous.body).toContain("Sticker-Set");
    expect(anonymous.body).toContain("/signin?next=%2Fcommunity%2Frewards");

    const page = await t.app.inject({
      url: "/community/rewards?lang=en",
      headers: { cookie: customer.agent.cookie },
    });
    expect(page.body).toContain(`name="_csrf" value="${customer.agent.csrfToken}"`);
    expect(page.body).toContain("You have 10 points.");
    const url = `/community/rewards/${reward.id}/request`;
    expect((await form(customer.agent, url, {})).statusCode).toBe(403);
    const posted = await form(customer.agent, url, { _csrf: customer.agent.csrfToken });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe("/community/rewards?requested=1");
    const after = await t.app.inject({
      url: "/community/rewards?requested=1&lang=en",
      headers: { cookie: customer.agent.cookie },
    });
    expect(after.body).toContain("Your request was received.");
    expect(after.body).toContain("You have 0 points.");
    const again = await form(customer.agent, url, { _csrf: customer.agent.csrfToken });
    expect(again.statusCode).toBe(403);
    expect(again.body).toContain("This reward costs 10 points; you have 0.");
  });

  it("shows points, rank and badges on the profile, ranks beside names, and the leaderboard", async () => {
    const helper = await member();
    const asker = await member();
    const q = await questionFactory(t.services, asker.user, board, { title: "Rang neben Namen" });
    const a = await answerFactory(t.services, helper.user, q, "Meine Antwort");
    await asker.agent.inject({
      method: "PUT",
      url: `/api/v1/community/questions/${q.id}/accepted-answer`,
      payload: { answerId: a.id },
    });
    const profile = await t.app.inject({ url: `/community/u/${helper.user.id}?lang=en` });
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('data-testid="points">15<');
    expect(profile.body).toContain('<span class="badge rank">Newcomer</span>');
    expect(profile.body).toContain("First solution");
    const question = await t.app.inject({ url: `/community/q/${q.number}?lang=en` });
    const body =
      question.statusCode === 301
        ? (await t.app.inject({ url: `${question.headers.location}` })).body
        : question.body;
    expect(body).toContain('<span class="badge rank">Newcomer</span>');
    const leaders = await t.app.inject({ url: "/community/leaderboard?period=all&lang=en" });
    expect(leaders.statusCode).toBe(200);
    expect(leaders.body).toContain(`/community/u/${helper.user.id}`);
    expect(leaders.body).toContain("All time");
  });
});

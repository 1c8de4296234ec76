import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardFactory, memberFactory, questionFactory } from "../../../test/community-factories.ts";
import { buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import type { BoardRow } from "../../db/schema/index.ts";

let t: TestApp;
let board: BoardRow;
beforeAll(async () => {
  t = await buildTestApp();
  board = await boardFactory(t.services, { slug: "moderation" });
});
afterAll(() => t?.close());

async function member(
  role: "customer" | "agent" | "moderator" | "admin" = "customer",
  trusted = true,
) {
  const m = await memberFactory(t.services, { role, trusted });
  return { ...m, agent: await loginAs(t.app, m.user.email, m.password) };
}

describe("review of new members' posts", () => {
  it("holds a new member's first question until a moderator approves it", async () => {
    const newbie = await member("customer", false);
    const mod = await member("moderator");
    const res = await newbie.agent.inject({
      method: "POST",
      url: "/api/v1/community/questions",
      payload: {
        board: "moderation",
        title: "Meine allererste Frage hier",
        body: "Hallo zusammen",
      },
    });
    expect(res.statusCode).toBe(201);
    const q = res.json();
    expect(q.pendingReview).toBe(true);
    expect((await t.app.inject({ url: `/api/v1/community/questions/${q.id}` })).statusCode).toBe(
      404,
    );
    expect(
      (await newbie.agent.inject({ url: `/api/v1/community/questions/${q.id}` })).statusCode,
    ).toBe(200);

    const queue = (await mod.agent.inject({ url: "/api/v1/community/moderation/queue" })).json()
      .items;
    const item = queue.find((i: { postId: string }) => i.postId === q.id);
    expect(item).toMatchObject({ kind: "held_for_review", postType: "question", reporter: null });
    const approve = await mod.agent.inject({
      method: "POST",
      url: `/api/v1/community/flags/${item.id}/resolve`,
      payload: { action: "approve" },
    });
    expect(approve.json()).toMatchObject({ status: "resolved", resolution: "approve" });
    expect((await t.app.inject({ url: `/api/v1/community/questions/${q.id}` })).statusCode).toBe(
      200,
    );

    // Now an established member: a plain answer goes straight out, one with a link waits.
    const other = await questionFactory(t.services, mod.user, board, {
      title: "Frage vom Moderator hier",
    });
    const plain = await newbie.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${other.id}/answers`,
      payload: { body: "Bei mir hat ein Neustart geholfen." },
    });
    expect(plain.json().pendingReview).toBe(false);
    const linked = await newbie.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${other.id}/answers`,
      payload: { body: "Siehe https://example.com/billig-handys" },
    });
    expect(linked.json().pendingReview).toBe(true);
    const detail = (await t.app.inject({ url: `/api/v1/community/questions/${other.id}` })).json();
    expect(detail.answerCount).toBe(1);
    expect(detail.answers).toHaveLength(1);
  });
});

describe("flags", () => {
  it("collects flags in the queue; a moderator hides the post; customers cannot see the queue", async () => {
    const asker = await member();
    const reporters = [await member(), await member()];
    const mod = await member("moderator");
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Billige Handys hier kaufen",
    });
    for (const r of reporters) {
      const res = await r.agent.inject({
        method: "POST",
        url: "/api/v1/community/flags",
        payload: { postType: "question", postId: q.id, reason: "spam" },
      });
      expect(res.statusCode).toBe(201);
    }
    const twice = await reporters[0]!.agent.inject({
      method: "POST",
      url: "/api/v1/community/flags",
      payload: { postType: "question", postId: q.id, reason: "offensive" },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("already_flagged");
    const badReason = await reporters[0]!.agent.inject({
      method: "POST",
      url: "/api/v1/community/flags",
      payload: { postType: "question", postId: q.id, reason: "boring" },
    });
    expect(badReason.statusCode).toBe(400);
    expect(badReason.json().error.details[0].field).toBe("reason");

    expect(
      (await asker.agent.inject({ url: "/api/v1/community/moderation/queue" })).statusCode,
    ).toBe(403);
    const items = (await mod.agent.inject({ url: "/api/v1/community/moderation/queue" })).json()
      .items;
    const mine = items.filter((i: { postId: string }) => i.postId === q.id);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ kind: "flag", reason: "spam", reporter: { team: false } });

    const byCustomer = await asker.agent.inject({
      method: "POST",
      url: `/api/v1/community/flags/${mine[0].id}/resolve`,
      payload: { action: "dismiss" },
    });
    expect(byCustomer.statusCode).toBe(403);
    const hide = await mod.agent.inject({
      method: "POST",
      url: `/api/v1/community/flags/${mine[0].id}/resolve`,
      payload: { action: "hide" },
    });
    expect(hide.statusCode).toBe(200);
    // Both flags on the post are settled by the one decision.
    const after = (await mod.agent.inject({ url: "/api/v1/community/moderation/queue" })).json()
      .items;
    expect(after.filter((i: { postId: string }) => i.postId === q.id)).toEqual([]);
    expect((await t.app.inject({ url: `/api/v1/community/questions/${q.id}` })).statusCode).toBe(
      404,
    );
    expect(
      (await mod.agent.inject({ url: `/api/v1/community/questions/${q.id}` })).json().hidden,
    ).toBe(true);
    const again = await mod.agent.inject({
      method: "POST",
      url: `/api/v1/community/flags/${mine[1].id}/resolve`,
      payload: { action: "dismiss" },
    });
    expect(again.statusCode).toBe(409);
  });

  it("locks a question through a flag", async () => {
    const asker = await member();
    const reporter = await member();
    const mod = await member("moderator");
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Streit im Thread eskaliert",
    });
    const flag = await reporter.agent.inject({
      method: "POST",
      url: "/api/v1/community/flags",
      payload: { postType: "question", postId: q.id, reason: "offensive", note: "Beleidigungen" },
    });
    await mod.agent.inject({
      method: "POST",
      url: `/api/v1/community/flags/${flag.json().id}/resolve`,
      payload: { action: "lock" },
    });
    expect((await t.app.inject({ url: `/api/v1/community/questions/${q.id}` })).json().locked).toBe(
      true,
    );
  });

  it("lets moderators mark members as trusted", async () => {
    const mod = await member("moderator");
    const m = await member("customer", false);
    const res = await mod.agent.inject({
      method: "PUT",
      url: `/api/v1/community/members/${m.user.id}/trust`,
      payload: { trusted: true },
    });
    expect(res.statusCode).toBe(200);
    expect(await t.services.community.moderation.isTrusted(m.user.id)).toBe(true);
  });
});

describe("rate limits", () => {
  it("limits how many questions one member posts per hour (429 rate_limited)", async () => {
    const m = await member();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await m.agent.inject({
        method: "POST",
        url: "/api/v1/community/questions",
        payload: { board: "moderation", title: `Serienfrage Nummer ${i} bitte`, body: "Text" },
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe("rate_limited");
    }
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../test/channels.ts";
import {
  answerFactory,
  boardFactory,
  memberFactory,
  questionFactory,
} from "../../../test/community-factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import { checkSlaClocks } from "./sla-worker.ts";

let t: TestApp;
let agent: Agent;
const MIN = 60_000;

beforeAll(async () => {
  t = await buildTestApp();
  const a = await memberFactory(t.services, { role: "agent", name: "Anna Berg" });
  agent = await loginAs(t.app, a.user.email, a.password);
});
afterAll(() => t?.close());

const member = async () => {
  const m = await memberFactory(t.services);
  return { ...m, agent: await loginAs(t.app, m.user.email, m.password) };
};

const communityQueue = async () => {
  const res = await agent.inject({ url: "/api/v1/conversations?sort=urgent&channel=community" });
  expect(res.statusCode).toBe(200);
  return res.json().items as {
    id: string;
    channel: string;
    queueScore: number;
    contact: { name: string };
    lastMessage: { text: string };
  }[];
};

describe("community questions in the inbox", () => {
  it("brings unanswered questions into the urgent queue once, me-too first, and posts replies as staff answers", async () => {
    const board = await boardFactory(t.services);
    const asker = await member();
    const quiet = await questionFactory(t.services, asker.user, board, {
      title: "Wie ändere ich meine Rechnungsadresse?",
    });
    const loud = await questionFactory(t.services, asker.user, board, {
      title: "Kein Netz in Berlin-Mitte seit heute",
    });
    const answered = await questionFactory(t.services, asker.user, board, {
      title: "Welche Vorwahl hat Österreich?",
    });
    await answerFactory(t.services, (await member()).user, answered, "0043");
    for (const p of [await member(), await member()]) {
      const res = await p.agent.inject({
        method: "PUT",
        url: `/api/v1/community/questions/${loud.id}/me-too`,
      });
      expect(res.statusCode).toBe(200);
    }

    // Fresh questions give the community time to answer first.
    await checkSlaClocks(t.services);
    expect(await communityQueue()).toEqual([]);

    t.services.clock.set(new Date(Date.now() + 31 * MIN));
    try {
      await checkSlaClocks(t.services);
      await checkSlaClocks(t.services);
      const queue = await communityQueue();
      expect(queue.map((c) => c.lastMessage.text.split("\n")[0])).toEqual([
        loud.title,
        quiet.title,
      ]);
      expect(queue[0]).toMatchObject({ channel: "community", contact: { name: asker.user.name } });
      // Two me-toos weigh 5 × log2(3) ≈ 8 points.
      expect(queue[0]!.queueScore - queue[1]!.queueScore).toBeGreaterThanOrEqual(7);
      // A me-too counts in the queue at once, not on the next SLA pass.
      const joined = await (await member()).agent.inject({
        method: "PUT",
        url: `/api/v1/community/questions/${quiet.id}/me-too`,
      });
      expect(joined.statusCode).toBe(200);
      const after = await communityQueue();
      expect(after.find((c) => c.id === queue[1]!.id)!.queueScore).toBe(queue[1]!.queueScore + 5);
      // A member's answer helps the asker: the conversation is solved.
      const helper = await member();
      const answered = await helper.agent.inject({
        method: "POST",
        url: `/api/v1/community/questions/${quiet.id}/answers`,
        payload: { body: "Unter Mein Konto → Rechnungsadresse kannst du sie ändern." },
      });
      expect(answered.statusCode).toBe(201);
      const solved = await agent.inject({ url: `/api/v1/conversations/${queue[1]!.id}` });
      expect(solved.json()).toMatchObject({ status: "solved" });

      const url = `/api/v1/conversations/${queue[0]!.id}/replies`;
      const privately = await agent.inject({
        method: "POST",
        url,
        payload: { text: "Wir prüfen das.", visibility: "private" },
      });
      expect(privately.statusCode).toBe(422);
      expect(privately.json().error.code).toBe("public_reply_unavailable");
      const reply = await agent.inject({
        method: "POST",
        url,
        payload: { text: "Wir prüfen die Störung in Berlin-Mitte.", signature: false },
      });
      expect(reply.statusCode).toBe(202);
    } finally {
      t.services.clock.set(null);
    }

    const page = await eventually(async () => {
      const q = (await t.app.inject({ url: `/api/v1/community/questions/${loud.id}` })).json();
      return q.answers?.length ? q : undefined;
    });
    expect(page.answers).toHaveLength(1);
    expect(page.answers[0]).toMatchObject({
      body: "Wir prüfen die Störung in Berlin-Mitte.",
      author: { team: true },
    });
    const messages = await eventually(async () => {
      const res = await agent.inject({
        url: `/api/v1/conversations/${(await communityQueue())[0]!.id}`,
      });
      const items = res.json().messages as {
        direction: string;
        delivery: { status: string } | null;
      }[];
      return items.some((m) => m.direction === "outbound" && m.delivery?.status === "sent")
        ? items
        : undefined;
    });
    expect(messages.filter((m) => m.direction === "outbound")).toHaveLength(1);
  });

  it("solves the conversation when a held member answer is approved, not before", async () => {
    const board = await boardFactory(t.services, { slug: "held-answers" });
    const asker = await member();
    const question = await questionFactory(t.services, asker.user, board, {
      title: "Router startet ständig neu",
    });
    t.services.clock.set(new Date(Date.now() + 31 * MIN));
    try {
      await checkSlaClocks(t.services);
      const conversation = (await communityQueue()).find((c) =>
        c.lastMessage.text.startsWith(question.title),
      );
      expect(conversation).toBeDefined();
      const status = async () =>
        (await agent.inject({ url: `/api/v1/conversations/${conversation!.id}` })).json().status;
      // A new member's answer with a link waits for review: the asker is not helped yet.
      const newbie = await memberFactory(t.services, { trusted: false });
      const held = await (await loginAs(t.app, newbie.user.email, newbie.password)).inject({
        method: "POST",
        url: `/api/v1/community/questions/${question.id}/answers`,
        payload: { body: "Firmware-Update unter https://example.com/router hat geholfen." },
      });
      expect(held.json().pendingReview).toBe(true);
      expect(await status()).not.toBe("solved");
      const mod = await memberFactory(t.services, { role: "moderator" });
      const modAgent = await loginAs(t.app, mod.user.email, mod.password);
      const items = (await modAgent.inject({ url: "/api/v1/community/moderation/queue" })).json()
        .items as { id: string; postId: string }[];
      const item = items.find((i) => i.postId === held.json().id);
      const approved = await modAgent.inject({
        method: "POST",
        url: `/api/v1/community/flags/${item!.id}/resolve`,
        payload: { action: "approve" },
      });
      expect(approved.statusCode).toBe(200);
      expect(await status()).toBe("solved");
    } finally {
      t.services.clock.set(null);
    }
  });
});

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
beforeAll(async () => {
  t = await buildTestApp();
  board = await boardFactory(t.services);
});
afterAll(() => t?.close());

async function member(
  role: "customer" | "agent" | "moderator" | "admin" = "customer",
  trusted = true,
) {
  const m = await memberFactory(t.services, { role, trusted });
  return { ...m, agent: await loginAs(t.app, m.user.email, m.password) };
}

const get = async (id: string) =>
  (await t.app.inject({ url: `/api/v1/community/questions/${id}` })).json();

describe("votes", () => {
  it("counts one vote per person, lets them change and remove it, refuses own posts", async () => {
    const asker = await member();
    const helper = await member();
    const voter = await member();
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Welche Vorwahl hat Österreich?",
    });
    const a = await answerFactory(t.services, helper.user, q, "0043");
    const url = `/api/v1/community/answers/${a.id}/vote`;

    const up = await voter.agent.inject({ method: "PUT", url, payload: { value: 1 } });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ upvotes: 1, downvotes: 0, score: 1, myVote: 1 });
    const again = await voter.agent.inject({ method: "PUT", url, payload: { value: 1 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("already_voted");
    const down = await voter.agent.inject({ method: "PUT", url, payload: { value: -1 } });
    expect(down.json()).toEqual({ upvotes: 0, downvotes: 1, score: -1, myVote: -1 });
    const removed = await voter.agent.inject({ method: "DELETE", url });
    expect(removed.json()).toEqual({ upvotes: 0, downvotes: 0, score: 0, myVote: null });
    expect((await voter.agent.inject({ method: "DELETE", url })).statusCode).toBe(404);

    const own = await helper.agent.inject({ method: "PUT", url, payload: { value: 1 } });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe("own_post");
    const anonymous = await t.app.inject({ method: "PUT", url, payload: { value: 1 } });
    expect(anonymous.statusCode).toBe(401);
    const bad = await voter.agent.inject({ method: "PUT", url, payload: { value: 2 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("value");
  });

  it("takes only up-votes on questions and shows my vote", async () => {
    const asker = await member();
    const voter = await member();
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Warum ist meine Rechnung so hoch?",
    });
    const url = `/api/v1/community/questions/${q.id}/vote`;
    const down = await voter.agent.inject({ method: "PUT", url, payload: { value: -1 } });
    expect(down.statusCode).toBe(400);
    expect(down.json().error.details[0].field).toBe("value");
    expect(
      (await voter.agent.inject({ method: "PUT", url, payload: { value: 1 } })).json().upvotes,
    ).toBe(1);
    expect(
      (await asker.agent.inject({ method: "PUT", url, payload: { value: 1 } })).json().error.code,
    ).toBe("own_post");
    const seen = await voter.agent.inject({ url: `/api/v1/community/questions/${q.id}` });
    expect(seen.json()).toMatchObject({ upvotes: 1, myVote: 1 });
  });
});

describe("me too", () => {
  it("counts once per person, follows the question, raises its priority; not on your own", async () => {
    const asker = await member();
    const b = await boardFactory(t.services, { slug: "prio" });
    const quiet = await questionFactory(t.services, asker.user, b, {
      title: "Leise Frage ohne Mitstreiter",
    });
    const q = await questionFactory(t.services, asker.user, b, {
      title: "Kein Netz in Berlin-Mitte seit heute",
    });
    const url = `/api/v1/community/questions/${q.id}/me-too`;
    const people = [await member(), await member()];
    for (const p of people) {
      const res = await p.agent.inject({ method: "PUT", url });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ meToo: true, following: true });
    }
    const twice = await people[0]!.agent.inject({ method: "PUT", url });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("already_joined");
    const own = await asker.agent.inject({ method: "PUT", url });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe("own_post");
    expect((await get(q.id)).meTooCount).toBe(2);

    const byPriority = await t.app.inject({
      url: "/api/v1/community/questions?board=prio&sort=priority",
    });
    expect(byPriority.json().items.map((i: { id: string }) => i.id)).toEqual([q.id, quiet.id]);
    expect(await t.services.community.engagement.listFollowerIds(q.id)).toEqual(
      expect.arrayContaining([asker.user.id, people[0]!.user.id, people[1]!.user.id]),
    );

    const left = await people[1]!.agent.inject({ method: "DELETE", url });
    expect(left.json()).toMatchObject({ meTooCount: 1, meToo: false });
  });
});

describe("accepted answer", () => {
  it("lets the asker or the team accept one answer, changeably; shows it first with who accepted", async () => {
    const asker = await member();
    const stranger = await member();
    const agentUser = await member("agent");
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Wie aktiviere ich WLAN-Calling?",
    });
    const first = await answerFactory(t.services, stranger.user, q, "Erste Antwort");
    const second = await answerFactory(t.services, agentUser.user, q, "Zweite Antwort vom Team");
    // The first answer gets votes so it would otherwise lead.
    await agentUser.agent.inject({
      method: "PUT",
      url: `/api/v1/community/answers/${first.id}/vote`,
      payload: { value: 1 },
    });
    const url = `/api/v1/community/questions/${q.id}/accepted-answer`;

    const denied = await stranger.agent.inject({
      method: "PUT",
      url,
      payload: { answerId: first.id },
    });
    expect(denied.statusCode).toBe(403);

    const accepted = await asker.agent.inject({
      method: "PUT",
      url,
      payload: { answerId: second.id },
    });
    expect(accepted.statusCode).toBe(200);
    const body = accepted.json();
    expect(body.status).toBe("solved");
    expect(body.acceptedAnswerId).toBe(second.id);
    expect(body.acceptedBy).toMatchObject({ id: asker.user.id, team: false });
    expect(body.answers.map((a: { id: string }) => a.id)).toEqual([second.id, first.id]);
    expect(body.answers[0]).toMatchObject({ accepted: true, author: { team: true } });

    const changed = await agentUser.agent.inject({
      method: "PUT",
      url,
      payload: { answerId: first.id },
    });
    expect(changed.json()).toMatchObject({
      acceptedAnswerId: first.id,
      acceptedBy: { id: agentUser.user.id, team: true },
    });

    const other = await questionFactory(t.services, asker.user, board, {
      title: "Eine ganz andere Frage hier",
    });
    const foreign = await asker.agent.inject({
      method: "PUT",
      url: `/api/v1/community/questions/${other.id}/accepted-answer`,
      payload: { answerId: first.id },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].field).toBe("answerId");

    const undone = await asker.agent.inject({ method: "DELETE", url });
    expect(undone.json()).toMatchObject({ status: "open", acceptedAnswerId: null });
  });

  it("opens the question again when the accepted answer is deleted", async () => {
    const asker = await member();
    const helper = await member();
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Frage mit gelöschter Lösung",
    });
    const a = await answerFactory(t.services, helper.user, q, "Lösung");
    await asker.agent.inject({
      method: "PUT",
      url: `/api/v1/community/questions/${q.id}/accepted-answer`,
      payload: { answerId: a.id },
    });
    await helper.agent.inject({ method: "DELETE", url: `/api/v1/community/answers/${a.id}` });
    expect(await get(q.id)).toMatchObject({
      status: "open",
      acceptedAnswerId: null,
      answerCount: 0,
    });
  });
});

describe("duplicates", () => {
  it("closes as duplicate (team), merges me-too and followers into the original, keeps answers", async () => {
    const originalAsker = await member();
    const dupAsker = await member();
    const joiner = await member("customer", false);
    const agentUser = await member("agent");
    const original = await questionFactory(t.services, originalAsker.user, board, {
      title: "Rechnung doppelt abgebucht",
    });
    const dup = await questionFactory(t.services, dupAsker.user, board, {
      title: "Betrag zweimal abgebucht worden",
    });
    await answerFactory(t.services, agentUser.user, dup, "Bitte die Hotline anrufen.");
    await joiner.agent.inject({
      method: "PUT",
      url: `/api/v1/community/questions/${dup.id}/me-too`,
    });

    const byCustomer = await joiner.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${dup.id}/close`,
      payload: { reason: "duplicate", duplicateOf: original.id },
    });
    expect(byCustomer.statusCode).toBe(403);

    const closed = await agentUser.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${dup.id}/close`,
      payload: { reason: "duplicate", duplicateOf: original.id },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: "duplicate",
      duplicateOf: {
        id: original.id,
        url: expect.stringMatching(/^\/community\/q\/\d+-rechnung-doppelt-abgebucht$/),
      },
      answerCount: 1,
    });
    const target = await get(original.id);
    // The duplicate's asker and its me-too person now share the original's priority.
    expect(target.meTooCount).toBe(2);
    expect(await t.services.community.engagement.listFollowerIds(original.id)).toEqual(
      expect.arrayContaining([
        originalAsker.user.id,
        dupAsker.user.id,
        joiner.user.id,
        agentUser.user.id,
      ]),
    );

    const self = await agentUser.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${original.id}/close`,
      payload: { reason: "duplicate", duplicateOf: original.id },
    });
    expect(self.statusCode).toBe(400);

    // The asker objects: the question opens again and a moderator gets a review item.
    const notAsker = await joiner.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${dup.id}/objection`,
      payload: {},
    });
    expect(notAsker.statusCode).toBe(403);
    const objection = await dupAsker.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${dup.id}/objection`,
      payload: { note: "Bei mir ist es eine andere Ursache." },
    });
    expect(objection.statusCode).toBe(200);
    expect(objection.json()).toMatchObject({ status: "open", duplicateOf: null });
    const mod = await member("moderator");
    const queue = await mod.agent.inject({ url: "/api/v1/community/moderation/queue" });
    expect(queue.json().items).toContainEqual(
      expect.objectContaining({
        kind: "duplicate_objection",
        postId: dup.id,
        note: "Bei mir ist es eine andere Ursache.",
      }),
    );
  });

  it("lets trusted members close duplicates, and points at the original when given a duplicate", async () => {
    const asker = await member();
    const trusted = await member("customer", true);
    const untrusted = await member("customer", false);
    const agentUser = await member("agent");
    const a = await questionFactory(t.services, asker.user, board, { title: "Original zur Kette" });
    const b = await questionFactory(t.services, asker.user, board, {
      title: "Duplikat eins zur Kette",
    });
    const c = await questionFactory(t.services, agentUser.user, board, {
      title: "Duplikat zwei zur Kette",
    });
    await agentUser.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${b.id}/close`,
      payload: { reason: "duplicate", duplicateOf: a.id },
    });
    const denied = await untrusted.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${c.id}/close`,
      payload: { reason: "duplicate", duplicateOf: b.id },
    });
    expect(denied.statusCode).toBe(403);
    const res = await trusted.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${c.id}/close`,
      payload: { reason: "duplicate", duplicateOf: b.id },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().duplicateOf.id).toBe(a.id);
  });
});

describe("closing for another reason", () => {
  it("takes a reason and a public note (team only), shows them until reopened", async () => {
    const asker = await member();
    const staff = await member("agent");
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Frage zum Tarifwechsel",
    });
    const close = (who: typeof staff, payload: Record<string, unknown>) =>
      who.agent.inject({
        method: "POST",
        url: `/api/v1/community/questions/${q.id}/close`,
        payload,
      });
    expect((await close(asker, { reason: "closed", closeReason: "off_topic" })).statusCode).toBe(
      403,
    );
    const bad = await close(staff, { reason: "closed", closeReason: "boring" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("closeReason");
    const long = await close(staff, { reason: "closed", note: "x".repeat(501) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details[0].field).toBe("note");
    expect((await get(q.id)).status).toBe("open");

    const ok = await close(staff, {
      reason: "closed",
      closeReason: "needs_details",
      note: "Bitte nenne dein Gerät und den Tarif.",
    });
    expect(ok.statusCode).toBe(200);
    expect(await get(q.id)).toMatchObject({
      status: "closed",
      closeReason: "needs_details",
      closeNote: "Bitte nenne dein Gerät und den Tarif.",
    });
    // Without a reason it is "other", and the old note does not linger.
    await staff.agent.inject({ method: "POST", url: `/api/v1/community/questions/${q.id}/reopen` });
    expect(await get(q.id)).toMatchObject({ status: "open", closeReason: null, closeNote: null });
    expect((await close(staff, { reason: "closed" })).statusCode).toBe(200);
    expect(await get(q.id)).toMatchObject({ closeReason: "other", closeNote: null });
  });
});

describe("notifications", () => {
  it("tells followers about new answers and authors about accepted answers; marks them read", async () => {
    const asker = await member();
    const joiner = await member();
    const helper = await member();
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Wann kommt der Techniker?",
    });
    await joiner.agent.inject({ method: "PUT", url: `/api/v1/community/questions/${q.id}/me-too` });
    const a = await answerFactory(t.services, helper.user, q, "Meist innerhalb von drei Tagen.");

    for (const person of [asker, joiner]) {
      const list = await person.agent.inject({
        url: "/api/v1/community/notifications?unread=true",
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toEqual([
        expect.objectContaining({
          kind: "new_answer",
          answerId: a.id,
          actorName: helper.user.name,
          read: false,
          question: expect.objectContaining({
            id: q.id,
            url: expect.stringMatching(/^\/community\/q\/\d+-wann-kommt-der-techniker$/),
          }),
        }),
      ]);
    }
    // The one who answered is not told about their own answer.
    expect(
      (await helper.agent.inject({ url: "/api/v1/community/notifications" })).json().items,
    ).toEqual([]);

    await asker.agent.inject({
      method: "PUT",
      url: `/api/v1/community/questions/${q.id}/accepted-answer`,
      payload: { answerId: a.id },
    });
    const accepted = (await helper.agent.inject({ url: "/api/v1/community/notifications" })).json()
      .items;
    // The first accepted answer, written within the hour, also earns two badges.
    expect(accepted).toHaveLength(3);
    expect(accepted).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "answer_accepted", answerId: a.id }),
        expect.objectContaining({
          kind: "badge_awarded",
          question: null,
          badge: { name: "First solution", icon: "🎯" },
        }),
        expect.objectContaining({
          kind: "badge_awarded",
          badge: { name: "Quick helper", icon: "⚡" },
        }),
      ]),
    );

    const read = await asker.agent.inject({
      method: "POST",
      url: "/api/v1/community/notifications/read",
      payload: {},
    });
    expect(read.json()).toEqual({ marked: 1 });
    expect(
      (await asker.agent.inject({ url: "/api/v1/community/notifications?unread=true" })).json()
        .items,
    ).toEqual([]);
    expect((await t.app.inject({ url: "/api/v1/community/notifications" })).statusCode).toBe(401);
  });
});

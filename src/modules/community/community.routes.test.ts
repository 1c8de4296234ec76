import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerFactory,
  boardFactory,
  memberFactory,
  questionFactory,
} from "../../../test/community-factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import type { BoardRow } from "../../db/schema/index.ts";

let t: TestApp;
let board: BoardRow;
beforeAll(async () => {
  t = await buildTestApp();
  board = await boardFactory(t.services, { slug: "mobilfunk", name: "Mobilfunk" });
});
afterAll(() => t?.close());

async function member(
  role: "customer" | "agent" | "moderator" | "admin" = "customer",
  trusted = true,
) {
  const m = await memberFactory(t.services, { role, trusted });
  const agent = await loginAs(t.app, m.user.email, m.password);
  return { ...m, agent };
}

const ask = (agent: Agent, payload: Record<string, unknown>) =>
  agent.inject({ method: "POST", url: "/api/v1/community/questions", payload });

describe("boards", () => {
  it("lists boards in order with public question counts, without signing in", async () => {
    const res = await t.app.inject({ url: "/api/v1/community/boards" });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({
      slug: "mobilfunk",
      name: "Mobilfunk",
      url: "/community/b/mobilfunk",
    });
  });

  it("lets moderators create boards and refuses customers and taken slugs", async () => {
    const mod = await member("moderator");
    const created = await mod.agent.inject({
      method: "POST",
      url: "/api/v1/community/boards",
      payload: { slug: "geraete", name: "Geräte", description: "Phones", position: 5 },
    });
    expect(created.statusCode).toBe(201);
    const again = await mod.agent.inject({
      method: "POST",
      url: "/api/v1/community/boards",
      payload: { slug: "geraete", name: "Noch mal" },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details[0].field).toBe("slug");
    const customer = await member();
    const denied = await customer.agent.inject({
      method: "POST",
      url: "/api/v1/community/boards",
      payload: { slug: "x-board", name: "Xbox" },
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe("questions", () => {
  it("asks a question with Markdown rendered safely and tags normalised", async () => {
    const { agent, user } = await member();
    const res = await ask(agent, {
      board: "mobilfunk",
      title: "eSIM lässt sich nicht aktivieren",
      body: "Ich bekomme **Fehler 12**.<script>alert(1)</script> [Link](javascript:alert(1))",
      tags: ["eSIM", " Aktivierung ", "esim"],
    });
    expect(res.statusCode).toBe(201);
    const q = res.json();
    expect(q).toMatchObject({
      title: "eSIM lässt sich nicht aktivieren",
      status: "open",
      tags: ["esim", "aktivierung"],
      author: { id: user.id, team: false },
      board: { slug: "mobilfunk" },
      meTooCount: 0,
      following: true,
      language: "german",
    });
    expect(q.url).toBe(`/community/q/${q.number}-esim-laesst-sich-nicht-aktivieren`);
    expect(q.bodyHtml).toContain("<strong>Fehler 12</strong>");
    expect(q.bodyHtml).not.toMatch(/<script|href="javascript/);
    expect(q.author).not.toHaveProperty("email");
    const fetched = await t.app.inject({ url: `/api/v1/community/questions/${q.id}` });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json().body).toContain("<script>alert(1)</script>");
  });

  it("names the invalid fields and the unknown board", async () => {
    const { agent } = await member();
    const res = await ask(agent, { board: "mobilfunk", title: "kurz" });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .error.details.map((d: { field: string }) => d.field)
      .sort();
    expect(fields).toEqual(["body", "title"]);
    const unknown = await ask(agent, {
      board: "nope",
      title: "Eine längere Frage hier",
      body: "Text",
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe("board");
  });

  it("needs a signed-in person to ask", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/community/questions",
      payload: { board: "mobilfunk", title: "Eine längere Frage hier", body: "Text" },
    });
    expect(res.statusCode).toBe(401);
  });

  it("keeps revisions of edits (who, when, previous text); authors and staff may edit, others not", async () => {
    const asker = await member();
    const other = await member();
    const agentUser = await member("agent");
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Roaming in der Schweiz teuer?",
    });
    const own = await asker.agent.inject({
      method: "PATCH",
      url: `/api/v1/community/questions/${q.id}`,
      payload: { body: "Neuer Text mit mehr Details", tags: ["roaming"] },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ body: "Neuer Text mit mehr Details", tags: ["roaming"] });
    const denied = await other.agent.inject({
      method: "PATCH",
      url: `/api/v1/community/questions/${q.id}`,
      payload: { title: "Gekaperte Frage, anderer Titel" },
    });
    expect(denied.statusCode).toBe(403);
    const staff = await agentUser.agent.inject({
      method: "PATCH",
      url: `/api/v1/community/questions/${q.id}`,
      payload: { title: "Roaming in der Schweiz: Kosten" },
    });
    expect(staff.statusCode).toBe(200);
    expect(staff.json().edited).toBe(true);
    const revisions = await t.app.inject({ url: `/api/v1/community/questions/${q.id}/revisions` });
    expect(revisions.statusCode).toBe(200);
    const items = revisions.json().items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      editor: { id: agentUser.user.id, team: true },
      previousTitle: "Roaming in der Schweiz teuer?",
      previousBody: "Neuer Text mit mehr Details",
    });
    expect(items[1]).toMatchObject({ editor: { id: asker.user.id }, previousTags: [] });
  });

  it("lets the author delete and restore; others get 403; moderators restore what they deleted", async () => {
    const asker = await member();
    const other = await member();
    const mod = await member("moderator");
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Frage, die gelöscht wird",
    });
    const url = `/api/v1/community/questions/${q.id}`;
    expect((await other.agent.inject({ method: "DELETE", url })).statusCode).toBe(403);
    expect((await asker.agent.inject({ method: "DELETE", url })).statusCode).toBe(204);
    expect((await t.app.inject({ url })).statusCode).toBe(404);
    expect((await other.agent.inject({ url })).statusCode).toBe(404);
    expect((await asker.agent.inject({ url })).json().deleted).toBe(true);
    expect((await asker.agent.inject({ method: "DELETE", url })).json().error.code).toBe(
      "already_deleted",
    );
    expect((await asker.agent.inject({ method: "POST", url: `${url}/restore` })).statusCode).toBe(
      204,
    );
    expect((await t.app.inject({ url })).statusCode).toBe(200);

    expect((await mod.agent.inject({ method: "DELETE", url })).statusCode).toBe(204);
    const restoreByAuthor = await asker.agent.inject({ method: "POST", url: `${url}/restore` });
    expect(restoreByAuthor.statusCode).toBe(403);
    expect((await mod.agent.inject({ method: "POST", url: `${url}/restore` })).statusCode).toBe(
      204,
    );
  });

  it("lists questions by board, tag and unanswered; deleted ones never", async () => {
    const asker = await member();
    const b = await boardFactory(t.services, { slug: "liste" });
    const a = await questionFactory(t.services, asker.user, b, {
      title: "Erste Frage zur Liste",
      tags: ["liste"],
    });
    const c = await questionFactory(t.services, asker.user, b, { title: "Zweite Frage zur Liste" });
    await answerFactory(t.services, asker.user, c);
    const del = await questionFactory(t.services, asker.user, b, {
      title: "Dritte Frage wird gelöscht",
    });
    await asker.agent.inject({ method: "DELETE", url: `/api/v1/community/questions/${del.id}` });
    const all = await t.app.inject({ url: "/api/v1/community/questions?board=liste" });
    expect(
      all
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([a.id, c.id].sort());
    const tagged = await t.app.inject({ url: "/api/v1/community/questions?tag=liste" });
    expect(tagged.json().items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const open = await t.app.inject({
      url: "/api/v1/community/questions?board=liste&unanswered=true",
    });
    expect(open.json().items.map((i: { id: string }) => i.id)).toEqual([a.id]);
  });
});

describe("answers and comments", () => {
  it("answers, comments on question and answer, edits with revision, deletes", async () => {
    const asker = await member();
    const helper = await member();
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Router blinkt rot, was tun?",
    });
    const answer = await helper.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${q.id}/answers`,
      payload: { body: "Einmal *neu starten*." },
    });
    expect(answer.statusCode).toBe(201);
    const a = answer.json();
    expect(a).toMatchObject({
      score: 0,
      accepted: false,
      author: { id: helper.user.id, team: false },
    });
    expect(a.bodyHtml).toContain("<em>neu starten</em>");

    const c1 = await asker.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${q.id}/comments`,
      payload: { body: "Modell ist XY-1" },
    });
    expect(c1.statusCode).toBe(201);
    const c2 = await asker.agent.inject({
      method: "POST",
      url: `/api/v1/community/answers/${a.id}/comments`,
      payload: { body: "Hat geholfen, danke" },
    });
    expect(c2.statusCode).toBe(201);
    expect(c2.json().answerId).toBe(a.id);

    const edit = await helper.agent.inject({
      method: "PATCH",
      url: `/api/v1/community/answers/${a.id}`,
      payload: { body: "Einmal neu starten, 30 Sekunden warten." },
    });
    expect(edit.statusCode).toBe(200);
    const otherEdit = await asker.agent.inject({
      method: "PATCH",
      url: `/api/v1/community/answers/${a.id}`,
      payload: { body: "Fremd editiert" },
    });
    expect(otherEdit.statusCode).toBe(403);
    const revs = await t.app.inject({ url: `/api/v1/community/answers/${a.id}/revisions` });
    expect(revs.json().items[0].previousBody).toBe("Einmal *neu starten*.");

    const commentEdit = await asker.agent.inject({
      method: "PATCH",
      url: `/api/v1/community/comments/${c1.json().id}`,
      payload: { body: "Modell ist XY-2" },
    });
    expect(commentEdit.statusCode).toBe(200);
    expect(commentEdit.json().edited).toBe(true);

    const detail = (await t.app.inject({ url: `/api/v1/community/questions/${q.id}` })).json();
    expect(detail.answerCount).toBe(1);
    expect(detail.comments.map((c: { body: string }) => c.body)).toEqual(["Modell ist XY-2"]);
    expect(detail.answers[0].comments.map((c: { body: string }) => c.body)).toEqual([
      "Hat geholfen, danke",
    ]);

    expect(
      (await helper.agent.inject({ method: "DELETE", url: `/api/v1/community/answers/${a.id}` }))
        .statusCode,
    ).toBe(204);
    const after = (await t.app.inject({ url: `/api/v1/community/questions/${q.id}` })).json();
    expect(after.answerCount).toBe(0);
    expect(after.answers).toEqual([]);
  });

  it("refuses answers on locked questions and edits by authors there; staff still edit", async () => {
    const asker = await member();
    const mod = await member("moderator");
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Gesperrte Frage zum Test",
    });
    const lock = await mod.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${q.id}/moderation`,
      payload: { locked: true },
    });
    expect(lock.statusCode).toBe(200);
    expect(lock.json().locked).toBe(true);
    const answer = await asker.agent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${q.id}/answers`,
      payload: { body: "Noch eine Antwort" },
    });
    expect(answer.statusCode).toBe(423);
    expect(answer.json().error.code).toBe("question_locked");
    const edit = await asker.agent.inject({
      method: "PATCH",
      url: `/api/v1/community/questions/${q.id}`,
      payload: { body: "Nachträglich geändert" },
    });
    expect(edit.statusCode).toBe(403);
    const staffEdit = await mod.agent.inject({
      method: "PATCH",
      url: `/api/v1/community/questions/${q.id}`,
      payload: { body: "Vom Team korrigiert" },
    });
    expect(staffEdit.statusCode).toBe(200);
  });

  it("marks answers by the team with a badge", async () => {
    const asker = await member();
    const agentUser = await member("agent");
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Frage an das Team hier",
    });
    await answerFactory(t.services, agentUser.user, q, "Offizielle Antwort vom Team.");
    const detail = (await t.app.inject({ url: `/api/v1/community/questions/${q.id}` })).json();
    expect(detail.answers[0].author).toEqual({
      id: agentUser.user.id,
      name: agentUser.user.name,
      team: true,
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardFactory, memberFactory } from "../../../../test/community-factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../../test/helpers.ts";

let t: TestApp;
let author: Agent;
let voter: Agent;
let other: Agent;
let staff: Agent;
let ideaId: string;
let authorId: string;

beforeAll(async () => {
  t = await buildTestApp();
  await boardFactory(t.services, { slug: "fragen", name: "Fragen" });
  const a = await memberFactory(t.services, { name: "Ida Idee" });
  const v = await memberFactory(t.services, { name: "Volker Voter" });
  const o = await memberFactory(t.services, { name: "Olga Other" });
  const s = await memberFactory(t.services, { role: "agent", name: "Sam Staff" });
  const m = await memberFactory(t.services, { role: "moderator", name: "Mo Mod" });
  authorId = a.user.id;
  author = await loginAs(t.app, a.user.email, a.password);
  voter = await loginAs(t.app, v.user.email, v.password);
  other = await loginAs(t.app, o.user.email, o.password);
  staff = await loginAs(t.app, s.user.email, s.password);
  const mod = await loginAs(t.app, m.user.email, m.password);
  const res = await mod.inject({
    method: "POST",
    url: "/api/v1/community/boards",
    payload: { slug: "ideen", name: "Ideen", description: "Eure Wünsche", kind: "ideas" },
  });
  expect(res.statusCode).toBe(201);
  expect(res.json().kind).toBe("ideas");
});
afterAll(() => t?.close());

describe("ideas API", () => {
  it("submits an idea to an ideas board only, naming bad fields", async () => {
    const res = await author.inject({
      method: "POST",
      url: "/api/v1/ideas",
      payload: { board: "ideen", title: "Dunkles Design für die App", body: "Bitte **dunkel**." },
    });
    expect(res.statusCode).toBe(201);
    const idea = res.json();
    ideaId = idea.id;
    expect(idea).toMatchObject({
      status: "new",
      votes: 0,
      myVote: false,
      history: [],
      permissions: { vote: false, changeStatus: false },
      author: { name: "Ida Idee", team: false },
    });
    expect(idea.bodyHtml).toContain("<strong>dunkel</strong>");
    expect(idea.url).toMatch(/^\/community\/i\/\d+-dunkles-design-fuer-die-app$/);

    const wrongBoard = await author.inject({
      method: "POST",
      url: "/api/v1/ideas",
      payload: { board: "fragen", title: "Noch eine gute Idee", body: "Text" },
    });
    expect(wrongBoard.statusCode).toBe(400);
    expect(wrongBoard.json().error.details[0].field).toBe("board");
    const short = await author.inject({
      method: "POST",
      url: "/api/v1/ideas",
      payload: { board: "ideen", title: "kurz", body: "Text" },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].field).toBe("title");
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/v1/ideas",
      payload: { board: "ideen", title: "Anonyme Idee hier", body: "Text" },
    });
    expect(anonymous.statusCode).toBe(401);
    // A question cannot go to an ideas board.
    const question = await author.inject({
      method: "POST",
      url: "/api/v1/community/questions",
      payload: { board: "ideen", title: "Ist das eine Frage?", body: "Ja", tags: [] },
    });
    expect(question.statusCode).toBe(400);
    expect(question.json().error.details[0].field).toBe("board");
  });

  it("takes one vote per person, never the author's, and lets it be taken back", async () => {
    const own = await author.inject({ method: "PUT", url: `/api/v1/ideas/${ideaId}/vote` });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe("own_post");

    const first = await voter.inject({ method: "PUT", url: `/api/v1/ideas/${ideaId}/vote` });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ votes: 1, myVote: true });
    const again = await voter.inject({ method: "PUT", url: `/api/v1/ideas/${ideaId}/vote` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("already_voted");

    expect(
      (await other.inject({ method: "PUT", url: `/api/v1/ideas/${ideaId}/vote` })).json(),
    ).toEqual({ votes: 2, myVote: true });
    expect(
      (await other.inject({ method: "DELETE", url: `/api/v1/ideas/${ideaId}/vote` })).json(),
    ).toEqual({ votes: 1, myVote: false });
    // Taking back twice changes nothing.
    expect(
      (await other.inject({ method: "DELETE", url: `/api/v1/ideas/${ideaId}/vote` })).json(),
    ).toEqual({ votes: 1, myVote: false });

    const detail = (await voter.inject({ url: `/api/v1/ideas/${ideaId}` })).json();
    expect(detail).toMatchObject({ votes: 1, myVote: true, permissions: { vote: true } });
    expect((await t.app.inject({ url: `/api/v1/ideas/${ideaId}` })).json().myVote).toBe(false);
    const missing = await voter.inject({
      method: "PUT",
      url: "/api/v1/ideas/00000000-0000-4000-8000-000000000000/vote",
    });
    expect(missing.statusCode).toBe(404);
    const notUuid = await voter.inject({ method: "PUT", url: "/api/v1/ideas/nope/vote" });
    expect(notUuid.statusCode).toBe(400);
  });

  it("lets only the team change the status, always with a comment, and keeps the history", async () => {
    const byCustomer = await author.inject({
      method: "POST",
      url: `/api/v1/ideas/${ideaId}/status`,
      payload: { status: "planned", comment: "Ich plane das selbst." },
    });
    expect(byCustomer.statusCode).toBe(403);

    const noComment = await staff.inject({
      method: "POST",
      url: `/api/v1/ideas/${ideaId}/status`,
      payload: { status: "planned", comment: " " },
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.details[0].field).toBe("comment");
    const badStatus = await staff.inject({
      method: "POST",
      url: `/api/v1/ideas/${ideaId}/status`,
      payload: { status: "maybe", comment: "Vielleicht." },
    });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.details[0].field).toBe("status");
    const same = await staff.inject({
      method: "POST",
      url: `/api/v1/ideas/${ideaId}/status`,
      payload: { status: "new", comment: "Bleibt neu." },
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details[0].field).toBe("status");

    const review = await staff.inject({
      method: "POST",
      url: `/api/v1/ideas/${ideaId}/status`,
      payload: { status: "under_review", comment: "Wir schauen uns das an." },
    });
    expect(review.statusCode).toBe(200);
    const planned = await staff.inject({
      method: "POST",
      url: `/api/v1/ideas/${ideaId}/status`,
      payload: { status: "planned", comment: "Kommt im **Herbst**." },
    });
    expect(planned.statusCode).toBe(200);
    const idea = planned.json();
    expect(idea.status).toBe("planned");
    expect(idea.permissions.changeStatus).toBe(true);
    expect(idea.history).toHaveLength(2);
    expect(idea.history[0]).toMatchObject({
      from: "new",
      to: "under_review",
      comment: "Wir schauen uns das an.",
      by: { name: "Sam Staff", team: true },
    });
    expect(idea.history[1]).toMatchObject({ from: "under_review", to: "planned" });
    expect(idea.history[1].commentHtml).toContain("<strong>Herbst</strong>");
  });

  it("notifies voters and the author of each change, not the team member who made it", async () => {
    const mine = (await voter.inject({ url: "/api/v1/ideas/notifications" })).json().items;
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({
      kind: "idea_status",
      from: "under_review",
      to: "planned",
      comment: "Kommt im **Herbst**.",
      actorName: "Sam Staff",
      read: false,
      idea: { id: ideaId, title: "Dunkles Design für die App" },
    });
    expect((await author.inject({ url: "/api/v1/ideas/notifications" })).json().items).toHaveLength(
      2,
    );
    // Took the vote back before the changes: not told.
    expect((await other.inject({ url: "/api/v1/ideas/notifications" })).json().items).toHaveLength(
      0,
    );
    expect((await staff.inject({ url: "/api/v1/ideas/notifications" })).json().items).toHaveLength(
      0,
    );
    const marked = await voter.inject({
      method: "POST",
      url: "/api/v1/ideas/notifications/read",
      payload: { ids: [mine[1].id] },
    });
    expect(marked.json()).toEqual({ marked: 1 });
    const unread = (await voter.inject({ url: "/api/v1/ideas/notifications?unread=true" })).json()
      .items;
    expect(unread.map((n: { id: string }) => n.id)).toEqual([mine[0].id]);
    expect((await t.app.inject({ url: "/api/v1/ideas/notifications" })).statusCode).toBe(401);
    const rows = await t.services.community.ideas.listNotifications(authorId, {
      unreadOnly: true,
      limit: 10,
    });
    expect(rows).toHaveLength(2);
  });

  it("closes voting once an idea is done or declined", async () => {
    await staff.inject({
      method: "POST",
      url: `/api/v1/ideas/${ideaId}/status`,
      payload: { status: "done", comment: "Ist da!" },
    });
    const late = await other.inject({ method: "PUT", url: `/api/v1/ideas/${ideaId}/vote` });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("idea_closed");
    // A vote already given can still be taken back.
    const back = await voter.inject({ method: "DELETE", url: `/api/v1/ideas/${ideaId}/vote` });
    expect(back.json()).toEqual({ votes: 0, myVote: false });
  });

  it("lists ideas by board and status, most votes or newest first", async () => {
    const second = (
      await voter.inject({
        method: "POST",
        url: "/api/v1/ideas",
        payload: { board: "ideen", title: "Rechnung als CSV exportieren", body: "Für Excel." },
      })
    ).json();
    await author.inject({ method: "PUT", url: `/api/v1/ideas/${second.id}/vote` });
    const byVotes = (await t.app.inject({ url: "/api/v1/ideas?board=ideen" })).json().items;
    expect(byVotes.map((i: { id: string }) => i.id)).toEqual([second.id, ideaId]);
    const newest = (await t.app.inject({ url: "/api/v1/ideas?sort=newest" })).json().items;
    expect(newest[0].id).toBe(second.id);
    const done = (await t.app.inject({ url: "/api/v1/ideas?status=done" })).json().items;
    expect(done.map((i: { id: string }) => i.id)).toEqual([ideaId]);
    expect((await t.app.inject({ url: "/api/v1/ideas?status=maybe" })).statusCode).toBe(400);
    expect((await t.app.inject({ url: "/api/v1/ideas?board=nope" })).statusCode).toBe(404);
    const boards = (await t.app.inject({ url: "/api/v1/community/boards" })).json().items;
    expect(boards.find((b: { slug: string }) => b.slug === "ideen").kind).toBe("ideas");
  });
});

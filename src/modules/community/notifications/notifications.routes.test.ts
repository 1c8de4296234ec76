import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardFactory, memberFactory } from "../../../../test/community-factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../../test/helpers.ts";
import { signUnsubscribeToken } from "../../../lib/unsubscribe-token.ts";

let t: TestApp;
let anna: Agent;
let ben: Agent;
let cleo: Agent;
let staff: Agent;
let annaId: string;
let benId: string;
let cleoId: string;

const notices = async (who: Agent) => {
  const res = await who.inject({ url: "/api/v1/community/notifications" });
  expect(res.statusCode).toBe(200);
  return res.json().items as { kind: string; question: { id: string } | null }[];
};
const handleOf = async (who: Agent) =>
  (await who.inject({ url: "/api/v1/community/notification-settings" })).json().handle as string;
const ask = (who: Agent, payload: Record<string, unknown>) =>
  who.inject({
    method: "POST",
    url: "/api/v1/community/questions",
    payload: { board: "tarife", tags: [], ...payload },
  });

beforeAll(async () => {
  t = await buildTestApp({}, { workers: false });
  await boardFactory(t.services, { slug: "tarife", name: "Tarife" });
  await boardFactory(t.services, { slug: "geraete", name: "Geräte" });
  const a = await memberFactory(t.services, { name: "Anna Alpha" });
  const b = await memberFactory(t.services, { name: "Ben Beta" });
  const c = await memberFactory(t.services, { name: "Cleo Gamma" });
  const s = await memberFactory(t.services, { role: "moderator", name: "Sina Staff" });
  [annaId, benId, cleoId] = [a.user.id, b.user.id, c.user.id];
  anna = await loginAs(t.app, a.user.email, a.password);
  ben = await loginAs(t.app, b.user.email, b.password);
  cleo = await loginAs(t.app, c.user.email, c.password);
  staff = await loginAs(t.app, s.user.email, s.password);
});
afterAll(() => t?.close());

describe("following boards and tags", () => {
  it("follows and unfollows a board by slug and a tag, and lists what one follows", async () => {
    const put = await ben.inject({ method: "PUT", url: "/api/v1/community/boards/tarife/follow" });
    expect(put.statusCode).toBe(200);
    expect(put.json().following).toBe(true);
    const again = await ben.inject({
      method: "PUT",
      url: "/api/v1/community/boards/tarife/follow",
    });
    expect(again.statusCode).toBe(200);
    const tag = await ben.inject({ method: "PUT", url: "/api/v1/community/tags/Roaming/follow" });
    expect(tag.json()).toEqual({ following: true, target: "roaming" });

    const list = await ben.inject({ url: "/api/v1/community/follows" });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { type: string; name: string; url: string }[];
    expect(items.filter((i) => i.type !== "question")).toEqual([
      expect.objectContaining({ type: "board", name: "Tarife", url: "/community/b/tarife" }),
      expect.objectContaining({ type: "tag", name: "roaming", url: "/community/t/roaming" }),
    ]);

    const off = await ben.inject({
      method: "DELETE",
      url: "/api/v1/community/tags/roaming/follow",
    });
    expect(off.json()).toEqual({ following: false, target: "roaming" });
    const after = (await ben.inject({ url: "/api/v1/community/follows" })).json().items;
    expect(after.some((i: { type: string }) => i.type === "tag")).toBe(false);
  });

  it("answers 404 for an unknown board, 400 naming tag for an empty one, 401 signed out", async () => {
    const missing = await ben.inject({
      method: "PUT",
      url: "/api/v1/community/boards/nope/follow",
    });
    expect(missing.statusCode).toBe(404);
    const empty = await ben.inject({ method: "PUT", url: "/api/v1/community/tags/%21%21/follow" });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toBe("tag");
    const anon = await t.app.inject({ method: "PUT", url: "/api/v1/community/tags/x1/follow" });
    expect(anon.statusCode).toBe(401);
  });

  it("tells board and tag followers about a new question once, never its author", async () => {
    await cleo.inject({ method: "PUT", url: "/api/v1/community/tags/esim/follow" });
    await ben.inject({ method: "PUT", url: "/api/v1/community/tags/esim/follow" });
    await anna.inject({ method: "PUT", url: "/api/v1/community/boards/tarife/follow" });
    const res = await ask(anna, {
      title: "Geht eSIM im Ausland mit meinem Tarif?",
      body: "Ich fahre nach Spanien und frage mich das.",
      tags: ["eSIM"],
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const forBen = (await notices(ben)).filter((n) => n.question?.id === id);
    expect(forBen.map((n) => n.kind)).toEqual(["new_question"]);
    const forCleo = (await notices(cleo)).filter((n) => n.question?.id === id);
    expect(forCleo.map((n) => n.kind)).toEqual(["new_question"]);
    expect((await notices(anna)).some((n) => n.question?.id === id)).toBe(false);

    const elsewhere = await ask(anna, {
      board: "geraete",
      title: "Akku meines Telefons wird heiß",
      body: "Beim Laden wird es sehr warm.",
    });
    const other = (await notices(ben)).filter((n) => n.question?.id === elsewhere.json().id);
    expect(other).toEqual([]);
  });
});

describe("@mentions", () => {
  it("gives every author a handle from their name, changeable, unique", async () => {
    expect(await handleOf(anna)).toBe("anna_alpha");
    const taken = await ben.inject({
      method: "PATCH",
      url: "/api/v1/community/notification-settings",
      payload: { handle: "Anna_Alpha" },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe("handle_taken");
    const bad = await ben.inject({
      method: "PATCH",
      url: "/api/v1/community/notification-settings",
      payload: { handle: "b" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("handle");
    const ok = await ben.inject({
      method: "PATCH",
      url: "/api/v1/community/notification-settings",
      payload: { handle: "benb" },
    });
    expect(ok.json()).toMatchObject({ handle: "benb", email: "immediate", digestHour: 7 });
    await handleOf(cleo);
  });

  it("notifies each mentioned person once per post, not the author, and on edit only new ones", async () => {
    const q = await ask(anna, {
      title: "Wer kennt sich mit Rufumleitung aus?",
      body: "@benb weißt du das? Und @BENB nochmal, ich bin @anna_alpha, `@cleo_gamma` nicht.",
    });
    expect(q.statusCode).toBe(201);
    const qid = q.json().id;
    const mentionsOf = async (who: Agent) =>
      (await notices(who)).filter((n) => n.kind === "mention" && n.question?.id === qid);
    expect(await mentionsOf(ben)).toHaveLength(1);
    expect(await mentionsOf(anna)).toHaveLength(0);
    expect(await mentionsOf(cleo)).toHaveLength(0);

    const answer = await cleo.inject({
      method: "POST",
      url: `/api/v1/community/questions/${qid}/answers`,
      payload: { body: "Frag am besten @benb, der kennt das." },
    });
    expect(answer.statusCode).toBe(201);
    expect(await mentionsOf(ben)).toHaveLength(2);

    const edit = await cleo.inject({
      method: "PATCH",
      url: `/api/v1/community/answers/${answer.json().id}`,
      payload: { body: "Frag am besten @benb oder @anna_alpha, die kennen das." },
    });
    expect(edit.statusCode).toBe(200);
    expect(await mentionsOf(ben)).toHaveLength(2);
    expect(await mentionsOf(anna)).toHaveLength(1);

    const comment = await ben.inject({
      method: "POST",
      url: `/api/v1/community/questions/${qid}/comments`,
      payload: { body: "Danke @cleo_gamma! (und @benb, das bin ich)" },
    });
    expect(comment.statusCode).toBe(201);
    expect(await mentionsOf(cleo)).toHaveLength(1);
    expect(await mentionsOf(ben)).toHaveLength(2);
  });
});

describe("mention links follow the handle", () => {
  it("links older posts when a handle is taken or changed, and unlinks the one given up", async () => {
    const detail = async (id: string) =>
      (await anna.inject({ url: `/api/v1/community/questions/${id}` })).json();
    const q = await ask(anna, {
      title: "Wer hat schon die neue Box eingerichtet?",
      body: "Vielleicht weiß @box_profi mehr, sonst @benb.",
    });
    expect(q.statusCode).toBe(201);
    const qid = q.json().id;
    const answer = await cleo.inject({
      method: "POST",
      url: `/api/v1/community/questions/${qid}/answers`,
      payload: { body: "Frag @box_profi, `@box_profi` im Code zählt nicht." },
    });
    expect(answer.statusCode).toBe(201);
    const before = await detail(qid);
    expect(before.bodyHtml).not.toContain("/community/u/@box_profi");
    expect(before.bodyHtml).toContain('href="/community/u/@benb"');

    // Ben takes the handle the posts already used: both posts link to him now.
    const renamed = await ben.inject({
      method: "PATCH",
      url: "/api/v1/community/notification-settings",
      payload: { handle: "Box_Profi" },
    });
    expect(renamed.statusCode).toBe(200);
    const after = await detail(qid);
    expect(after.bodyHtml).toContain('href="/community/u/@box_profi"');
    // The handle he gave up is plain text again, so no link leads nowhere.
    expect(after.bodyHtml).not.toContain("/community/u/@benb");
    expect(after.bodyHtml).toContain("@benb");
    const answerHtml = (after.answers as { id: string; bodyHtml: string }[]).find(
      (a) => a.id === answer.json().id,
    )!.bodyHtml;
    expect(answerHtml.match(/\/community\/u\/@box_profi/g)).toHaveLength(1);
    expect(answerHtml).toContain("<code>@box_profi</code>");

    const back = await ben.inject({
      method: "PATCH",
      url: "/api/v1/community/notification-settings",
      payload: { handle: "benb" },
    });
    expect(back.statusCode).toBe(200);
    const restored = await detail(qid);
    expect(restored.bodyHtml).toContain('href="/community/u/@benb"');
    expect(restored.bodyHtml).not.toContain("/community/u/@box_profi");
  });
});

describe("held posts a moderator approves", () => {
  it("notify followers and mentioned people once, on approval, as a direct post would", async () => {
    const cleoHandle = await handleOf(cleo);
    await ben.inject({ method: "PUT", url: "/api/v1/community/boards/geraete/follow" });
    const newbie = await memberFactory(t.services, { name: "Nina Neu", trusted: false });
    const nina = await loginAs(t.app, newbie.user.email, newbie.password);
    const held = await ask(nina, {
      board: "geraete",
      title: "Display flackert nach dem Update",
      body: `Seit gestern flackert es. @${cleoHandle}, kennst du das?`,
    });
    expect(held.json().pendingReview).toBe(true);
    const qid = held.json().id;
    const about = async (who: Agent, kind: string) =>
      (await notices(who)).filter((n) => n.kind === kind && n.question?.id === qid);
    expect(await about(ben, "new_question")).toHaveLength(0);
    expect(await about(cleo, "mention")).toHaveLength(0);

    const queueItem = async (postId: string) => {
      const queue = (await staff.inject({ url: "/api/v1/community/moderation/queue" })).json();
      return (queue.items as { id: string; postId: string }[]).find((i) => i.postId === postId)!;
    };
    const resolve = (id: string, action: string) =>
      staff.inject({
        method: "POST",
        url: `/api/v1/community/flags/${id}/resolve`,
        payload: { action },
      });
    expect((await resolve((await queueItem(qid)).id, "approve")).statusCode).toBe(200);
    expect(await about(ben, "new_question")).toHaveLength(1);
    expect(await about(cleo, "mention")).toHaveLength(1);

    // A later report on the same, now public, question approved again sends nothing new.
    const flag = await anna.inject({
      method: "POST",
      url: "/api/v1/community/flags",
      payload: { postType: "question", postId: qid, reason: "off_topic" },
    });
    expect(flag.statusCode).toBe(201);
    expect((await resolve(flag.json().id, "approve")).statusCode).toBe(200);
    expect(await about(ben, "new_question")).toHaveLength(1);
    expect(await about(cleo, "mention")).toHaveLength(1);

    // A held answer (a link from a new member) reaches the question's followers once approved.
    await anna.inject({ method: "PUT", url: `/api/v1/community/questions/${qid}/follow` });
    const answer = await nina.inject({
      method: "POST",
      url: `/api/v1/community/questions/${qid}/answers`,
      payload: { body: "Lösung steht hier: https://example.com/display" },
    });
    expect(answer.json().pendingReview).toBe(true);
    expect(await about(anna, "new_answer")).toHaveLength(0);
    expect((await resolve((await queueItem(answer.json().id)).id, "dismiss")).statusCode).toBe(200);
    expect(await about(anna, "new_answer")).toHaveLength(1);
    expect(await about(nina, "new_answer")).toHaveLength(0);

    // A hidden held post tells nobody.
    const spam = await nina.inject({
      method: "POST",
      url: `/api/v1/community/questions/${qid}/answers`,
      payload: { body: "Billig: https://example.com/spam" },
    });
    expect((await resolve((await queueItem(spam.json().id)).id, "hide")).statusCode).toBe(200);
    expect(await about(anna, "new_answer")).toHaveLength(1);
  });
});

describe("following ideas", () => {
  it("tells idea followers about status changes, and lists the idea", async () => {
    const board = await staff.inject({
      method: "POST",
      url: "/api/v1/community/boards",
      payload: { slug: "ideen", name: "Ideen", description: "Wünsche", kind: "ideas" },
    });
    expect(board.statusCode).toBe(201);
    const idea = await anna.inject({
      method: "POST",
      url: "/api/v1/ideas",
      payload: { board: "ideen", title: "Dunkles Design für die App", body: "Bitte." },
    });
    const id = idea.json().id;
    const follow = await cleo.inject({ method: "PUT", url: `/api/v1/ideas/${id}/follow` });
    expect(follow.json()).toEqual({ following: true, target: id });
    const missing = await cleo.inject({
      method: "PUT",
      url: "/api/v1/ideas/00000000-0000-4000-8000-000000000000/follow",
    });
    expect(missing.statusCode).toBe(404);
    const listed = (await cleo.inject({ url: "/api/v1/community/follows" })).json().items;
    expect(listed).toContainEqual(
      expect.objectContaining({ type: "idea", id, name: "Dunkles Design für die App" }),
    );

    const change = await staff.inject({
      method: "POST",
      url: `/api/v1/ideas/${id}/status`,
      payload: { status: "planned", comment: "Kommt im Frühjahr." },
    });
    expect(change.statusCode).toBe(200);
    const forCleo = (await cleo.inject({ url: "/api/v1/ideas/notifications" })).json().items;
    expect(forCleo).toHaveLength(1);
    const forBen = (await ben.inject({ url: "/api/v1/ideas/notifications" })).json().items;
    expect(forBen).toHaveLength(0);
  });
});

describe("unsubscribe link", () => {
  const url = (token: string) => `/unsubscribe/${token}`;

  it("shows a confirm page on GET without changing anything, and turns e-mail off on POST", async () => {
    const token = signUnsubscribeToken(t.config.secretKey, cleoId);
    const page = await t.app.inject({ url: url(token), headers: { "accept-language": "de" } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<form method="post" action="/unsubscribe/${token}">`);
    expect(page.body).toContain("Abbestellen");
    expect(
      (await cleo.inject({ url: "/api/v1/community/notification-settings" })).json().email,
    ).toBe("immediate");

    const post = await t.app.inject({
      method: "POST",
      url: url(token),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(post.statusCode).toBe(200);
    expect(post.json()).toEqual({ unsubscribed: true });
    expect(
      (await cleo.inject({ url: "/api/v1/community/notification-settings" })).json().email,
    ).toBe("off");
  });

  it("works from the confirm page's button in a signed-in browser too", async () => {
    const token = signUnsubscribeToken(t.config.secretKey, benId);
    const res = await ben.inject({
      method: "POST",
      url: url(token),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      payload: "",
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('role="status"');
  });

  it("refuses invalid, tampered and foreign tokens with 400 naming token", async () => {
    const good = signUnsubscribeToken(t.config.secretKey, annaId);
    const [id, sig] = good.split(".");
    const forged = `${Buffer.from(benId).toString("base64url")}.${sig}`;
    const otherKey = signUnsubscribeToken(Buffer.alloc(32, 1), annaId);
    for (const token of ["nonsense", `${id}.${sig!.slice(1)}x`, forged, otherKey]) {
      const res = await t.app.inject({
        method: "POST",
        url: url(token),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "List-Unsubscribe=One-Click",
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].field).toBe("token");
      const page = await t.app.inject({ url: url(token) });
      expect(page.statusCode).toBe(400);
    }
    expect(
      (await anna.inject({ url: "/api/v1/community/notification-settings" })).json().email,
    ).toBe("immediate");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectChannels,
  eventually,
  nextId,
  postX,
  startRecorder,
  tweetEvent,
} from "../../../test/channels.ts";
import {
  answerFactory,
  boardFactory,
  memberFactory,
  questionFactory,
} from "../../../test/community-factories.ts";
import { userFactory } from "../../../test/factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";

/** Suggestions for conversations, short links with clicks, and deflection figures. */
let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let anna: Agent;
let mona: Agent;
let customer: Agent;
let article: { id: string; number: number; url: string };
const startedAt = new Date(Date.now() - 1000).toISOString();

beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp();
  // The channels' workspace is the installation's first, where factory users land.
  await connectChannels(t, recorder.url);
  const a = await userFactory(t.services, { role: "agent", name: "Anna Berger" });
  const m = await userFactory(t.services, { role: "moderator", name: "Mona Moderation" });
  const c = await userFactory(t.services);
  anna = await loginAs(t.app, a.user.email, a.password);
  mona = await loginAs(t.app, m.user.email, m.password);
  customer = await loginAs(t.app, c.user.email, c.password);
  const created = await anna.inject({
    method: "POST",
    url: "/api/v1/kb/articles",
    payload: {
      title: "Router blinkt rot: Neustart",
      summary: "Wenn die Info-LED am Router rot blinkt",
      body: "Ziehe den Stecker des Routers, warte 30 Sekunden und stecke ihn wieder ein.",
      language: "de",
      tags: ["router"],
    },
  });
  article = created.json();
  await mona.inject({
    method: "POST",
    url: `/api/v1/kb/articles/${article.id}/status`,
    payload: { status: "published" },
  });
  await anna.inject({
    method: "POST",
    url: "/api/v1/kb/articles",
    payload: {
      title: "Rechnung als PDF herunterladen",
      body: "Im Kundencenter unter Rechnungen.",
      language: "de",
    },
  });
});
afterAll(async () => {
  await t?.close();
  await recorder?.close();
});

let fan = 0;
async function newTweet(text: string): Promise<string> {
  fan += 1;
  const id = nextId();
  await postX(
    t,
    tweetEvent({
      id,
      text,
      user: { id: String(8100 + fan), screen_name: `fan_${fan}`, name: `Fan ${fan}` },
    }),
  );
  return eventually(async () => {
    const r = await t.services.database.withConnection((c) =>
      c.query<{ conversation_id: string }>(
        "SELECT conversation_id FROM messages WHERE platform_id = $1",
        [id],
      ),
    );
    return r.rows[0]?.conversation_id;
  });
}

async function reply(conversationId: string, text: string, status?: string) {
  const res = await anna.inject({
    method: "POST",
    url: `/api/v1/conversations/${conversationId}/replies`,
    payload: { text, ...(status ? { status } : {}) },
  });
  expect(res.statusCode, res.body).toBe(202);
}

async function shortLink(conversationId?: string) {
  const res = await anna.inject({
    method: "POST",
    url: "/api/v1/kb/short-links",
    payload: { articleId: article.id, ...(conversationId ? { conversationId } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { code: string; url: string; clicks: number };
}

describe("suggestions", () => {
  it("suggests published articles with scores for a conversation's latest inbound message", async () => {
    const conversationId = await newTweet(
      "@telekom_hilft Mein Router blinkt seit heute rot, was tun?",
    );
    const res = await anna.inject({ url: `/api/v1/conversations/${conversationId}/suggestions` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.articles[0]).toMatchObject({
      id: article.id,
      url: `http://localhost:3000${article.url}`,
    });
    expect(body.articles[0].score).toBeGreaterThan(0);
    // Drafts are never suggested.
    expect(JSON.stringify(body.articles)).not.toContain("Rechnung");
    expect(
      (await customer.inject({ url: `/api/v1/conversations/${conversationId}/suggestions` }))
        .statusCode,
    ).toBe(403);
  });

  it("suggests articles and solved questions for any text, and beside similar questions", async () => {
    const board = await boardFactory(t.services);
    const asker = await memberFactory(t.services);
    const q = await questionFactory(t.services, asker.user, board, {
      title: "Router blinkt rot nach Stromausfall",
      body: "Die LED am Router blinkt rot.",
    });
    const answer = await answerFactory(t.services, asker.user, q, "Neu starten hat geholfen.");
    await t.services.community.engagement.accept(q.id, answer.id, asker.user.id);
    const res = await t.app.inject({ url: "/api/v1/kb/suggestions?q=Router%20blinkt%20rot" });
    expect(res.statusCode).toBe(200);
    expect(res.json().articles[0].id).toBe(article.id);
    expect(res.json().questions[0]).toMatchObject({ id: q.id, title: q.title });
    const other = await questionFactory(t.services, asker.user, board, {
      title: "Mein Router blinkt rot, was tun?",
      body: "Seit gestern.",
    });
    const forQuestion = await t.app.inject({
      url: `/api/v1/community/questions/${other.id}/suggestions`,
    });
    expect(forQuestion.statusCode, forQuestion.body).toBe(200);
    expect(forQuestion.json().articles[0].id).toBe(article.id);
    expect(forQuestion.json().questions.map((x: { id: string }) => x.id)).toEqual([q.id]);
    const empty = await t.app.inject({ url: "/api/v1/kb/suggestions?q=" });
    expect(empty.statusCode).toBe(400);

    const similar = await t.app.inject({
      method: "POST",
      url: "/api/v1/questions/similar",
      payload: { title: "Router blinkt rot" },
    });
    expect(similar.json().items[0]).toMatchObject({ id: q.id });
    expect(similar.json().articles[0]).toMatchObject({ id: article.id });
  });
});

describe("short links and deflection", () => {
  it("makes one link per article and conversation, redirects and counts clicks against the conversation", async () => {
    const conversationId = await newTweet("@telekom_hilft Router blinkt rot");
    const link = await shortLink(conversationId);
    expect(link.url).toBe(`http://localhost:3000/s/${link.code}`);
    expect((await shortLink(conversationId)).code).toBe(link.code);
    const general = await shortLink();
    expect(general.code).not.toBe(link.code);

    await reply(conversationId, `Hier steht, wie es geht: ${link.url}`, "solved");
    await eventually(async () =>
      recorder.calls.some(
        (c) => c.path === "/2/tweets" && String(c.body.text).includes(`/s/${link.code}`),
      ),
    );

    const click = await t.app.inject({ url: `/s/${link.code}` });
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe(article.url);
    expect(click.headers["cache-control"]).toBe("no-store");
    const rows = await t.services.database.withConnection((c) =>
      c.query<{ conversation_id: string }>(
        "SELECT k.conversation_id FROM kb_short_link_clicks k JOIN kb_short_links l ON l.id = k.short_link_id WHERE l.code = $1",
        [link.code],
      ),
    );
    expect(rows.rows).toEqual([{ conversation_id: conversationId }]);
    expect((await shortLink(conversationId)).clicks).toBe(1);
    expect((await t.app.inject({ url: "/s/nope0000" })).statusCode).toBe(404);

    // Links only to published articles, only for the team.
    const draft = (await anna.inject({ url: "/api/v1/kb/articles?status=draft" })).json().items[0];
    const refused = await anna.inject({
      method: "POST",
      url: "/api/v1/kb/short-links",
      payload: { articleId: draft.id },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe("articleId");
    const asCustomer = await customer.inject({
      method: "POST",
      url: "/api/v1/kb/short-links",
      payload: { articleId: article.id },
    });
    expect(asCustomer.statusCode).toBe(403);
  });

  it("counts conversations solved with a link and no agent message after it, and questions solved by an article", async () => {
    const without = await newTweet("@telekom_hilft Danke, alles gut");
    await reply(without, "Gern geschehen!", "solved");
    const followedUp = await newTweet("@telekom_hilft Router blinkt immer noch rot");
    const link = await shortLink(followedUp);
    await reply(followedUp, `Bitte schau hier: ${link.url}`);
    await reply(followedUp, "Konnten wir helfen?", "solved");

    const board = await boardFactory(t.services);
    const asker = await memberFactory(t.services);
    const q = await questionFactory(t.services, asker.user, board, { title: "Router rot?" });
    const answer = await answerFactory(
      t.services,
      asker.user,
      q,
      `Steht im Hilfe-Center: http://localhost:3000${article.url}`,
    );
    await t.services.community.engagement.accept(q.id, answer.id, asker.user.id);

    const res = await anna.inject({ url: `/api/v1/kb/deflection?from=${startedAt}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      // The first test's conversation (link, solved), "without" and "followedUp".
      conversationsSolved: 3,
      conversationsSolvedWithLink: 1,
      questionsClosed: 2,
      questionsClosedByArticle: 1,
      shortLinkClicks: 1,
    });
    expect(res.json().conversationDeflectionRate).toBeCloseTo(1 / 3);
    const bad = await anna.inject({ url: "/api/v1/kb/deflection?from=yesterday" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("from");
    expect((await customer.inject({ url: "/api/v1/kb/deflection" })).statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerFactory,
  boardFactory,
  memberFactory,
  questionFactory,
} from "../../../test/community-factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import type { BoardRow, QuestionRow } from "../../db/schema/index.ts";
import { createTeam } from "../operations/create-team.ts";

let t: TestApp;
let board: BoardRow;
let question: QuestionRow;
let asker: { user: { id: string; name: string }; agent: Agent };
let acceptedId: string;
beforeAll(async () => {
  t = await buildTestApp();
  board = await boardFactory(t.services, { slug: "internet", name: "Internet & Festnetz" });
  const a = await memberFactory(t.services, { name: "Karla Kunde" });
  asker = { user: a.user, agent: await loginAs(t.app, a.user.email, a.password) };
  const helper = await memberFactory(t.services, { name: "Hanna Hilft" });
  const agentUser = await memberFactory(t.services, { role: "agent", name: "Anna Team" });
  question = await questionFactory(t.services, a.user, board, {
    title: "Router blinkt rot nach Gewitter </script>",
    body: "Seit dem Gewitter blinkt die **Info-LED** rot.",
    tags: ["router"],
  });
  await answerFactory(t.services, helper.user, question, "Stecker ziehen und 30 Sekunden warten.");
  const accepted = await answerFactory(
    t.services,
    agentUser.user,
    question,
    "Bitte den Router auf Werkseinstellungen zurücksetzen.",
  );
  acceptedId = accepted.id;
  await asker.agent.inject({
    method: "PUT",
    url: `/api/v1/community/questions/${question.id}/accepted-answer`,
    payload: { answerId: accepted.id },
  });
});
afterAll(() => t?.close());

const page = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
const canonicalPath = () =>
  `/community/q/${question.number}-router-blinkt-rot-nach-gewitter-script`;

function jsonLd(body: string) {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(body);
  return JSON.parse(match![1]!);
}

describe("community pages", () => {
  it("renders the home page in the browser's language with a switch link, without the web app", async () => {
    const de = await page("/community", { "accept-language": "de-DE,de;q=0.9,en;q=0.8" });
    expect(de.statusCode).toBe(200);
    expect(de.headers["content-type"]).toMatch(/text\/html/);
    expect(de.body).toContain('<html lang="de">');
    expect(de.body).toContain('<main id="main"');
    expect(de.body).toContain("Bereiche");
    expect(de.body).toContain("Internet &amp; Festnetz");
    expect(de.body).toContain("Router blinkt rot nach Gewitter &lt;/script&gt;");
    expect(de.body).toContain('href="/community?lang=en"');
    const en = await page("/community?lang=en", { "accept-language": "de" });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain("Boards");
    // The choice is remembered.
    const cookie = (en.headers["set-cookie"] as string).split(";")[0]!;
    expect((await page("/community", { cookie, "accept-language": "de" })).body).toContain(
      '<html lang="en">',
    );
  });

  it("says on the home page whether the service team answers now, or when it is back", async () => {
    await createTeam(t.services, board.workspaceId, {
      name: "Social Care",
      isPublic: true,
      routingMode: "manual",
      timeZone: "Europe/Berlin",
      weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "18:00" })),
      exceptions: [],
    } as never);
    try {
      // Friday 7 June 2024, 12:00 in Berlin.
      t.services.clock.set(new Date("2024-06-07T10:00:00Z"));
      const open = await page("/community?lang=en");
      expect(open.body).toMatch(
        /<li class="open"><a href="\/team"><strong>Social Care<\/strong><\/a>: Online now, until [^<]*18:00/,
      );
      // Saturday: closed until Monday 08:00.
      t.services.clock.set(new Date("2024-06-08T10:00:00Z"));
      const closed = await page("/community?lang=de");
      expect(closed.body).toMatch(
        /<li class="closed">[^\n]*Gerade nicht besetzt\. Wieder da: [^<]*08:00/,
      );
    } finally {
      t.services.clock.set(null);
    }
  });

  it("redirects a wrong or missing slug to the canonical question URL with 301", async () => {
    const wrong = await page(`/community/q/${question.number}-alter-titel?lang=en`);
    expect(wrong.statusCode).toBe(301);
    expect(wrong.headers.location).toBe(`${canonicalPath()}?lang=en`);
    const bare = await page(`/community/q/${question.number}`);
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe(canonicalPath());
    expect((await page("/community/q/999999-nope")).statusCode).toBe(404);
    expect((await page("/community/q/not-a-number")).statusCode).toBe(404);
  });

  it("renders the question page with QAPage JSON-LD, Open Graph, and the accepted answer first", async () => {
    const res = await page(canonicalPath(), { "accept-language": "en" });
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain(`<link rel="canonical" href="${t.config.publicUrl}${canonicalPath()}">`);
    expect(body).toContain(
      '<meta property="og:title" content="Router blinkt rot nach Gewitter &lt;/script&gt;">',
    );
    expect(body).toContain("<strong>Info-LED</strong>");
    const ld = jsonLd(body);
    expect(ld["@type"]).toBe("QAPage");
    expect(ld.mainEntity).toMatchObject({
      "@type": "Question",
      name: "Router blinkt rot nach Gewitter </script>",
      answerCount: 2,
      acceptedAnswer: {
        "@type": "Answer",
        text: "Bitte den Router auf Werkseinstellungen zurücksetzen.",
      },
    });
    expect(ld.mainEntity.suggestedAnswer).toHaveLength(1);
    // Accepted answer first, with who accepted it and the team badge.
    const main = body.slice(body.indexOf("<main"));
    const acceptedAt = main.indexOf(`id="answer-${acceptedId}"`);
    const otherAt = main.indexOf("Stecker ziehen");
    expect(acceptedAt).toBeGreaterThan(0);
    expect(acceptedAt).toBeLessThan(otherAt);
    expect(body).toContain("Marked as the solution by Karla Kunde");
    expect(body).toMatch(/Anna Team<\/a> <span class="badge team"/);
    // Works without JavaScript: votes and me-too are plain forms.
    expect(body).toContain('action="/community/actions/vote"');
    expect(body).toContain('action="/community/actions/me-too"');
    expect(body).toContain("Sign in to answer.");
  });

  it("shows board, tag, profile, search and sitemap pages", async () => {
    const boardPage = await page("/community/b/internet?sort=newest");
    expect(boardPage.statusCode).toBe(200);
    expect(boardPage.body).toContain(canonicalPath());
    expect(boardPage.body).toMatch(/aria-current="page">(Neueste|Newest)/);
    expect((await page("/community/b/unknown")).statusCode).toBe(404);

    const tag = await page("/community/t/router");
    expect(tag.body).toContain(canonicalPath());
    expect((await page("/community/t/nichts-hier")).statusCode).toBe(404);

    const profile = await page(`/community/u/${asker.user.id}`);
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain("Karla Kunde");
    expect(profile.body).not.toContain("@example.com");
    expect((await page("/community/u/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);

    const search = await page(`/community/search?q=${encodeURIComponent("Gewitter Router")}`);
    expect(search.body).toContain(canonicalPath());
    expect(search.body).toContain('<meta name="robots" content="noindex">');

    const sitemap = await page("/sitemap.xml");
    expect(sitemap.headers["content-type"]).toMatch(/application\/xml/);
    expect(sitemap.body).toContain(`<loc>${t.config.publicUrl}${canonicalPath()}</loc>`);
    expect(sitemap.body).toContain(`<loc>${t.config.publicUrl}/community/b/internet</loc>`);
  });

  it("serves the progressive script and styles", async () => {
    const js = await page("/community/assets/community.js");
    expect(js.headers["content-type"]).toMatch(/javascript/);
    expect(js.body).toContain("/api/v1/questions/similar");
    expect(js.headers["cache-control"]).toBe("public, max-age=3600");
    const etag = js.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{16}"$/);
    const again = await page("/community/assets/community.js", { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect((await page("/community/assets/community.css")).statusCode).toBe(200);
    expect((await page("/community/assets/other.js")).statusCode).toBe(404);
  });

  it("keeps hidden questions out of pages and the sitemap", async () => {
    const mod = await memberFactory(t.services, { role: "moderator" });
    const modAgent = await loginAs(t.app, mod.user.email, mod.password);
    const q = await questionFactory(t.services, asker.user as never, board, {
      title: "Verborgene Frage zum Test",
    });
    await modAgent.inject({
      method: "POST",
      url: `/api/v1/community/questions/${q.id}/moderation`,
      payload: { hidden: true },
    });
    expect((await page(`/community/q/${q.number}-verborgene-frage-zum-test`)).statusCode).toBe(404);
    expect((await page("/sitemap.xml")).body).not.toContain("verborgene-frage");
  });
});

describe("forms without JavaScript", () => {
  /** A browser posting a form: the session cookie, no CSRF header. */
  const form = (agent: Agent | undefined, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: "POST",
      url,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(agent ? { cookie: agent.cookie } : {}),
      },
      payload: new URLSearchParams(fields).toString(),
    });

  it("asks a question through the HTML form with the CSRF field; refuses it without", async () => {
    const signedOut = await page("/community/ask");
    expect(signedOut.body).toContain("/signin?next=");
    const m = await memberFactory(t.services);
    const agent = await loginAs(t.app, m.user.email, m.password);
    const plain = agent;
    const ask = await t.app.inject({
      url: "/community/ask?title=Hallo",
      headers: { cookie: agent.cookie },
    });
    expect(ask.body).toContain(`name="_csrf" value="${agent.csrfToken}"`);
    expect(ask.body).toMatch(/<label for="title">/);

    const fields = {
      board: "internet",
      title: "Festnetz rauscht seit Montag",
      body: "Es knackt in der Leitung.",
      tags: "festnetz, rauschen",
    };
    const without = await form(plain, "/community/ask", fields);
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe("csrf_failed");
    const wrong = await form(plain, "/community/ask", { ...fields, _csrf: "x".repeat(40) });
    expect(wrong.statusCode).toBe(403);

    const invalid = await form(plain, "/community/ask", {
      ...fields,
      title: "kurz",
      _csrf: agent.csrfToken,
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toMatch(/id="title"[^>]*aria-invalid="true"/);
    expect(invalid.body).toContain("Es knackt in der Leitung.");

    const ok = await form(plain, "/community/ask", { ...fields, _csrf: agent.csrfToken });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(/^\/community\/q\/\d+-festnetz-rauscht-seit-montag$/);
    const shown = await page(ok.headers.location as string);
    expect(shown.body).toContain("festnetz");
  });

  it("votes, joins (me too) and answers through forms, redirecting back to the question", async () => {
    const m = await memberFactory(t.services);
    const agent = await loginAs(t.app, m.user.email, m.password);
    const plain = agent;
    const csrf = agent.csrfToken;
    const vote = await form(plain, "/community/actions/vote", {
      _csrf: csrf,
      postType: "answer",
      postId: acceptedId,
      question: String(question.number),
      value: "1",
    });
    expect(vote.statusCode).toBe(303);
    expect(vote.headers.location).toBe(`${canonicalPath()}#answer-${acceptedId}`);
    const meToo = await form(plain, "/community/actions/me-too", {
      _csrf: csrf,
      questionId: question.id,
      question: String(question.number),
    });
    expect(meToo.statusCode).toBe(303);
    const detail = (
      await t.app.inject({ url: `/api/v1/community/questions/${question.id}` })
    ).json();
    expect(detail.meTooCount).toBe(1);
    expect(detail.answers.find((a: { id: string }) => a.id === acceptedId).score).toBe(1);
    // The same vote again takes it back.
    await form(plain, "/community/actions/vote", {
      _csrf: csrf,
      postType: "answer",
      postId: acceptedId,
      question: String(question.number),
      value: "1",
    });
    const after = (
      await t.app.inject({ url: `/api/v1/community/questions/${question.id}` })
    ).json();
    expect(after.answers.find((a: { id: string }) => a.id === acceptedId).score).toBe(0);

    const answer = await form(plain, `/community/q/${question.number}/answers`, {
      _csrf: csrf,
      body: "Bei mir half ein neues Netzteil.",
    });
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toMatch(new RegExp(`^${canonicalPath()}#answer-`));

    // Problems show beside the answer form, naming it, with the text kept.
    const empty = await form(plain, `/community/q/${question.number}/answers`, {
      _csrf: csrf,
      body: " ",
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(
      /<p class="error" role="alert" id="answer-error">(Your answer|Deine Antwort): /,
    );
    expect(empty.body).toMatch(
      /<textarea id="answer-body"[^>]*aria-invalid="true"[^>]*> <\/textarea>/,
    );

    const signedOut = await form(undefined, "/community/actions/me-too", {
      questionId: question.id,
      question: String(question.number),
    });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe(`/signin?next=${encodeURIComponent(canonicalPath())}`);
  });
});

describe("following and mentions on the pages", () => {
  const form = (agent: Agent | undefined, fields: Record<string, string>) =>
    t.app.inject({
      method: "POST",
      url: "/community/actions/follow",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(agent ? { cookie: agent.cookie } : {}),
      },
      payload: new URLSearchParams(fields).toString(),
    });
  const pressed = (body: string) =>
    /<form class="follow"[\s\S]*?aria-pressed="(true|false)"/.exec(body)?.[1];

  it("follows a board and a tag with a form post (again unfollows), coming back to the page", async () => {
    const m = await memberFactory(t.services, { name: "Fritz Folgt" });
    const agent = await loginAs(t.app, m.user.email, m.password);
    const signedOut = await page("/community/b/internet?lang=en");
    expect(signedOut.body).toContain("Sign in to follow");
    const boardPage = () =>
      t.app.inject({ url: "/community/b/internet?lang=en", headers: { cookie: agent.cookie } });
    const before = await boardPage();
    expect(pressed(before.body)).toBe("false");
    expect(before.body).toContain('data-api="/api/v1/community/boards/internet/follow"');
    expect(before.body).toContain("Follow this board");

    const fields = { _csrf: agent.csrfToken, type: "board", target: "internet" };
    const on = await form(agent, { ...fields, back: "/community/b/internet" });
    expect(on.statusCode).toBe(303);
    expect(on.headers.location).toBe("/community/b/internet");
    expect(pressed((await boardPage()).body)).toBe("true");
    const followed = await agent.inject({ url: "/api/v1/community/follows" });
    expect(followed.json().items).toContainEqual(expect.objectContaining({ type: "board" }));

    // Off-site "back" never redirects away; the same post again unfollows.
    const off = await form(agent, { ...fields, back: "https://example.com/x" });
    expect(off.headers.location).toBe("/community");
    expect(pressed((await boardPage()).body)).toBe("false");

    const tag = await form(agent, { _csrf: agent.csrfToken, type: "tag", target: "router" });
    expect(tag.statusCode).toBe(303);
    const tagPage = await t.app.inject({
      url: "/community/t/router",
      headers: { cookie: agent.cookie },
    });
    expect(pressed(tagPage.body)).toBe("true");

    const bad = await form(agent, { _csrf: agent.csrfToken, type: "user", target: "x" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("<strong>type</strong>");
    const unknown = await form(agent, { _csrf: agent.csrfToken, type: "board", target: "nope" });
    expect(unknown.statusCode).toBe(404);
    expect((await form(undefined, fields)).headers.location).toMatch(/^\/signin\?next=/);
  });

  it("links @handle in posts to the member's profile, which shows the handle", async () => {
    const lena = await memberFactory(t.services, { name: "Lena Link" });
    const lenaAgent = await loginAs(t.app, lena.user.email, lena.password);
    const settings = await lenaAgent.inject({ url: "/api/v1/community/notification-settings" });
    const handle = settings.json().handle as string;
    expect(handle).toBe("lena_link");
    const asked = await asker.agent.inject({
      method: "POST",
      url: "/api/v1/community/questions",
      payload: {
        board: "internet",
        title: "Wer kennt sich mit VDSL aus?",
        body: `@${handle} hat es mir erklärt, @niemand_hier nicht, \`@${handle}\` auch nicht.`,
        tags: [],
      },
    });
    expect(asked.statusCode).toBe(201);
    const shown = await page(asked.json().url);
    expect(shown.body).toContain(
      `<a href="/community/u/@${handle}" class="mention">@${handle}</a> hat es mir erklärt, @niemand_hier nicht, <code>@${handle}</code>`,
    );

    const byHandle = await page(`/community/u/@${handle.toUpperCase()}`);
    expect(byHandle.statusCode).toBe(302);
    expect(byHandle.headers.location).toBe(`/community/u/${lena.user.id}`);
    expect((await page("/community/u/@niemand_hier")).statusCode).toBe(404);
    const profile = await page(`/community/u/${lena.user.id}`);
    expect(profile.body).toContain(`<span class="handle">@${handle}</span>`);
  });
});

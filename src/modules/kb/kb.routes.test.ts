import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerFactory,
  boardFactory,
  memberFactory,
  questionFactory,
} from "../../../test/community-factories.ts";
import { userFactory } from "../../../test/factories.ts";
import {
  type Agent,
  buildTestApp,
  cookieHeader,
  loginAs,
  type TestApp,
} from "../../../test/helpers.ts";

/** The knowledge base over HTTP: workflow, revisions, permissions, redirects, feedback. */
let t: TestApp;
let writer: Agent; // agent: writes, submits for review
let editor: Agent; // moderator: publishes and archives
let customer: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  const a = await userFactory(t.services, { role: "agent", name: "Anna Team" });
  const m = await userFactory(t.services, { role: "moderator", name: "Mona Moderation" });
  const c = await userFactory(t.services);
  writer = await loginAs(t.app, a.user.email, a.password);
  editor = await loginAs(t.app, m.user.email, m.password);
  customer = await loginAs(t.app, c.user.email, c.password);
});
afterAll(() => t?.close());

const ROUTER = {
  title: "Router blinkt rot: so startest du ihn neu",
  summary: "Wenn die Info-LED rot blinkt, hilft meist ein Neustart.",
  body: "Ziehe den Stecker.\nWarte 30 Sekunden.\nStecke ihn wieder ein.",
  language: "de",
  tags: ["Router", "WLAN"],
};

async function createArticle(payload: Record<string, unknown> = ROUTER) {
  const res = await writer.inject({ method: "POST", url: "/api/v1/kb/articles", payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: number; slug: string; url: string };
}

async function publish(id: string, extra: Record<string, unknown> = {}) {
  const res = await editor.inject({
    method: "POST",
    url: `/api/v1/kb/articles/${id}/status`,
    payload: { status: "published", ...extra },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe("writing and the workflow", () => {
  it("lets the team write drafts; refuses customers and anonymous callers; names bad fields", async () => {
    const article = await createArticle();
    expect(article.slug).toBe("router-blinkt-rot-so-startest-du-ihn-neu");
    expect(article.url).toBe(`/help/${article.number}-${article.slug}`);
    const detail = (await writer.inject({ url: `/api/v1/kb/articles/${article.id}` })).json();
    expect(detail).toMatchObject({
      status: "draft",
      public: false,
      revision: 1,
      tags: ["router", "wlan"],
    });

    const asCustomer = await customer.inject({
      method: "POST",
      url: "/api/v1/kb/articles",
      payload: ROUTER,
    });
    expect(asCustomer.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/v1/kb/articles",
      payload: ROUTER,
    });
    expect(anonymous.statusCode).toBe(401);
    const bad = await writer.inject({
      method: "POST",
      url: "/api/v1/kb/articles",
      payload: { ...ROUTER, language: "fr" },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain("language");

    // Drafts do not exist for readers.
    expect((await t.app.inject({ url: `/api/v1/kb/articles/${article.id}` })).statusCode).toBe(404);
    expect((await customer.inject({ url: `/api/v1/kb/articles/${article.id}` })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ url: article.url })).statusCode).toBe(404);
  });

  it("moves draft → review → published → archived, publishing only by moderators", async () => {
    const article = await createArticle({ ...ROUTER, title: "Rechnung online ansehen" });
    const url = `/api/v1/kb/articles/${article.id}/status`;
    const toReview = await writer.inject({ method: "POST", url, payload: { status: "review" } });
    expect(toReview.json().status).toBe("review");
    const agentPublishes = await writer.inject({
      method: "POST",
      url,
      payload: { status: "published" },
    });
    expect(agentPublishes.statusCode).toBe(403);
    const customerMoves = await customer.inject({
      method: "POST",
      url,
      payload: { status: "draft" },
    });
    expect(customerMoves.statusCode).toBe(403);

    const published = await publish(article.id);
    expect(published).toMatchObject({ status: "published", public: true });
    const publicView = await t.app.inject({ url: `/api/v1/kb/articles/${article.id}` });
    expect(publicView.statusCode).toBe(200);
    const list = (await t.app.inject({ url: "/api/v1/kb/articles" })).json().items as {
      id: string;
    }[];
    expect(list.map((i) => i.id)).toContain(article.id);

    const wrongMove = await editor.inject({ method: "POST", url, payload: { status: "review" } });
    expect(wrongMove.statusCode).toBe(409);
    expect(wrongMove.json().error.code).toBe("invalid_transition");
    const badDate = await editor.inject({
      method: "POST",
      url,
      payload: { status: "archived", publishAt: "2030-01-01T00:00:00Z" },
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.details[0].field).toBe("publishAt");
  });

  it("schedules publishing: invisible to readers until publishAt", async () => {
    const article = await createArticle({ ...ROUTER, title: "Neue Tarife ab Januar" });
    const future = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await publish(article.id, { publishAt: future });
    expect(scheduled).toMatchObject({ status: "published", public: false });
    expect(scheduled.publishAt).toBe(future);
    expect((await t.app.inject({ url: `/api/v1/kb/articles/${article.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: article.url })).statusCode).toBe(404);
    // The team sees it, marked as scheduled.
    const page = await editor.inject({ url: article.url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Geplant für");

    const past = new Date(Date.now() - 1000).toISOString();
    await publish(article.id, { publishAt: past });
    expect((await t.app.inject({ url: `/api/v1/kb/articles/${article.id}` })).statusCode).toBe(200);
  });
});

describe("revisions", () => {
  it("keeps every save with author, time and diff, and restores an old one as a new revision", async () => {
    const article = await createArticle({ ...ROUTER, title: "WLAN-Passwort ändern" });
    const patch = await writer.inject({
      method: "PATCH",
      url: `/api/v1/kb/articles/${article.id}`,
      payload: { body: "Ziehe den Stecker.\nWarte 60 Sekunden.\nStecke ihn wieder ein." },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().revision).toBe(2);

    const revisions = (
      await writer.inject({ url: `/api/v1/kb/articles/${article.id}/revisions` })
    ).json().items;
    expect(revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    expect(revisions[0].author.name).toBe("Anna Team");
    expect(revisions[0].diff).toContain("-Warte 30 Sekunden.");
    expect(revisions[0].diff).toContain("+Warte 60 Sekunden.");
    expect(revisions[0].diff).toContain(" Ziehe den Stecker.");
    expect(
      (await customer.inject({ url: `/api/v1/kb/articles/${article.id}/revisions` })).statusCode,
    ).toBe(403);

    const restored = await editor.inject({
      method: "POST",
      url: `/api/v1/kb/articles/${article.id}/revisions/1/restore`,
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ revision: 3, body: ROUTER.body });
    const after = (
      await writer.inject({ url: `/api/v1/kb/articles/${article.id}/revisions` })
    ).json().items;
    expect(after[0]).toMatchObject({ number: 3, restoredFrom: 1 });
    expect(after[0].author.name).toBe("Mona Moderation");

    const missing = await editor.inject({
      method: "POST",
      url: `/api/v1/kb/articles/${article.id}/revisions/9/restore`,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe("permalinks and language versions", () => {
  it("redirects old slugs permanently and points archived articles to their successor", async () => {
    const old = await createArticle({ ...ROUTER, title: "SIM-Karte aktivieren" });
    await publish(old.id);
    const renamed = await writer.inject({
      method: "PATCH",
      url: `/api/v1/kb/articles/${old.id}`,
      payload: { title: "eSIM und SIM-Karte aktivieren", slug: "esim-aktivieren" },
    });
    expect(renamed.json()).toMatchObject({
      slug: "esim-aktivieren",
      oldSlugs: ["sim-karte-aktivieren"],
    });

    const viaOld = await t.app.inject({ url: `/help/${old.number}-sim-karte-aktivieren?lang=en` });
    expect(viaOld.statusCode).toBe(301);
    expect(viaOld.headers.location).toBe(`/help/${old.number}-esim-aktivieren?lang=en`);
    const bare = await t.app.inject({ url: `/help/${old.number}` });
    expect(bare.statusCode).toBe(301);

    const successor = await createArticle({ ...ROUTER, title: "eSIM einrichten (neu)" });
    await publish(successor.id);
    const archived = await editor.inject({
      method: "POST",
      url: `/api/v1/kb/articles/${old.id}/status`,
      payload: { status: "archived", successorId: successor.id },
    });
    expect(archived.json().successor.id).toBe(successor.id);
    const page = await t.app.inject({ url: `/help/${old.number}-esim-aktivieren` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Dieser Artikel ist veraltet.");
    expect(page.body).toContain(`rel="next" href="/help/${successor.number}-`);
    // An archived article is not listed and takes no new short links.
    const list = (await t.app.inject({ url: "/api/v1/kb/articles" })).json().items as {
      id: string;
    }[];
    expect(list.map((i) => i.id)).not.toContain(old.id);
  });

  it("links German and English versions; one version per language", async () => {
    const de = await createArticle({ ...ROUTER, title: "Roaming in der EU" });
    const en = await createArticle({
      title: "Roaming in the EU",
      body: "Roaming in the EU costs nothing extra.",
      language: "en",
      translationOf: de.id,
    });
    await publish(de.id);
    await publish(en.id);
    const detail = (await t.app.inject({ url: `/api/v1/kb/articles/${de.id}` })).json();
    expect(detail.translations).toEqual([
      { id: en.id, language: "en", title: "Roaming in the EU", url: en.url },
    ]);
    const twice = await writer.inject({
      method: "POST",
      url: "/api/v1/kb/articles",
      payload: { title: "Roaming again", body: "x", language: "en", translationOf: de.id },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details[0].field).toBe("language");
    const page = await t.app.inject({ url: de.url });
    expect(page.body).toContain(`hreflang="en" href="http://localhost:3000${en.url}"`);
  });
});

describe("categories", () => {
  it("groups articles in categories named in both languages; moderators create them", async () => {
    const payload = { slug: "mobilfunk", nameDe: "Mobilfunk", nameEn: "Mobile" };
    const asAgent = await writer.inject({ method: "POST", url: "/api/v1/kb/categories", payload });
    expect(asAgent.statusCode).toBe(403);
    const created = await editor.inject({ method: "POST", url: "/api/v1/kb/categories", payload });
    expect(created.statusCode).toBe(201);
    const again = await editor.inject({ method: "POST", url: "/api/v1/kb/categories", payload });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details[0].field).toBe("slug");

    const unknown = await writer.inject({
      method: "POST",
      url: "/api/v1/kb/articles",
      payload: { ...ROUTER, category: "festnetz" },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe("category");
    const article = await createArticle({
      ...ROUTER,
      title: "APN einstellen",
      category: "mobilfunk",
    });
    await publish(article.id);
    const de = await t.app.inject({ url: "/help/c/mobilfunk?lang=de" });
    expect(de.statusCode).toBe(200);
    expect(de.body).toContain("<h1>Mobilfunk</h1>");
    expect(de.body).toContain(`href="${article.url}"`);
    const en = await t.app.inject({ url: "/help/c/mobilfunk?lang=en" });
    expect(en.body).toContain("<h1>Mobile</h1>");
    const api = await t.app.inject({ url: "/api/v1/kb/articles?category=mobilfunk" });
    expect(api.json().items.map((i: { id: string }) => i.id)).toEqual([article.id]);
    expect((await t.app.inject({ url: "/help/c/nichts" })).statusCode).toBe(404);
  });
});

describe("public pages", () => {
  it("renders an article with Article JSON-LD, Open Graph and a helpful form, counting views", async () => {
    const article = await createArticle({ ...ROUTER, title: "Mailbox ausschalten" });
    await publish(article.id);
    const page = await t.app.inject({ url: article.url, headers: { "accept-language": "en" } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<meta property="og:title" content="Mailbox ausschalten">');
    const ld = JSON.parse(
      /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page.body)![1]!,
    );
    expect(ld).toMatchObject({
      "@type": "Article",
      headline: "Mailbox ausschalten",
      inLanguage: "de",
    });
    expect(page.body).toContain("Was this article helpful?");
    expect(page.body).toContain(`action="/help/${article.number}/feedback"`);
    await t.app.inject({ url: article.url });
    const detail = (await writer.inject({ url: `/api/v1/kb/articles/${article.id}` })).json();
    expect(detail.viewCount).toBe(2);

    const home = await t.app.inject({ url: "/help?lang=de" });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain("Hilfe-Center");
    const sitemap = await t.app.inject({ url: "/sitemap.xml" });
    expect(sitemap.body).toContain(`http://localhost:3000${article.url}</loc>`);
    expect(sitemap.body).not.toContain("Neue Tarife");
  });

  it("takes one helpful answer per visitor without JavaScript, with an optional reason", async () => {
    const article = await createArticle({ ...ROUTER, title: "Rufnummer mitnehmen" });
    await publish(article.id);
    const first = await t.app.inject({
      method: "POST",
      url: `/help/${article.number}/feedback`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "helpful=no&reason=Zu+kurz",
    });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`${article.url}?thanks=1`);
    const visitor = cookieHeader(first.headers["set-cookie"]);
    expect(visitor).toContain("hilft_visitor=");
    // The same visitor changes their mind: still one answer.
    await t.app.inject({
      method: "POST",
      url: `/help/${article.number}/feedback`,
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: visitor },
      payload: "helpful=yes",
    });
    // Another reader via the API.
    const api = await customer.inject({
      method: "POST",
      url: `/api/v1/kb/articles/${article.id}/feedback`,
      payload: { helpful: true },
    });
    expect(api.json()).toEqual({ helpfulYes: 2, helpfulNo: 0 });
    const bad = await t.app.inject({
      method: "POST",
      url: `/api/v1/kb/articles/${article.id}/feedback`,
      payload: { helpful: "maybe" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("helpful");
    const reasons = (
      await writer.inject({ url: `/api/v1/kb/articles/${article.id}/feedback` })
    ).json();
    expect(reasons.items).toHaveLength(2);
  });

  it("lists articles needing attention: low helpfulness and readers who searched again", async () => {
    const article = await createArticle({
      ...ROUTER,
      title: "Datenvolumen nachbuchen",
      body: "Im Kundencenter unter Optionen.",
    });
    await publish(article.id);
    for (let i = 0; i < 3; i++) {
      const visitor = `hilft_visitor=attentionvisitor${i}abcdef`;
      const search = await t.app.inject({
        url: "/help/search?q=Datenvolumen%20nachbuchen",
        headers: { cookie: visitor },
      });
      expect(search.statusCode).toBe(200);
      const link = /href="(\/help\/\d+-[^"?]+\?search=[^"]+)"/.exec(search.body)![1]!;
      await t.app.inject({ url: link, headers: { cookie: visitor } });
      await t.app.inject({
        method: "POST",
        url: `/api/v1/kb/articles/${article.id}/feedback`,
        headers: { cookie: visitor },
        payload: { helpful: false },
      });
      await t.app.inject({
        url: "/help/search?q=Datenvolumen%20teurer",
        headers: { cookie: visitor },
      });
    }
    await t.app.inject({ url: "/help/search?q=Quantenrouter" });
    const res = await writer.inject({ url: "/api/v1/kb/attention" });
    expect(res.statusCode).toBe(200);
    const item = res.json().articles.find((a: { id: string }) => a.id === article.id);
    expect(item).toMatchObject({ helpfulNo: 3, failedSearchViews: 3 });
    expect(item.reasons).toEqual(["low_helpfulness", "failed_searches"]);
    expect(res.json().failedQueries).toContainEqual({ query: "quantenrouter", searches: 1 });
    expect((await customer.inject({ url: "/api/v1/kb/attention" })).statusCode).toBe(403);
  });
});

describe("promoting a community answer", () => {
  it("turns an accepted answer into an article with attribution and links both ways, idempotently", async () => {
    const board = await boardFactory(t.services);
    const asker = await memberFactory(t.services, { name: "Karla Kunde" });
    const helper = await memberFactory(t.services, { name: "Hanna Hilft" });
    const question = await questionFactory(t.services, asker.user, board, {
      title: "Wie stelle ich die Rufumleitung ein?",
      body: "Ich möchte Anrufe auf mein Festnetz umleiten.",
    });
    const answer = await answerFactory(
      t.services,
      helper.user,
      question,
      "Wähle **21** und die Nummer.",
    );
    const notAccepted = await writer.inject({
      method: "POST",
      url: "/api/v1/kb/articles/promote",
      payload: { answerId: answer.id },
    });
    expect(notAccepted.statusCode).toBe(409);
    const asAsker = await loginAs(t.app, asker.user.email, asker.password);
    await asAsker.inject({
      method: "PUT",
      url: `/api/v1/community/questions/${question.id}/accepted-answer`,
      payload: { answerId: answer.id },
    });
    expect(
      (
        await customer.inject({
          method: "POST",
          url: "/api/v1/kb/articles/promote",
          payload: { answerId: answer.id },
        })
      ).statusCode,
    ).toBe(403);

    // Click 1: the staff button on the question page (a plain form post).
    const questionPage = await editor.inject({ url: `/community/q/${question.number}` });
    const canonical = questionPage.headers.location as string;
    const staffView = await editor.inject({ url: canonical });
    expect(staffView.body).toContain(`action="/community/q/${question.number}/promote"`);
    const promoted = await editor.inject({
      method: "POST",
      url: `/community/q/${question.number}/promote`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${editor.csrfToken}`,
    });
    expect(promoted.statusCode).toBe(303);
    const articleUrl = promoted.headers.location as string;
    // Click 2: publish from the article page.
    const draft = await editor.inject({ url: articleUrl });
    expect(draft.body).toContain("Entwurf");
    const number = /\/help\/(\d+)-/.exec(articleUrl)![1];
    const published = await editor.inject({
      method: "POST",
      url: `/help/${number}/publish`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${editor.csrfToken}`,
    });
    expect(published.statusCode).toBe(303);

    const page = await t.app.inject({ url: articleUrl });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Hanna Hilft");
    expect(page.body).toContain(`href="${canonical}"`);
    expect(page.body).toContain('"@type":"FAQPage"');
    const back = await t.app.inject({ url: canonical });
    expect(back.body).toContain(`href="${articleUrl}"`);

    const again = await writer.inject({
      method: "POST",
      url: "/api/v1/kb/articles/promote",
      payload: { answerId: answer.id },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ url: articleUrl, promotedFromAnswerId: answer.id });
  });
});

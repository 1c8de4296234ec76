import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../test/e2e-server.ts";
import { hasChromium, launchChromium } from "./support.ts";

/**
 * The community pages in a real browser against the real server: voting and me-too
 * without a page reload, similar questions while typing on the ask form, the ask form
 * as a plain HTML post with JavaScript switched off, and the whole story of a question
 * (asked, joined instead of asked again, answered, accepted, shown solved) ending on a
 * page loaded without JavaScript.
 */

interface Session {
  cookies: { name: string; value: string }[];
  csrfToken: string;
}

describe.skipIf(!hasChromium)("community pages in the browser", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let questionUrl = "";
  const pageErrors: string[] = [];

  async function api(
    path: string,
    init: { method?: string; body?: unknown; session?: Session } = {},
  ) {
    const res = await fetch(`${server!.url}${path}`, {
      method: init.method ?? "GET",
      headers: {
        "content-type": "application/json",
        ...(init.session
          ? {
              cookie: init.session.cookies.map((c) => `${c.name}=${c.value}`).join("; "),
              "x-csrf-token": init.session.csrfToken,
            }
          : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return res;
  }

  async function session(path: string, body: unknown): Promise<Session> {
    const res = await api(path, { method: "POST", body });
    expect(res.status).toBeLessThan(300);
    const cookies = res.headers.getSetCookie().map((c) => {
      const [pair] = c.split(";");
      const [name, ...value] = pair!.split("=");
      return { name: name!, value: value.join("=") };
    });
    return { cookies, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
  }

  async function browserAs(
    s: Session | undefined,
    opts: { javaScriptEnabled?: boolean } = {},
  ): Promise<BrowserContext> {
    const context = await browser!.newContext({
      locale: "en-US",
      baseURL: server!.url,
      javaScriptEnabled: opts.javaScriptEnabled ?? true,
    });
    context.setDefaultTimeout(10_000);
    if (s) {
      await context.addCookies(s.cookies.map((c) => ({ ...c, url: server!.url })));
    }
    return context;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const admin = await session("/api/v1/auth/sign-in", server.admin);
    const asked = await api("/api/v1/community/questions", {
      method: "POST",
      session: admin,
      body: {
        board: "internet-festnetz",
        title: "Router blinkt nach Gewitter rot",
        body: "Seit dem Gewitter blinkt die Info-LED rot. Was kann ich tun?",
        tags: ["router"],
      },
    });
    expect(asked.status).toBe(201);
    questionUrl = ((await asked.json()) as { url: string }).url;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("votes and joins a question without reloading the page", async () => {
    const customer = await session("/api/v1/auth/sign-up", {
      name: "Vera Votes",
      email: "vera@example.com",
      password: "stimmt-ab-2024",
    });
    const context = await browserAs(customer);
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(questionUrl);
    await expect(page.locator("h1").textContent()).resolves.toBe("Router blinkt nach Gewitter rot");
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });

    const vote = page.locator('form.vote[data-api*="/questions/"]');
    await vote.locator('button[value="1"]').click();
    await vote.locator('button[value="1"][aria-pressed="true"]').waitFor();
    await expect(vote.locator(".score").textContent()).resolves.toBe("1");
    // The button keeps the keyboard focus (nothing was replaced or reloaded).
    await expect(
      page.evaluate(() => document.activeElement?.closest("form")?.classList.contains("vote")),
    ).resolves.toBe(true);

    const meToo = page.locator("form.me-too button");
    await meToo.click();
    await page.locator('form.me-too button[aria-pressed="true"]').waitFor();
    await expect(page.locator(".me-too-count").textContent()).resolves.toBe(
      "1 person has this too",
    );
    // Still the same page: nothing reloaded.
    await expect(
      page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed),
    ).resolves.toBe(true);

    // Following the board from its page, in place as well.
    await page.goto("/community/b/internet-festnetz");
    await page.getByRole("button", { name: "Follow this board" }).click();
    await page.locator('form.follow button[aria-pressed="true"]').waitFor();
    await expect(page.locator("form.follow button").textContent()).resolves.toBe(
      "Following this board",
    );
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("suggests similar questions while the title is typed on the ask form", async () => {
    const customer = await session("/api/v1/auth/sign-up", {
      name: "Tim Tippt",
      email: "tim@example.com",
      password: "tippt-langsam-99",
    });
    const context = await browserAs(customer);
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto("/community/ask");
    await page.getByLabel("Title").pressSequentially("Router LED blinkt rot", { delay: 20 });
    const similar = page.locator("#similar");
    await similar.locator("a", { hasText: "Router blinkt nach Gewitter rot" }).waitFor();
    await similar.getByRole("button", { name: "I have this too" }).click();
    await similar.getByRole("button", { name: "You have this too" }).waitFor();
    const detail = await (await api(`/api/v1/community/questions?sort=priority`)).json();
    expect((detail as { items: { meTooCount: number }[] }).items[0]!.meTooCount).toBe(2);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("asks a question through the plain HTML form with JavaScript switched off", async () => {
    const customer = await session("/api/v1/auth/sign-up", {
      name: "Nora Noscript",
      email: "nora@example.com",
      password: "ohne-skripte-42",
    });
    const context = await browserAs(customer, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/community/ask?lang=de");
    await page.getByLabel("Bereich").selectOption("mobilfunk");
    await page.getByLabel("Titel").fill("eSIM auf neues Handy übertragen");
    await page.getByLabel("Beschreibung").fill("Wie bekomme ich meine eSIM auf das neue Telefon?");
    await page.getByRole("button", { name: "Frage veröffentlichen" }).click();
    await page.waitForURL(/\/community\/q\/\d+-esim-auf-neues-handy-uebertragen$/);
    await expect(page.locator("h1").textContent()).resolves.toBe("eSIM auf neues Handy übertragen");
    // A new member's first question waits for the moderators, and says so.
    await expect(page.locator(".notice").first().textContent()).resolves.toContain("Freigabe");
    await context.close();
  });

  it("a customer asks, another joins with me-too instead, a third answers, the asker accepts; solved without JavaScript", async () => {
    const title = "WLAN bricht abends ständig ab";
    const admin = await session("/api/v1/auth/sign-in", server!.admin);
    const asker = await session("/api/v1/auth/sign-up", {
      name: "Paula Fragt",
      email: "paula@example.com",
      password: "fragt-gerne-2024",
    });
    const asked = await api("/api/v1/community/questions", {
      method: "POST",
      session: asker,
      body: {
        board: "internet-festnetz",
        title,
        body: "Jeden Abend gegen 20 Uhr bricht das WLAN für ein paar Minuten ab.",
      },
    });
    expect(asked.status).toBe(201);
    const url = ((await asked.json()) as { url: string }).url;

    // A new member's first question waits; a moderator approves it in the queue (no JS).
    const modContext = await browserAs(admin, { javaScriptEnabled: false });
    const queue = await modContext.newPage();
    const approve = async (text: string) => {
      await queue.goto("/community/moderation");
      await queue
        .locator("li.queue-item", { hasText: text })
        .getByRole("button", { name: "Approve" })
        .click();
      await queue.waitForURL(/\/community\/moderation$/);
      await expect(queue.locator("li.queue-item", { hasText: text }).count()).resolves.toBe(0);
    };
    await approve(title);

    // Someone with the same problem starts to ask, sees the question and joins it.
    const joiner = await session("/api/v1/auth/sign-up", {
      name: "Chris Auch",
      email: "chris@example.com",
      password: "auch-betroffen-7",
    });
    const joinContext = await browserAs(joiner);
    const ask = await joinContext.newPage();
    ask.on("pageerror", (e) => pageErrors.push(e.message));
    await ask.goto("/community/ask");
    await ask.getByLabel("Title").pressSequentially("WLAN bricht abends ab", { delay: 20 });
    const similar = ask.locator("#similar");
    const suggestion = similar.locator("li", { hasText: title });
    await suggestion.getByRole("button", { name: "I have this too" }).click();
    await suggestion.getByRole("button", { name: "You have this too" }).waitFor();
    // They did not ask again: the question shows them as having it too.
    await ask.goto(url);
    await ask.locator('form.me-too button[aria-pressed="true"]').waitFor();
    await joinContext.close();

    // Another customer answers through the plain form; their first post is approved too.
    const answerer = await session("/api/v1/auth/sign-up", {
      name: "Hugo Hilft",
      email: "hugo@example.com",
      password: "hilft-immer-2024",
    });
    const answerContext = await browserAs(answerer, { javaScriptEnabled: false });
    const answering = await answerContext.newPage();
    await answering.goto(url);
    await answering
      .getByRole("textbox", { name: "Your answer" })
      .fill("Stell den WLAN-Kanal fest auf 1, 6 oder 11: abends funken die Nachbarn.");
    await answering.getByRole("button", { name: "Post answer" }).click();
    await answering.waitForURL(/#answer-/);
    await answerContext.close();
    await approve("abends funken die Nachbarn");
    await modContext.close();

    // The asker accepts the answer, without JavaScript.
    const askerContext = await browserAs(asker, { javaScriptEnabled: false });
    const own = await askerContext.newPage();
    await own.goto(url);
    await own.getByRole("button", { name: "Mark as the solution" }).click();
    await own.waitForURL(/#answer-/);
    await own.getByRole("button", { name: "Take back the solution" }).waitFor();
    await askerContext.close();

    // Anyone, JavaScript off: solved, the accepted answer first, and no signed-in controls.
    const visitor = await browserAs(undefined, { javaScriptEnabled: false });
    const page = await visitor.newPage();
    await page.goto(url);
    await expect(page.locator(".question .badge.status-solved").textContent()).resolves.toBe(
      "Solved",
    );
    const first = page.locator("article.answer").first();
    await expect(first.getAttribute("class")).resolves.toContain("accepted");
    await expect(first.locator(".body").textContent()).resolves.toContain("funken die Nachbarn");
    await expect(first.locator(".accepted-note").textContent()).resolves.toContain(
      "Marked as the solution by Paula Fragt",
    );
    await expect(page.locator(".me-too-count").textContent()).resolves.toBe(
      "1 person has this too",
    );
    await expect(page.locator('input[name="_csrf"]').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
    await visitor.close();
  }, 120_000);
});

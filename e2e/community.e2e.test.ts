import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../test/e2e-server.ts";
import { hasChromium, launchChromium } from "./support.ts";

/**
 * The community pages in a real browser against the real server: voting and me-too
 * without a page reload, similar questions while typing on the ask form, and the ask
 * form as a plain HTML post with JavaScript switched off.
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
});

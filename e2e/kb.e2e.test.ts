import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPlatformServer } from "../src/simulator/platform-server.ts";
import { tweetEvent } from "../test/channels.ts";
import type { RunningServer } from "../test/e2e-server.ts";
import { ARTIFACTS, type DemoStack, hasChromium, startDemoStack } from "./support.ts";

/**
 * The knowledge base end to end: a tweet arrives, the console suggests a help article,
 * the agent inserts it with Alt+1 as a short link and sends; the platform stand-in
 * receives the short link; a customer follows it (the click counts against the
 * conversation) and answers "helpful" on the article page, without JavaScript.
 */
const X = {
  userId: "3911",
  handle: "telekom_hilft",
  secret: "e2e-kb-secret",
  token: "e2e-kb-token",
};

/** A tweet from one customer to the test's brand account. */
const tweet = (id: string, text: string) =>
  tweetEvent({
    id,
    text,
    user: { id: "88101", screen_name: "karla_k", name: "Karla Kunde" },
    brand: X,
  });

describe.skipIf(!hasChromium)("knowledge base in the browser", () => {
  let platform: RunningPlatformServer | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let stack: DemoStack | undefined;
  const passwords: Record<string, string> = {};
  const pageErrors: string[] = [];
  const AGENT = "anna.berger@demo.hilft.example";
  const MODERATOR = "mira.schulz@demo.hilft.example";

  beforeAll(async () => {
    stack = await startDemoStack({ name: "kb", x: X });
    ({ platform, server, browser } = stack);
    for (const email of [AGENT, MODERATOR]) passwords[email] = stack.password(email);
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** Signs in over the API; returns a fetch for JSON calls as that person. */
  async function apiAs(email: string) {
    const res = await fetch(`${server!.url}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: passwords[email] }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return async (url: string, method = "GET", body?: unknown) => {
      const r = await fetch(`${server!.url}${url}`, {
        method,
        headers: {
          cookie,
          "x-csrf-token": csrfToken,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await r.json()) as Record<string, unknown>;
      expect(r.status, JSON.stringify(json)).toBeLessThan(300);
      return json;
    };
  }

  it("inserts a suggested article as a short link, sends it, and the customer rates it helpful", async () => {
    const mira = await apiAs(MODERATOR);
    const article = (await mira("/api/v1/kb/articles", "POST", {
      title: "Router blinkt rot: so startest du ihn neu",
      summary: "Wenn die Info-LED am Router rot blinkt, hilft meist ein Neustart.",
      body: "1. Ziehe den Stecker des Routers.\n2. Warte 30 Sekunden.\n3. Stecke ihn wieder ein.",
      language: "de",
      tags: ["router"],
    })) as { id: string; url: string };
    await mira(`/api/v1/kb/articles/${article.id}/status`, "POST", { status: "published" });

    await stack!.postX(
      tweet("1790000000000000101", "@telekom_hilft Mein Router blinkt seit heute früh rot."),
    );

    const agentContext = await browser!.newContext({
      locale: "de-DE",
      baseURL: server!.url,
      viewport: { width: 1440, height: 900 },
      timezoneId: "Europe/Berlin",
    });
    agentContext.setDefaultTimeout(15_000);
    const page = await agentContext.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto("/signin?next=%2Fconsole%3Fview%3Dunassigned");
    await page.getByTestId("signin-email").fill(AGENT);
    await page.getByTestId("signin-password").fill(passwords[AGENT]!);
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("console-shell").waitFor();
    const row = page.getByTestId("conversation-row").filter({ hasText: "Karla Kunde" });
    await row.getByRole("button").click();
    await page.getByTestId("conversation-pane").waitFor();

    const suggestion = page.getByTestId("kb-suggestion").first();
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain("Router blinkt rot: so startest du ihn neu");

    const text = page.getByTestId("composer-text");
    await text.fill("Das hilft meistens:");
    await text.press("Alt+Digit1");
    await expect
      .poll(() => text.inputValue())
      .toMatch(/^Das hilft meistens: http:\/\/\S+\/s\/\w+$/);
    const inserted = await text.inputValue();
    const shortUrl = /(http:\/\/\S+\/s\/\w+)$/.exec(inserted)![1]!;
    await page.screenshot({ path: path.join(ARTIFACTS, "kb-console-suggestion.png") });
    await page.getByTestId("composer-send-solve").click();

    // The platform stand-in receives the reply with the short link, exactly once.
    await expect
      .poll(() => platform!.state.calls.filter((c) => c.path === "/2/tweets").length, {
        timeout: 15_000,
      })
      .toBe(1);
    const sent = platform!.state.calls.find((c) => c.path === "/2/tweets")!;
    expect((sent.body as { text: string }).text).toContain(shortUrl);
    await agentContext.close();

    // The customer follows the link with JavaScript off and answers "helpful".
    const customer = await browser!.newContext({ locale: "de-DE", javaScriptEnabled: false });
    const reader = await customer.newPage();
    await reader.goto(shortUrl);
    expect(new URL(reader.url()).pathname).toBe(article.url);
    expect(await reader.locator("h1").textContent()).toBe(
      "Router blinkt rot: so startest du ihn neu",
    );
    await reader.getByLabel("Was hat gefehlt? (optional)").fill("");
    await reader.getByRole("button", { name: "Ja", exact: true }).click();
    await reader.getByText("Danke für deine Rückmeldung!").waitFor();
    await reader.screenshot({ path: path.join(ARTIFACTS, "kb-article-helpful.png") });
    await customer.close();

    const after = (await mira(`/api/v1/kb/articles/${article.id}`)) as {
      helpfulYes: number;
      viewCount: number;
    };
    expect(after.helpfulYes).toBe(1);
    expect(after.viewCount).toBeGreaterThanOrEqual(1);
    const deflection = (await mira("/api/v1/kb/deflection")) as Record<string, number>;
    expect(deflection).toMatchObject({
      conversationsSolvedWithLink: 1,
      shortLinkClicks: 1,
    });
  }, 120_000);

  it("a moderator writes, revises and publishes an article at the knowledge desk", async () => {
    const context = await browser!.newContext({ locale: "en-GB", baseURL: server!.url });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto("/signin?next=%2Fknowledge");
    await page.getByTestId("signin-email").fill(MODERATOR);
    await page.getByTestId("signin-password").fill(passwords[MODERATOR]!);
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("kb-desk").waitFor();
    // The demo help centre is seeded.
    await page.getByRole("button", { name: "eSIM aktivieren" }).waitFor();

    await page.getByTestId("kb-new").click();
    await page.getByTestId("kb-title").fill("Mailbox ausschalten");
    await page.getByTestId("kb-body").fill("Wähle **##002#**.");
    await page.getByTestId("kb-save").click();
    await expect.poll(() => page.getByTestId("kb-editor").textContent()).toContain("Draft");
    await page.getByTestId("kb-body").fill("Wähle **##002#** und warte auf die Ansage.");
    await page.getByTestId("kb-save").click();
    await expect.poll(() => page.getByTestId("kb-editor").textContent()).toContain("revision 2");
    await page.getByTestId("kb-publish").click();
    await expect.poll(() => page.getByTestId("kb-editor").textContent()).toContain("Published");
    await page.getByText("2 revisions").click();
    expect(await page.locator(".kb-diff").first().textContent()).toContain(
      "+Wähle **##002#** und warte auf die Ansage.",
    );
    await page.screenshot({ path: path.join(ARTIFACTS, "kb-desk.png") });
    const href = await page
      .getByTestId("kb-editor")
      .locator('a[href^="/help/"]')
      .getAttribute("href");
    const reader = await fetch(`${server!.url}${href}`);
    expect(reader.status).toBe(200);
    expect(await reader.text()).toContain("warte auf die Ansage");
    await context.close();
  }, 90_000);

  it("threw no uncaught errors in any page", () => {
    expect(pageErrors).toEqual([]);
  });
});

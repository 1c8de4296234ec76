import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPlatformServer } from "../src/simulator/platform-server.ts";
import { tweetEvent } from "../test/channels.ts";
import type { RunningServer } from "../test/e2e-server.ts";
import { ARTIFACTS, type DemoStack, hasChromium, startDemoStack } from "./support.ts";

/**
 * An agent's shift in a real browser against the real server: a tweet arrives by
 * webhook and shows up live, the agent answers with the composer (watching X's counter),
 * and the reply reaches the platform stand-in exactly once, signed. Needs Debian's
 * Chromium; without it the suite is skipped.
 */

const X = {
  userId: "3901",
  handle: "telekom_hilft",
  secret: "e2e-consumer-secret",
  token: "e2e-token",
};

/** A tweet to the test's brand account, as X's Account Activity API sends it. */
const tweet = (id: string, text: string, user: { id: string; screen_name: string; name: string }) =>
  tweetEvent({ id, text, user, brand: X });

describe.skipIf(!hasChromium)("agent console in the browser", () => {
  let platform: RunningPlatformServer | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let stack: DemoStack | undefined;
  const agent = { email: "anna.berger@demo.hilft.example", password: "" };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startDemoStack({ name: "console", x: X });
    ({ platform, server, browser } = stack);
    agent.password = stack.password(agent.email);
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  async function postTweet(id: string, text: string) {
    await stack!.postX(
      tweet(id, text, { id: "88001", screen_name: "karla_k", name: "Karla Kunde" }),
    );
  }

  async function signIn(page: Page) {
    await page.goto("/signin?next=%2Fconsole%3Fview%3Dunassigned");
    await page.getByTestId("signin-email").fill(agent.email);
    await page.getByTestId("signin-password").fill(agent.password);
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("console-shell").waitFor();
  }

  it("shows a tweet live, replies with the composer under X's limit, and sees it sent once", async () => {
    const context = await browser!.newContext({
      locale: "en-US",
      baseURL: server!.url,
      viewport: { width: 1440, height: 900 },
      timezoneId: "Europe/Berlin",
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page);
    await expect.poll(() => page.getByTestId("live-state").textContent()).toContain("Live");
    expect(await page.getByTestId("conversation-row").count()).toBe(0);

    // The tweet arrives after the page loaded: only the realtime stream can show it.
    await postTweet(
      "1790000000000000001",
      "@telekom_hilft Mein Router blinkt seit heute früh rot.",
    );
    const row = page.getByTestId("conversation-row").filter({ hasText: "Karla Kunde" });
    await row.waitFor();
    await expect.poll(() => page.getByTestId("count-unassigned").textContent()).toBe("1");

    await row.getByRole("button").click();
    await page.getByTestId("conversation-pane").waitFor();
    await expect
      .poll(() => page.getByTestId("thread").textContent())
      .toContain("Mein Router blinkt");

    const text = page.getByTestId("composer-text");
    const count = page.getByTestId("composer-count");
    const send = page.getByTestId("composer-send");
    // 277 characters plus " ^AB" is 281 as X counts: blocked.
    await text.fill("a".repeat(277));
    await expect.poll(() => count.getAttribute("data-count")).toBe("281");
    expect(await count.textContent()).toContain("281/280");
    expect(await send.isDisabled()).toBe(true);
    // A URL counts 23, however long it is.
    await text.fill(
      "Bitte starte den Router neu: https://hilfe.example.org/router/neustart-anleitung-lang",
    );
    await expect.poll(() => count.getAttribute("data-count")).toBe(String(29 + 23 + 4));
    expect(await send.isDisabled()).toBe(false);

    await send.click();
    const outbound = page.locator('[data-testid="message"][data-direction="outbound"]');
    await outbound.waitFor();
    await expect
      .poll(() => outbound.getByTestId("delivery").getAttribute("data-status"), { timeout: 15_000 })
      .toBe("sent");
    expect(await outbound.textContent()).toContain("^AB");

    const tweets = platform!.state.calls.filter(
      (c) => c.path === "/2/tweets" && c.method === "POST",
    );
    expect(tweets).toHaveLength(1);
    expect((tweets[0]!.body as { text: string }).text).toBe(
      "Bitte starte den Router neu: https://hilfe.example.org/router/neustart-anleitung-lang ^AB",
    );

    // The customer is tagged and noted from the sidebar; the API keeps both.
    const tagInput = page.getByLabel("Tag this customer");
    await tagInput.fill("VIP");
    await tagInput.press("Enter");
    await expect.poll(() => page.getByTestId("contact-tags").textContent()).toContain("vip");
    await page.getByLabel("Team notes").fill("Ruft gern abends an.");
    await page.getByTestId("composer-text").focus();
    const conversationId = await row.getAttribute("data-id");
    await expect
      .poll(async () => {
        const res = await page.request.get(`/api/v1/conversations/${conversationId}`);
        return (await res.json()).contactDetail;
      })
      .toMatchObject({ tags: ["vip"], notes: "Ruft gern abends an." });

    // A second tweet: the list and counts follow without a reload; screenshots for review.
    await postTweet(
      "1790000000000000002",
      "@telekom_hilft Wann ist die Störung in 10115 Berlin behoben?",
    );
    await expect.poll(() => page.getByTestId("conversation-row").count()).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS, "console-en.png") });
    await page.getByTestId("lang-switch").selectOption("de");
    await expect.poll(() => page.getByTestId("composer-send").textContent()).toBe("Senden");
    await page.screenshot({ path: path.join(ARTIFACTS, "console-de.png") });
    await context.close();
  }, 90_000);

  it("threw no uncaught errors in any page", () => {
    expect(pageErrors).toEqual([]);
  });
});

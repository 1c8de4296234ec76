import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPlatformServer } from "../src/simulator/platform-server.ts";
import { tweetEvent } from "../test/channels.ts";
import type { RunningServer } from "../test/e2e-server.ts";
import { ARTIFACTS, type DemoStack, hasChromium, ROOT, startDemoStack } from "./support.ts";

/**
 * Two agents on one conversation, each in their own browser: both see the tweet arrive,
 * each sees the other viewing and typing, and when Jonas answers first Anna's console
 * asks before her reply goes out. The customer gets each reply exactly once. Then
 * axe-core looks at the console and the public team page. Needs Debian's Chromium.
 */
const AXE = path.join(ROOT, "node_modules/axe-core/axe.min.js");

/** Under load (two cores, other suites) a live update can take a few seconds. */
const within = { timeout: 15_000 };

const X = {
  userId: "3901",
  handle: "telekom_hilft",
  secret: "e2e-consumer-secret",
  token: "e2e-token",
};

/** A tweet from one customer to the test's brand account. */
const tweet = (id: string, text: string) =>
  tweetEvent({
    id,
    text,
    user: { id: "88002", screen_name: "uwe_u", name: "Uwe Unruh" },
    brand: X,
  });

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
}

describe.skipIf(!hasChromium)("two agents, one conversation", () => {
  let platform: RunningPlatformServer | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let stack: DemoStack | undefined;
  const passwords: Record<string, string> = {};
  const pageErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startDemoStack({ name: "collision", x: X });
    ({ platform, server, browser } = stack);
    for (const email of ["anna.berger@demo.hilft.example", "jonas.keller@demo.hilft.example"])
      passwords[email] = stack.password(email);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await stack?.close();
  });

  async function agentPage(email: string): Promise<Page> {
    const context = await browser!.newContext({
      locale: "en-US",
      baseURL: server!.url,
      viewport: { width: 1440, height: 900 },
      timezoneId: "Europe/Berlin",
    });
    contexts.push(context);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${email}: ${error.message}`));
    await page.goto("/signin?next=%2Fconsole%3Fview%3Dunassigned");
    await page.getByTestId("signin-email").fill(email);
    await page.getByTestId("signin-password").fill(passwords[email]!);
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("console-shell").waitFor();
    await expect.poll(() => page.getByTestId("live-state").textContent(), within).toContain("Live");
    return page;
  }

  async function postTweet(id: string, text: string) {
    await stack!.postX(tweet(id, text));
  }

  it("shows presence live, warns the second sender, and sends each reply once", async () => {
    const anna = await agentPage("anna.berger@demo.hilft.example");
    const jonas = await agentPage("jonas.keller@demo.hilft.example");

    await postTweet(
      "1790000000000000101",
      "@telekom_hilft Seit gestern kein Internet in Köln-Ehrenfeld.",
    );
    const rowOf = (page: Page) =>
      page.getByTestId("conversation-row").filter({ hasText: "Uwe Unruh" });
    // Live in both lists, without a reload.
    await Promise.all([rowOf(anna).waitFor(), rowOf(jonas).waitFor()]);

    // Anna opens it: Jonas sees her initials on the row.
    await rowOf(anna).getByRole("button").click();
    await anna.getByTestId("conversation-pane").waitFor();
    const annaOnRow = rowOf(jonas).locator('[data-testid="row-presence"] .presence-avatar');
    await expect.poll(() => annaOnRow.textContent(), within).toBe("AB");
    expect(await annaOnRow.getAttribute("data-state")).toBe("viewing");

    // Jonas opens it too: each pane names the other.
    await rowOf(jonas).getByRole("button").click();
    await jonas.getByTestId("conversation-pane").waitFor();
    await expect
      .poll(() => jonas.getByTestId("pane-presence").textContent(), within)
      .toContain("Anna Berger is viewing");
    await expect
      .poll(() => anna.getByTestId("pane-presence").textContent(), within)
      .toContain("Jonas Keller is viewing");

    // Anna types: Jonas sees it.
    await anna.getByTestId("composer-text").pressSequentially("Hallo Uwe, wir prüfen ", {
      delay: 20,
    });
    await expect
      .poll(() => jonas.getByTestId("pane-presence").textContent(), within)
      .toContain("Anna Berger is typing");

    // Jonas is quicker.
    await jonas
      .getByTestId("composer-text")
      .fill("Hallo Uwe, die Störung in Ehrenfeld ist bekannt.");
    await jonas.getByTestId("composer-send").click();
    const jonasSent = jonas.locator('[data-testid="message"][data-direction="outbound"]');
    await expect
      .poll(() => jonasSent.getByTestId("delivery").getAttribute("data-status"), within)
      .toBe("sent");

    // Sent, Jonas is back to viewing in Anna's pane.
    await expect
      .poll(() => anna.getByTestId("pane-presence").textContent(), within)
      .toContain("Jonas Keller is viewing");

    // Anna's send asks first, naming Jonas; nothing has gone out for her yet.
    await anna.getByTestId("composer-text").pressSequentially("die Leitung.", { delay: 10 });
    await anna.getByTestId("composer-send").click();
    const question = anna.getByTestId("composer-collision");
    await question.waitFor();
    expect(await question.textContent()).toContain("Jonas Keller replied while you were typing");
    const tweets = () =>
      platform!.state.calls.filter((c) => c.path === "/2/tweets" && c.method === "POST");
    expect(tweets()).toHaveLength(1);
    // Jonas's reply is on Anna's screen now, so she can read it before deciding.
    await expect
      .poll(() => anna.getByTestId("thread").textContent(), within)
      .toContain("die Störung in Ehrenfeld ist bekannt");
    await anna.screenshot({ path: path.join(ARTIFACTS, "console-collision.png") });

    await anna.getByTestId("composer-send-anyway").click();
    await expect
      .poll(
        () =>
          anna
            .locator('[data-testid="message"][data-direction="outbound"]')
            .filter({ hasText: "^AB" })
            .getByTestId("delivery")
            .getAttribute("data-status"),
        within,
      )
      .toBe("sent");

    const texts = tweets().map((c) => (c.body as { text: string }).text);
    expect(texts).toHaveLength(2);
    expect(texts.filter((t) => t.endsWith(" ^AB"))).toEqual([
      "Hallo Uwe, wir prüfen die Leitung. ^AB",
    ]);
    expect(texts.filter((t) => t.endsWith(" ^JK"))).toHaveLength(1);
    await anna.screenshot({ path: path.join(ARTIFACTS, "console-two-agents.png") });
  }, 120_000);

  it("has no serious accessibility violations on the console and the team page", async () => {
    const page = await agentPage("anna.berger@demo.hilft.example");
    await postTweet("1790000000000000102", "@telekom_hilft Rechnung doppelt abgebucht?");
    // The console with a conversation open, the composer and a saved view in the sidebar.
    await page.getByTestId("view-open").click();
    await page.getByTestId("conversation-row").first().getByRole("button").click();
    await page.getByTestId("conversation-pane").waitFor();
    await page.getByTestId("saved-view-add").click();
    await page.getByTestId("saved-view-name").fill("Alles Offene");
    await page.getByTestId("saved-view-submit").click();
    const saved = page.getByRole("button", { name: /^Alles Offene/ });
    await expect.poll(() => saved.getAttribute("aria-current"), within).toBe("page");
    await expect.poll(() => page.locator("#list-title").textContent(), within).toBe("Alles Offene");
    // Its count is live like the others.
    const open = await page.getByTestId("count-open").textContent();
    await expect.poll(() => saved.locator(".count").textContent(), within).toBe(open);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId("lang-switch").selectOption("de");
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/team");
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it("threw no uncaught errors in any page", () => {
    expect(pageErrors).toEqual([]);
  });
});

import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tweetEvent } from "../test/channels.ts";
import type { RunningServer } from "../test/e2e-server.ts";
import { ARTIFACTS, type DemoStack, hasChromium, startDemoStack } from "./support.ts";

/**
 * An admin's trust-and-safety round in a real browser against the real server: a tweet
 * with an IBAN shows up masked among the incidents, a look-alike account's evidence is
 * shown and confirmed, the console flags it and reveals the IBAN only on request, and the
 * audit log records both, filters by action and verifies its chain. Needs Debian's Chromium; without it the suite is skipped.
 */
const X = {
  userId: "3911",
  handle: "telekom_hilft",
  secret: "e2e-safety-secret",
  token: "e2e-safety-token",
};

/** A tweet to the test's brand account, as X's Account Activity API sends it. */
const tweet = (id: string, text: string, user: { id: string; screen_name: string; name: string }) =>
  tweetEvent({ id, text, user, brand: X });

describe.skipIf(!hasChromium)("trust and safety screens in the browser", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let stack: DemoStack | undefined;
  const admin = { email: "admin@demo.hilft.example", password: "" };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startDemoStack({ name: "safety", x: X, env: { HILFT_DEMO_TRAFFIC: "false" } });
    ({ server, browser } = stack);
    admin.password = stack.password(admin.email);
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  });

  async function postTweet(
    id: string,
    text: string,
    user: { id: string; screen_name: string; name: string },
  ) {
    await stack!.postX(tweet(id, text, user));
  }

  it("shows incidents masked, confirms an impostor, and audits and verifies it", {
    timeout: 180_000,
  }, async () => {
    await postTweet(
      "1791000000000000001",
      "@telekom_hilft Bitte abbuchen: DE89 3704 0044 0532 0130 00",
      {
        id: "99001",
        screen_name: "erika_m",
        name: "Erika M",
      },
    );
    await postTweet("1791000000000000002", "@telekom_hilft Schreiben Sie uns Ihre Daten per DM", {
      id: "99002",
      screen_name: "telekom_hiIft",
      name: "Telekom hilft",
    });

    const context = await browser!.newContext({
      locale: "en-US",
      baseURL: server!.url,
      viewport: { width: 1280, height: 900 },
      timezoneId: "Europe/Berlin",
    });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    try {
      await page.goto("/signin?next=%2Fsafety");
      await page.getByTestId("signin-email").fill(admin.email);
      await page.getByTestId("signin-password").fill(admin.password);
      await page.getByTestId("signin-submit").click();
      await page.getByTestId("safety-page").waitFor();

      // Personal data: the incident is listed masked (processing is asynchronous).
      await expect
        .poll(
          async () => {
            await page.reload();
            await page.getByTestId("safety-page").waitFor();
            return page.getByTestId("incident-row").count();
          },
          { timeout: 60_000, interval: 1000 },
        )
        .toBe(1);
      const incident = page.getByTestId("incident-row");
      expect(await incident.textContent()).toContain("[IBAN]");
      expect(await page.content()).not.toContain("0532 0130");

      // Impostors: the evidence names the look-alike character; confirm it.
      await page.getByTestId("safety-tab-impostors").click();
      const impostor = page.getByTestId("impostor-row").filter({ hasText: "@telekom_hiIft" });
      await impostor.waitFor();
      expect(await impostor.getByTestId("impostor-confusables").textContent()).toContain("U+0049");
      await impostor.getByTestId("impostor-confirm").click();
      await impostor.waitFor({ state: "detached" });
      await page.getByTestId("impostor-status").selectOption("confirmed");
      await page.getByTestId("impostor-row").filter({ hasText: "@telekom_hiIft" }).waitFor();

      // The console flags the confirmed impostor, and shows the IBAN masked until an
      // admin asks to see it as written.
      await page.goto("/console?view=channel%3Ax");
      const fake = page.getByTestId("conversation-row").filter({ hasText: "Telekom hilft" });
      await fake.getByTestId("impostor").waitFor();
      const erika = page.getByTestId("conversation-row").filter({ hasText: "Erika M" });
      await erika.getByRole("button").click();
      const masked = page.getByTestId("message").filter({ hasText: "[IBAN]" });
      expect(await masked.getByTestId("personal-data").textContent()).toContain("IBAN");
      expect(await page.content()).not.toContain("0532 0130");
      await masked.getByTestId("reveal").click();
      await expect
        .poll(() => page.getByTestId("thread").textContent())
        .toContain("DE89 3704 0044 0532 0130 00");

      // Audit log: the decisions are there, the action filter works, the chain is intact.
      await page.goto("/safety");
      await page.getByTestId("safety-tab-audit").click();
      await page.getByTestId("audit-row").filter({ hasText: "impostor.confirmed" }).waitFor();
      await page.getByTestId("audit-row").filter({ hasText: "personal_data.revealed" }).waitFor();
      await page.getByTestId("audit-filter-action").fill("channel.");
      await page.getByTestId("audit-apply").click();
      await expect
        .poll(async () => (await page.getByTestId("audit-row").allTextContents()).join("\n"))
        .not.toContain("impostor.confirmed");
      expect(await page.getByTestId("audit-row").first().textContent()).toContain(
        "channel.created",
      );
      await page.getByTestId("audit-verify").click();
      expect(await page.getByTestId("audit-verify-result").textContent()).toMatch(
        /intact: \d+ event\(s\) verified/,
      );

      // Praise: the per-month table is there for the team.
      await page.getByTestId("safety-tab-praise").click();
      await page.getByTestId("praise-months").waitFor();
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: path.join(ARTIFACTS, "safety-failure.png"), fullPage: true });
      throw error;
    } finally {
      await context.close();
    }
  });
});

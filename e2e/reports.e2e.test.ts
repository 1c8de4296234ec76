import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tweetEvent } from "../test/channels.ts";
import type { RunningServer } from "../test/e2e-server.ts";
import { ARTIFACTS, type DemoStack, hasChromium, startDemoStack } from "./support.ts";

/**
 * A team lead opens /admin/reports in a real browser: the charts (uPlot) render from
 * data that arrived by webhook, the filters and CSV links are there, in English and
 * German. Screenshots go to test-results/ for review. Needs Debian's Chromium.
 */
const X = {
  userId: "3911",
  handle: "telekom_hilft",
  secret: "e2e-reports-secret",
  token: "e2e-reports-token",
};

/** A tweet from customer `userId` to the test's brand account. */
const tweet = (id: string, text: string, userId: string) =>
  tweetEvent({
    id,
    text,
    user: { id: userId, screen_name: `k${userId}`, name: "Kunde" },
    brand: X,
  });

describe.skipIf(!hasChromium)("reports page in the browser", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let stack: DemoStack | undefined;
  const lead = { email: "mira.schulz@demo.hilft.example", password: "" };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startDemoStack({ name: "reports", x: X });
    ({ server, browser } = stack);
    lead.password = stack.password(lead.email);
    const texts = [
      "@telekom_hilft Mein Internet ist seit heute früh weg",
      "@telekom_hilft Danke, super Service gestern!",
      "@telekom_hilft Rechnung doppelt abgebucht",
      "@telekom_hilft Router blinkt rot",
    ];
    for (const [i, text] of texts.entries()) {
      await stack!.postX(tweet(String(7_700_000 + i), text, String(55_000 + i)));
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it("renders the charts with seeded data, filters, CSV links and both languages", async () => {
    const context = await browser!.newContext({
      locale: "en-US",
      baseURL: server!.url,
      viewport: { width: 1280, height: 2400 },
      timezoneId: "Europe/Berlin",
    });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto("/signin?next=%2Fadmin%2Freports");
    await page.getByTestId("signin-email").fill(lead.email);
    await page.getByTestId("signin-password").fill(lead.password);
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("reports-page").waitFor();

    // An incident for the timeline, opened through the API with the session.
    const opened = await page.evaluate(async () => {
      const csrf = /(?:^|; )hilft_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? "";
      const res = await fetch("/api/v1/operations/incidents", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": decodeURIComponent(csrf) },
        body: JSON.stringify({ title: "Outage mobile network" }),
      });
      return res.status;
    });
    expect(opened).toBe(201);

    // The webhooks are ingested in the background: reload until the volume counts them.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId("reports-page").waitFor();
          return Number(await page.getByTestId("volume-total").getAttribute("data-total"));
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(4);
    for (const id of [
      "chart-volume",
      "chart-speed",
      "chart-sla",
      "chart-backlog",
      "chart-months",
      "chart-community",
    ]) {
      await page.getByTestId(id).locator("canvas").waitFor();
    }
    await expect
      .poll(() => page.getByTestId("chart-volume").locator(".u-legend").textContent())
      .toContain("x");
    await expect
      .poll(() => page.getByTestId("incident-timeline").textContent())
      .toContain("Outage mobile network");
    const csv = page.getByRole("link", { name: "Download CSV" }).first();
    expect(await csv.getAttribute("href")).toMatch(/^\/api\/v1\/reports\/volume\?.*format=csv/);
    // The CSV link answers with the same figures.
    const body = await page.evaluate(
      async (href) => (await fetch(href)).text(),
      (await csv.getAttribute("href"))!,
    );
    expect(body.split("\r\n")[0]).toBe("start,total,x");

    await page.getByTestId("report-bucket").selectOption("hour");
    await page.getByTestId("chart-volume").locator("canvas").waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "reports-en.png"), fullPage: true });

    await page.evaluate(() => localStorage.setItem("hilft.locale", "de"));
    await page.goto("/admin/reports");
    await page.getByRole("heading", { name: "Berichte" }).waitFor();
    await page.getByText("Eingehende Nachrichten nach Kanal").first().waitFor();
    await page.getByTestId("chart-months").locator("canvas").waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "reports-de.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 120_000);
});

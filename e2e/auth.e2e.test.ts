import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../test/e2e-server.ts";
import { CHROMIUM, ensureWebBuild, hasChromium, launchChromium } from "./support.ts";

/**
 * The sign-up / sign-in journey in a real browser against a real server. Needs Debian's
 * Chromium (`apt-get install chromium`); without it the suite is skipped, not failed.
 */
if (!hasChromium) {
  console.warn(`[e2e] ${CHROMIUM} not found: skipping browser tests (apt-get install chromium).`);
}

const TEST_TIMEOUT = 30_000;

describe.skipIf(!hasChromium)("web app: accounts in the browser", () => {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuild();
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh context per person: own cookies, own localStorage, English browser. */
  async function newPerson(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser!.newContext({ locale: "en-US", baseURL: server!.url });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    return { context, page };
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.goto("/signin");
    await page.getByTestId("signin-email").fill(email);
    await page.getByTestId("signin-password").fill(password);
    await page.getByTestId("signin-submit").click();
  }

  it(
    "a customer signs up, signs out and in, switches language and is kept out of /admin",
    async () => {
      const { context, page } = await newPerson();
      const name = "Kim Kundin";
      const email = `kim.${Date.now()}@example.org`;
      const password = "lange genug und geheim";

      await page.goto("/");
      await page.getByTestId("home").waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("en");

      await page.getByTestId("nav-signup").click();
      await page.getByTestId("signup-name").fill(name);
      await page.getByTestId("signup-email").fill(email);
      await page.getByTestId("signup-password").fill(password);
      await page.getByTestId("signup-submit").click();
      await expect.poll(() => page.getByTestId("current-user").textContent()).toBe(name);
      await page.getByTestId("home").waitFor();

      await page.getByTestId("nav-signout").click();
      await page.getByTestId("nav-signin").waitFor();
      await expect.poll(() => page.getByTestId("current-user").count()).toBe(0);

      // A wrong password shows the server's answer instead of signing in.
      await signIn(page, email, "not the password");
      await expect.poll(() => page.getByTestId("form-error").textContent()).toContain("wrong");

      await page.getByTestId("signin-password").fill(password);
      await page.getByTestId("signin-submit").click();
      await expect.poll(() => page.getByTestId("current-user").textContent()).toBe(name);
      expect(new URL(page.url()).pathname).toBe("/");

      const title = page.getByTestId("home-title");
      const english = await title.textContent();
      await page.getByTestId("lang-switch").selectOption("de");
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("de");
      await expect.poll(() => title.textContent()).not.toBe(english);
      const german = await title.textContent();

      // The choice survives a reload.
      await page.reload();
      await expect.poll(() => title.textContent()).toBe(german);
      expect(await page.locator("html").getAttribute("lang")).toBe("de");

      const response = await page.goto("/admin");
      expect(response?.status()).toBeLessThan(500);
      await page.getByTestId("forbidden").waitFor();
      expect(await page.getByTestId("forbidden").textContent()).toContain("403");
      expect(await page.getByTestId("admin-shell").count()).toBe(0);

      await page.getByTestId("lang-switch").selectOption("en");
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
      await expect.poll(() => title.count()).toBe(0);
      await page.goto("/");
      await expect.poll(() => title.textContent()).toBe(english);

      await context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    "a signed-out visitor of /console is sent to sign-in and brought back afterwards",
    async () => {
      const { context, page } = await newPerson();
      await page.goto("/console");
      await page.getByTestId("signin-email").waitFor();
      const url = new URL(page.url());
      expect(url.pathname).toBe("/signin");
      expect(url.searchParams.get("next")).toBe("/console");

      await page.getByTestId("signin-email").fill(server!.admin.email);
      await page.getByTestId("signin-password").fill(server!.admin.password);
      await page.getByTestId("signin-submit").click();
      await page.getByTestId("console-shell").waitFor();
      expect(new URL(page.url()).pathname).toBe("/console");
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    "the admin reaches /admin and /console",
    async () => {
      expect(server!.admin.email, "server printed no admin credentials").not.toBe("");
      const { context, page } = await newPerson();
      await signIn(page, server!.admin.email, server!.admin.password);
      // Staff land in the console after signing in.
      await page.getByTestId("console-shell").waitFor();
      expect(await page.getByTestId("current-user").isVisible()).toBe(true);

      await page.goto("/admin");
      await page.getByTestId("admin-shell").waitFor();
      await expect.poll(() => page.getByTestId("admin-user-row").count()).toBeGreaterThanOrEqual(1);
      expect(await page.getByTestId("forbidden").count()).toBe(0);
      // The demo's channels are listed, without their credentials.
      await page.getByTestId("channels-section").getByText("@telekom_hilft (demo)").waitFor();

      await page.goto("/console");
      await page.getByTestId("console-shell").waitFor();

      // A profile photo is uploaded, resized by the server and shown; consent is saved.
      await page.goto("/account");
      const photo = await sharp({
        create: { width: 640, height: 480, channels: 3, background: "#e20074" },
      })
        .jpeg()
        .toBuffer();
      await page
        .getByTestId("profile-photo")
        .setInputFiles({ name: "me.jpg", mimeType: "image/jpeg", buffer: photo });
      const img = page.locator(".profile-photo img");
      await img.waitFor();
      expect(await img.getAttribute("src")).toMatch(
        /^\/api\/v1\/agents\/[0-9a-f-]+\/photo\?v=\d+$/,
      );
      await expect
        .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth))
        .toBe(256);
      await page.getByTestId("consent-photo").check();
      await page.getByRole("button", { name: "Save" }).last().click();
      await page.getByText("Saved").last().waitFor();
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it("threw no uncaught errors in any page", () => {
    expect(pageErrors).toEqual([]);
  });
});

import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../test/e2e-server.ts";
import { hasChromium, launchChromium } from "./support.ts";

/**
 * The ideas board in a real browser against the real server (with the demo seed): a
 * customer submits an idea with JavaScript off, another votes without a reload, the
 * team changes the status with a comment, and the voter finds the notification.
 */

interface Session {
  cookies: { name: string; value: string }[];
}

describe.skipIf(!hasChromium)("ideas board in the browser", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  async function session(path: string, body: unknown): Promise<Session> {
    const res = await fetch(`${server!.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    const cookies = res.headers.getSetCookie().map((c) => {
      const [pair] = c.split(";");
      const [name, ...value] = pair!.split("=");
      return { name: name!, value: value.join("=") };
    });
    return { cookies };
  }

  async function browserAs(
    s: Session,
    opts: { javaScriptEnabled?: boolean } = {},
  ): Promise<BrowserContext> {
    const context = await browser!.newContext({
      locale: "en-US",
      baseURL: server!.url,
      javaScriptEnabled: opts.javaScriptEnabled ?? true,
    });
    context.setDefaultTimeout(10_000);
    await context.addCookies(s.cookies.map((c) => ({ ...c, url: server!.url })));
    return context;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("submit, vote, status change with a comment, notification", async () => {
    // 1. A customer submits an idea through the plain form (no JavaScript).
    const ida = await session("/api/v1/auth/sign-up", {
      name: "Ida Idee",
      email: "ida@example.com",
      password: "ideen-sind-gut-1",
    });
    const idaContext = await browserAs(ida, { javaScriptEnabled: false });
    const idaPage = await idaContext.newPage();
    await idaPage.goto("/community/b/ideen");
    await idaPage.getByRole("link", { name: "Submit an idea" }).click();
    await idaPage.getByLabel("Title").fill("Roaming-Verbrauch in der App anzeigen");
    await idaPage
      .getByLabel("Details")
      .fill("Im Urlaub möchte ich sehen, wie viel ich verbraucht habe.");
    await idaPage.getByRole("button", { name: "Submit an idea" }).click();
    await idaPage.waitForURL(/\/community\/i\/\d+-roaming-verbrauch-in-der-app-anzeigen$/);
    const ideaUrl = new URL(idaPage.url()).pathname;
    await expect(idaPage.locator(".badge.idea-new").textContent()).resolves.toBe("New");
    await idaContext.close();

    // 2. Another customer votes from the board without a page reload.
    const vera = await session("/api/v1/auth/sign-up", {
      name: "Vera Votes",
      email: "vera@example.com",
      password: "stimmt-ab-2024",
    });
    const veraContext = await browserAs(vera);
    const veraPage = await veraContext.newPage();
    veraPage.on("pageerror", (e) => pageErrors.push(e.message));
    await veraPage.goto("/community/b/ideen?sort=newest");
    await veraPage.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });
    const item = veraPage.locator("li.idea-item", { hasText: "Roaming-Verbrauch" });
    await item.getByRole("button", { name: "Vote for it" }).click();
    await item.locator('button[aria-pressed="true"]').waitFor();
    await expect(item.locator(".idea-votes").textContent()).resolves.toBe("1");
    await expect(
      veraPage.evaluate(() => (window as unknown as { stayed?: boolean }).stayed),
    ).resolves.toBe(true);

    // 3. The team (the demo admin) moves it to "planned" with a comment.
    const admin = await session("/api/v1/auth/sign-in", server!.admin);
    const adminContext = await browserAs(admin);
    const adminPage = await adminContext.newPage();
    adminPage.on("pageerror", (e) => pageErrors.push(e.message));
    await adminPage.goto(ideaUrl);
    await adminPage.getByLabel("New status").selectOption("planned");
    await adminPage
      .getByLabel("Comment for everyone who voted")
      .fill("Good idea: it is planned for the next app release.");
    await adminPage.getByRole("button", { name: "Save status" }).click();
    await adminPage.locator(".badge.idea-planned").waitFor();
    await expect(adminPage.locator("ol.history").textContent()).resolves.toContain("New → Planned");
    await adminContext.close();

    // 4. The voter sees the notification and the history on the idea page.
    await veraPage.getByRole("link", { name: "Notifications" }).click();
    const note = veraPage.locator("ol.notifications li").first();
    await expect(note.textContent()).resolves.toContain(
      "“Roaming-Verbrauch in der App anzeigen” is now: Planned",
    );
    await note.getByRole("link").click();
    await veraPage.waitForURL(new RegExp(`${ideaUrl}$`));
    await expect(veraPage.locator("ol.history").textContent()).resolves.toContain(
      "it is planned for the next app release",
    );
    expect(pageErrors).toEqual([]);
    await veraContext.close();
  }, 120_000);
});

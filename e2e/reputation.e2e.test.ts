import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, runCli, startServer } from "../test/e2e-server.ts";
import { hasChromium, launchChromium } from "./support.ts";

/**
 * Reputation in a real browser against the real server: a customer's answer is
 * accepted, they see the badge it earned on their profile, request a reward with the
 * points on the rewards page, and see it approved by staff.
 */

interface Session {
  cookies: { name: string; value: string }[];
  csrfToken: string;
}

describe.skipIf(!hasChromium)("reputation in the browser", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  async function api(
    path: string,
    init: { method?: string; body?: unknown; session?: Session } = {},
  ) {
    return fetch(`${server!.url}${path}`, {
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
  }

  async function json<T>(res: Response, status: number): Promise<T> {
    const body = await res.text();
    expect(res.status, body).toBe(status);
    return JSON.parse(body) as T;
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

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a customer earns a badge and redeems a reward that staff approve", async () => {
    const staff = await session("/api/v1/auth/sign-in", server!.admin);
    const customer = await session("/api/v1/auth/sign-up", {
      name: "Rita Reward",
      email: "rita@example.com",
      password: "praemie-fuer-hilfe-7",
    });
    const me = await json<{ userId: string }>(
      await api("/api/v1/reputation/me", { session: customer }),
      200,
    );
    // Trusted, so her answer is public at once instead of waiting for review.
    await json(
      await api(`/api/v1/community/members/${me.userId}/trust`, {
        method: "PUT",
        session: staff,
        body: { trusted: true },
      }),
      200,
    );
    const question = await json<{ id: string }>(
      await api("/api/v1/community/questions", {
        method: "POST",
        session: staff,
        body: {
          board: "internet-festnetz",
          title: "WLAN bricht abends immer ab",
          body: "Jeden Abend gegen 20 Uhr ist das WLAN weg. Woran liegt das?",
        },
      }),
      201,
    );
    const answer = await json<{ id: string }>(
      await api(`/api/v1/community/questions/${question.id}/answers`, {
        method: "POST",
        session: customer,
        body: { body: "Stell den Router auf einen anderen Funkkanal, dann hört das auf." },
      }),
      201,
    );
    await json(
      await api(`/api/v1/community/questions/${question.id}/accepted-answer`, {
        method: "PUT",
        session: staff,
        body: { answerId: answer.id },
      }),
      200,
    );
    await json(
      await api("/api/v1/rewards", {
        method: "POST",
        session: staff,
        body: {
          name: "Testgerät: Mesh-Repeater",
          description: "Teste den neuen Repeater vor allen anderen.",
          stock: 1,
          pricePoints: 15,
        },
      }),
      201,
    );

    const context = await browser!.newContext({ locale: "en-US", baseURL: server!.url });
    context.setDefaultTimeout(10_000);
    await context.addCookies(customer.cookies.map((c) => ({ ...c, url: server!.url })));
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));

    // The badge on her profile, with the points the accepted answer earned.
    await page.goto(`/community/u/${me.userId}`);
    await page.locator(".earned-badge", { hasText: "First solution" }).waitFor();
    await expect(page.getByTestId("points").textContent()).resolves.toBe("15");

    // Redeem the points on the rewards page.
    await page.goto("/community/rewards");
    await expect(page.getByTestId("my-points").textContent()).resolves.toBe("You have 15 points.");
    const reward = page.locator(".reward", { hasText: "Mesh-Repeater" });
    await reward.getByRole("button", { name: "Request" }).click();
    await page.waitForURL(/\/community\/rewards\?requested=1$/);
    await expect(page.getByRole("status").textContent()).resolves.toContain(
      "Your request was received.",
    );
    await expect(page.getByTestId("my-points").textContent()).resolves.toBe("You have 0 points.");
    await expect(page.locator("#my-requests + ul .status").textContent()).resolves.toBe(
      "requested",
    );

    // Staff approve in the admin app, with a message; the customer sees it.
    const staffContext = await browser!.newContext({ locale: "en-US", baseURL: server!.url });
    staffContext.setDefaultTimeout(15_000);
    await staffContext.addCookies(staff.cookies.map((c) => ({ ...c, url: server!.url })));
    const admin = await staffContext.newPage();
    admin.on("pageerror", (e) => pageErrors.push(e.message));
    await admin.goto("/admin");
    const row = admin.getByTestId("admin-redemption-row").filter({ hasText: "Rita Reward" });
    await row.getByLabel("Message to Rita Reward").fill("Kommt nächste Woche per Post.");
    await row.getByRole("button", { name: "Approve" }).click();
    await admin.getByText("Testgerät: Mesh-Repeater for Rita Reward: approved.").waitFor();
    await staffContext.close();
    await page.reload();
    await expect(page.locator("#my-requests + ul li").textContent()).resolves.toContain(
      "approved – Kommt nächste Woche per Post.",
    );
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("`hilft reputation detect-serial-votes` finds and reverses serial voting", {
    timeout: 120_000,
  }, async () => {
    const staff = await session("/api/v1/auth/sign-in", server!.admin);
    const author = await session("/api/v1/auth/sign-in", {
      email: "rita@example.com",
      password: "praemie-fuer-hilfe-7",
    });
    const fan = await session("/api/v1/auth/sign-up", {
      name: "Sam Serial",
      email: "sam@example.com",
      password: "immer-dafuer-stimmen-1",
    });
    const question = await json<{ id: string }>(
      await api("/api/v1/community/questions", {
        method: "POST",
        session: staff,
        body: {
          board: "internet-festnetz",
          title: "Welche Router-Einstellungen helfen bei Aussetzern?",
          body: "Sammelt hier eure Tipps.",
        },
      }),
      201,
    );
    for (let i = 1; i <= 5; i++) {
      const answer = await json<{ id: string }>(
        await api(`/api/v1/community/questions/${question.id}/answers`, {
          method: "POST",
          session: author,
          body: { body: `Tipp Nummer ${i}: Firmware aktualisieren und neu starten.` },
        }),
        201,
      );
      await json(
        await api(`/api/v1/community/answers/${answer.id}/vote`, {
          method: "PUT",
          session: fan,
          body: { value: 1 },
        }),
        200,
      );
    }
    // The CLI opens the same data directory, so the server steps aside first.
    await server!.stop({ cleanup: false });
    const env: Record<string, string> = { HILFT_DATA_DIR: server!.dataDir };
    if (server!.databaseUrl) env.DATABASE_URL = server!.databaseUrl;
    const first = await runCli(["reputation", "detect-serial-votes"], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Reversed 5 vote\(s\) \(50 points\) from \S+ to \S+\./);
    const second = await runCli(["reputation", "detect-serial-votes"], env);
    expect(second.stdout).toContain("No serial voting found.");
  });
});

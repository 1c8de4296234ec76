import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFactory, userFactory } from "../../../test/factories.ts";
import { buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
let agentToken: string;
beforeAll(async () => {
  t = await buildTestApp();
  const { user } = await userFactory(t.services, { role: "agent" });
  agentToken = await tokenFactory(t.services, user);
});
afterAll(() => t?.close());

const analyze = (payload: unknown, token: string | null = agentToken) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/analyze",
    headers: token ? { authorization: `Bearer ${token}` } : {},
    payload: payload as Record<string, unknown>,
  });

describe("POST /api/v1/analyze", () => {
  it("finds personal data by position, without echoing the values", async () => {
    const text =
      "@telekom_hilft Seit 3 Tagen kein Internet! IBAN DE89 3704 0044 0532 0130 00, ruft mich an: 0171 2345678";
    const res = await analyze({ text, channel: "x" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.language).toBe("de");
    expect(["positive", "neutral", "negative"]).toContain(body.sentiment);
    expect(typeof body.praise).toBe("boolean");
    expect(body.scores).toEqual({
      language: expect.any(Number),
      sentiment: expect.any(Number),
      praise: expect.any(Number),
    });
    expect(body.personalData).toEqual([
      { type: "iban", start: text.indexOf("DE89"), end: text.indexOf(", ruft") },
      { type: "phone", start: text.indexOf("0171"), end: text.length },
    ]);
    expect(res.body).not.toContain("3704");
  });

  it("tells praise from complaints, in German and English", async () => {
    const praise = (
      await analyze({ text: "Vielen Dank für die super schnelle Hilfe, ihr seid klasse! 👍" })
    ).json();
    expect(praise).toMatchObject({ language: "de", sentiment: "positive", praise: true });
    const complaint = (
      await analyze({
        text: "Seit einer Woche kein Internet, der Techniker kam wieder nicht. Unzumutbar!",
      })
    ).json();
    expect(complaint).toMatchObject({ language: "de", sentiment: "negative", praise: false });
    const english = (
      await analyze({ text: "Thank you so much, the engineer fixed it in no time. Great service!" })
    ).json();
    expect(english).toMatchObject({ language: "en", sentiment: "positive", praise: true });
    const angry = (
      await analyze({ text: "This is the worst service ever, still waiting for my refund" })
    ).json();
    expect(angry).toMatchObject({ language: "en", sentiment: "negative", praise: false });
  });

  it("works for moderators and admins, and through a browser session", async () => {
    for (const role of ["moderator", "admin"] as const) {
      const { user } = await userFactory(t.services, { role });
      const res = await analyze({ text: "Hallo" }, await tokenFactory(t.services, user));
      expect(res.statusCode).toBe(200);
    }
    const { user, password } = await userFactory(t.services, { role: "agent" });
    const browser = await loginAs(t.app, user.email, password);
    const res = await browser.inject({
      method: "POST",
      url: "/api/v1/analyze",
      payload: { text: "Hi" },
    });
    expect(res.statusCode).toBe(200);
  });

  it("answers 401 without auth and 403 for customers, before looking at the body", async () => {
    const anonymous = await analyze({ text: "Hallo" }, null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe("unauthorized");
    expect((await analyze({}, null)).statusCode).toBe(401);
    const { user } = await userFactory(t.services, { role: "customer" });
    const customer = await analyze({ text: "Hallo" }, await tokenFactory(t.services, user));
    expect(customer.statusCode).toBe(403);
    expect(customer.json().error.code).toBe("forbidden");
  });

  it.each([
    ["a missing text", {}, "text", /required/],
    ["an empty text", { text: "" }, "text", /empty/],
    ["a number as text", { text: 42 }, "text", /string/],
    ["a text over 20,000 characters", { text: "x".repeat(20_001) }, "text", /20000/],
    ["an unknown channel", { text: "Hallo", channel: "telegram" }, "channel", /.+/],
  ])("answers 400 naming the field for %s", async (_name, payload, field, message) => {
    const res = await analyze(payload);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("validation_failed");
    expect(error.details).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json();
    expect(doc.paths["/api/v1/analyze"].post).toBeDefined();
  });
});

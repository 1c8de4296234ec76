import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userFactory } from "../../test/factories.ts";
import { buildTestApp, loginAs, type TestApp } from "../../test/helpers.ts";
import { createLogger } from "./logger.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe("health", () => {
  it("reports the process up and the database migrated", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    const ready = await t.app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe("ready");
  });
});

describe("OpenAPI", () => {
  it("describes the API as OpenAPI 3.1 generated from the zod schemas", async () => {
    const res = await t.app.inject({ url: "/api/v1/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/me", "/api/v1/auth/sign-in", "/api/v1/tokens"]),
    );
    const signIn = doc.paths["/api/v1/auth/sign-in"].post;
    const body = signIn.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["email", "password"]));
    expect(JSON.stringify(doc)).not.toContain("/healthz");
  });

  it("serves Swagger UI at /api/docs", async () => {
    const res = await t.app.inject({ url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/swagger/i);
  });
});

describe("errors", () => {
  it("answers unknown API paths with a JSON 404 in the uniform shape", async () => {
    const res = await t.app.inject({ url: "/api/v1/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: "not_found", message: "No route for GET /api/v1/nothing-here." },
    });
  });

  it("answers 401 without credentials on /api/v1/me", async () => {
    const res = await t.app.inject({ url: "/api/v1/me" });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("unauthorized");
  });

  it("rejects unsupported content types", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: { "content-type": "text/csv" },
      payload: "a,b",
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe("unsupported_media_type");
  });
});

describe("request ids", () => {
  it("returns a request id, and keeps a well-formed one given by a proxy", async () => {
    const fresh = await t.app.inject({ url: "/healthz" });
    expect(fresh.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const given = await t.app.inject({
      url: "/healthz",
      headers: { "x-request-id": "proxy-abc-123" },
    });
    expect(given.headers["x-request-id"]).toBe("proxy-abc-123");
  });
});

describe("cookies behind https", () => {
  it("marks session cookies Secure when the public URL is https", async () => {
    const https = await buildTestApp({ PUBLIC_URL: "https://help.example.com" });
    try {
      const { user, password } = await userFactory(https.services);
      const res = await https.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        payload: { email: user.email, password },
      });
      const cookies = res.headers["set-cookie"] as string[];
      expect(cookies.every((c) => /;\s*Secure/i.test(c))).toBe(true);
    } finally {
      await https.close();
    }
  });
});

describe("logs", () => {
  it("carry request ids and never passwords, cookies, tokens or reset links", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger("info", sink);
    const logged = await buildTestApp({}, { log });
    try {
      const { user, password } = await userFactory(logged.services);
      const agent = await loginAs(logged.app, user.email, password);
      const token = await agent.inject({
        method: "POST",
        url: "/api/v1/tokens",
        payload: { name: "x" },
      });
      const plain = token.json().token as string;
      await logged.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${plain}` } });
      await logged.app.inject({ url: "/reset-password?token=supersecretresettoken" });
      const text = lines.join("");
      expect(text).toMatch(/"reqId"/);
      expect(text).toMatch(/"url":"\/api\/v1\/auth\/sign-in"/);
      expect(text).not.toContain(password);
      expect(text).not.toContain(plain);
      expect(text).not.toContain(agent.cookie.split("=")[1]!.split(";")[0]!);
      expect(text).not.toContain("supersecretresettoken");
      expect(text).toContain("token=[redacted]");
    } finally {
      await logged.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFactory, uniqueEmail, userFactory } from "../../../test/factories.ts";
import { buildTestApp, cookieHeader, loginAs, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const signUp = (payload: Record<string, unknown>) =>
  t.app.inject({ method: "POST", url: "/api/v1/auth/sign-up", payload });

describe("sign-up", () => {
  it("creates a customer, signs them in with a HttpOnly SameSite=Lax cookie", async () => {
    const email = uniqueEmail("new");
    const res = await signUp({ name: "Nina Neu", email, password: "lange-genug-42" });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ email, name: "Nina Neu", role: "customer" });
    expect(body.user).not.toHaveProperty("passwordHash");
    const cookies = res.headers["set-cookie"] as string[];
    const session = cookies.find((c) => c.startsWith("hilft_session="))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    const me = await t.app.inject({
      url: "/api/v1/me",
      headers: { cookie: cookieHeader(cookies) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ id: body.user.id, email, name: "Nina Neu", role: "customer" });
  });

  it("names the missing and invalid fields", async () => {
    const res = await signUp({ name: "X", email: "not-an-email" });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("validation_failed");
    const fields = error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(["email", "password"]);
    expect(error.message).toMatch(/email/);
    expect(JSON.stringify(res.json())).not.toMatch(/at .*\.ts/);
  });

  it("refuses short and guessable passwords, naming the password field", async () => {
    const short = await signUp({ name: "A", email: uniqueEmail(), password: "kurz" });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].field).toBe("password");
    const email = uniqueEmail("guessable");
    const common = await signUp({ name: "A", email, password: "passwort123" });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.details).toEqual([
      { field: "password", message: expect.stringMatching(/guess/) },
    ]);
  });

  it("answers 409 when the e-mail is taken, in any letter case", async () => {
    const email = uniqueEmail("taken");
    expect((await signUp({ name: "A", email, password: "erstes-passwort-1" })).statusCode).toBe(
      201,
    );
    const again = await signUp({
      name: "B",
      email: email.toUpperCase(),
      password: "zweites-passwort-2",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("email_taken");
  });

  it("rejects a body that is not JSON with a clear 400", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-up",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid_json");
  });
});

describe("sign-in, sessions and sign-out", () => {
  it("rejects a wrong password and an unknown e-mail alike", async () => {
    const { user } = await userFactory(t.services);
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: user.email, password: "falsches-passwort" },
    });
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { email: uniqueEmail("ghost"), password: "falsches-passwort" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe("invalid_credentials");
  });

  it("accepts the e-mail in another letter case", async () => {
    const { user, password } = await userFactory(t.services);
    const agent = await loginAs(t.app, user.email.toUpperCase(), password);
    const me = await agent.inject({ url: "/api/v1/me" });
    expect(me.json().id).toBe(user.id);
  });

  it("requires the CSRF header for cookie-authenticated writes", async () => {
    const { user, password } = await userFactory(t.services);
    const agent = await loginAs(t.app, user.email, password);
    const without = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      headers: { cookie: agent.cookie },
      payload: { name: "Neuer Name" },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe("csrf_failed");
    const wrong = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      headers: { cookie: agent.cookie, "x-csrf-token": "x".repeat(32) },
      payload: { name: "Neuer Name" },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await agent.inject({
      method: "PATCH",
      url: "/api/v1/me",
      payload: { name: "Neuer Name" },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe("Neuer Name");
  });

  it("refuses sign-in requests a browser marks as cross-site", async () => {
    const { user, password } = await userFactory(t.services);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: { "sec-fetch-site": "cross-site" },
      payload: { email: user.email, password },
    });
    expect(res.statusCode).toBe(403);
  });

  it("lists sessions and revokes one server-side", async () => {
    const { user, password } = await userFactory(t.services);
    const laptop = await loginAs(t.app, user.email, password);
    const phone = await loginAs(t.app, user.email, password);
    const list = await laptop.inject({ url: "/api/v1/auth/sessions" });
    expect(list.json().items).toHaveLength(2);
    const phoneSession = (await phone.inject({ url: "/api/v1/auth/session" })).json();
    const other = list.json().items.find((s: { current: boolean }) => !s.current);
    expect(other).toBeDefined();
    const revoke = await laptop.inject({
      method: "DELETE",
      url: `/api/v1/auth/sessions/${other.id}`,
    });
    expect(revoke.statusCode).toBe(204);
    expect(phoneSession.csrfToken).toBeTypeOf("string");
    expect((await phone.inject({ url: "/api/v1/me" })).statusCode).toBe(401);
    expect((await laptop.inject({ url: "/api/v1/me" })).statusCode).toBe(200);
    const again = await laptop.inject({
      method: "DELETE",
      url: `/api/v1/auth/sessions/${other.id}`,
    });
    expect(again.statusCode).toBe(404);
  });

  it("signs out: the old cookie no longer works", async () => {
    const { user, password } = await userFactory(t.services);
    const agent = await loginAs(t.app, user.email, password);
    const out = await agent.inject({ method: "POST", url: "/api/v1/auth/sign-out" });
    expect(out.statusCode).toBe(204);
    expect((await agent.inject({ url: "/api/v1/me" })).statusCode).toBe(401);
  });

  it("stores only a hash of the session cookie", async () => {
    const { user, password } = await userFactory(t.services);
    const agent = await loginAs(t.app, user.email, password);
    const value = agent.cookie.match(/hilft_session=([^;]+)/)![1]!;
    const rows = await t.services.database.withConnection((c) =>
      c.query<{ token_hash: string }>("SELECT token_hash FROM sessions WHERE user_id = $1", [
        user.id,
      ]),
    );
    expect(rows.rows.length).toBe(1);
    expect(rows.rows[0]!.token_hash).not.toContain(value);
  });
});

describe("rate limits", () => {
  it("answers 429 after ten sign-in attempts for one address", async () => {
    const email = uniqueEmail("hammer");
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        payload: { email, password: `guess-${i}-xxxxxx` },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json().error.code).toBe("rate_limited");
      }
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe("personal API tokens", () => {
  it("creates a token shown once, authenticates with it, then revokes it", async () => {
    const { user, password } = await userFactory(t.services, { role: "agent" });
    const agent = await loginAs(t.app, user.email, password);
    const created = await agent.inject({
      method: "POST",
      url: "/api/v1/tokens",
      payload: { name: "reporting", expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json();
    expect(token).toMatch(/^hilft_pat_/);
    expect(token.startsWith(prefix)).toBe(true);

    const me = await t.app.inject({
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().role).toBe("agent");
    // Bearer writes need no CSRF header: there is no cookie a browser could send for them.
    const patch = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${token}` },
      payload: { locale: "de" },
    });
    expect(patch.statusCode).toBe(200);

    const list = await agent.inject({ url: "/api/v1/tokens" });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect(JSON.stringify(list.json())).not.toContain(token);
    const stored = await t.services.database.withConnection((c) =>
      c.query("SELECT * FROM api_tokens WHERE id = $1", [id]),
    );
    expect(JSON.stringify(stored.rows)).not.toContain(token);

    expect((await agent.inject({ method: "DELETE", url: `/api/v1/tokens/${id}` })).statusCode).toBe(
      204,
    );
    const after = await t.app.inject({
      url: "/api/v1/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe("invalid_token");
  });

  it("rejects a malformed Authorization header", async () => {
    const res = await t.app.inject({ url: "/api/v1/me", headers: { authorization: "Basic abc" } });
    expect(res.statusCode).toBe(401);
  });
});

describe("roles", () => {
  it("lets admins list people and change roles; customers get 403", async () => {
    const admin = await userFactory(t.services, { role: "admin" });
    const customer = await userFactory(t.services);
    const adminAgent = await loginAs(t.app, admin.user.email, admin.password);
    const customerToken = await tokenFactory(t.services, customer.user);

    const denied = await t.app.inject({
      url: "/api/v1/admin/users",
      headers: { authorization: `Bearer ${customerToken}` },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe("forbidden");

    const list = await adminAgent.inject({
      url: `/api/v1/admin/users?q=${encodeURIComponent(customer.user.email)}`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);

    const promote = await adminAgent.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${customer.user.id}`,
      payload: { role: "agent" },
    });
    expect(promote.statusCode).toBe(200);
    expect(promote.json().role).toBe("agent");

    const badRole = await adminAgent.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${customer.user.id}`,
      payload: { role: "king" },
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.details[0].field).toBe("role");

    const badId = await adminAgent.inject({
      method: "PATCH",
      url: "/api/v1/admin/users/not-a-uuid",
      payload: { role: "agent" },
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details[0].field).toBe("id");
  });

  it("never removes the last admin", async () => {
    const fresh = await buildTestApp();
    try {
      const admin = await userFactory(fresh.services, { role: "admin" });
      const agent = await loginAs(fresh.app, admin.user.email, admin.password);
      const res = await agent.inject({
        method: "PATCH",
        url: `/api/v1/admin/users/${admin.user.id}`,
        payload: { role: "customer" },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("last_admin");
    } finally {
      await fresh.close();
    }
    // A second app migrates its own database inside this test.
  }, 120_000);

  it("gates the staff pages: sign-in redirect, 403 for customers, 200 for admins", async () => {
    const anonymous = await t.app.inject({ url: "/admin", headers: { accept: "text/html" } });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe("/signin?next=%2Fadmin");

    const customer = await userFactory(t.services);
    const c = await loginAs(t.app, customer.user.email, customer.password);
    expect((await c.inject({ url: "/admin" })).statusCode).toBe(403);
    expect((await c.inject({ url: "/console" })).statusCode).toBe(403);
    expect((await c.inject({ url: "/" })).statusCode).toBe(200);

    const agentUser = await userFactory(t.services, { role: "agent" });
    const a = await loginAs(t.app, agentUser.user.email, agentUser.password);
    expect((await a.inject({ url: "/console" })).statusCode).toBe(200);
    expect((await a.inject({ url: "/admin" })).statusCode).toBe(403);

    const admin = await userFactory(t.services, { role: "admin" });
    const ad = await loginAs(t.app, admin.user.email, admin.password);
    const page = await ad.inject({ url: "/admin/users" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userFactory } from "../../../test/factories.ts";
import { buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import { startSmtp, type TestSmtp } from "../../../test/smtp.ts";

let smtp: TestSmtp;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await buildTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: "https://help.example.com" });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const requestReset = (email: string, locale?: string) =>
  t.app.inject({ method: "POST", url: "/api/v1/auth/password-reset", payload: { email, locale } });

describe("password reset by e-mail", () => {
  it("mails a single-use link that sets a new password and ends every session", async () => {
    const { user, password } = await userFactory(t.services, { name: "Paula Vergesslich" });
    const before = await loginAs(t.app, user.email, password);

    const res = await requestReset(user.email, "de");
    expect(res.statusCode).toBe(202);
    const mail = smtp.inbox.find((m) => m.to.includes(user.email.toLowerCase()));
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe("Dein hilft-Passwort zurücksetzen");
    expect(mail!.text).toContain("Hallo Paula Vergesslich");
    const link = /https:\/\/help\.example\.com\/reset-password\?token=(\S+)/.exec(mail!.text);
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link![1]!);

    const weak = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      payload: { token, password: "kurz" },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].field).toBe("password");

    const confirm = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      payload: { token, password: "ganz-neues-passwort" },
    });
    expect(confirm.statusCode).toBe(204);

    expect((await before.inject({ url: "/api/v1/me" })).statusCode).toBe(401);
    await expect(loginAs(t.app, user.email, password)).rejects.toThrow(/401/);
    await loginAs(t.app, user.email, "ganz-neues-passwort");

    const reuse = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password-reset/confirm",
      payload: { token, password: "noch-ein-passwort" },
    });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().error.code).toBe("invalid_reset_token");
    expect(reuse.json().error.details[0].field).toBe("token");
  });

  it("answers the same for unknown addresses and sends nothing", async () => {
    const count = smtp.inbox.length;
    const res = await requestReset("niemand@example.com");
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: true });
    expect(smtp.inbox.length).toBe(count);
  });

  it("writes English mail when the person chose English", async () => {
    const { user } = await userFactory(t.services, { name: "Ellen" });
    await t.services.accounts.updateUser(user.id, { locale: "en" });
    await requestReset(user.email, "de");
    const mail = smtp.inbox.find((m) => m.to.includes(user.email.toLowerCase()));
    expect(mail?.subject).toBe("Reset your hilft password");
  });
});

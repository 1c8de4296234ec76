import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { boardFactory, memberFactory } from "../../../../test/community-factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../../test/helpers.ts";
import { startSmtp, type TestSmtp } from "../../../../test/smtp.ts";
import { notifications } from "../../../db/schema/index.ts";
import { sendNotificationEmails } from "./send-notification-emails.ts";

let smtp: TestSmtp;
let t: TestApp;
let anna: Agent;
let ben: Agent;
let cleo: Agent;
let emails: Record<"anna" | "ben" | "cleo", string>;

const header = (raw: string, name: string) =>
  new RegExp(`^${name}: (.*)$`, "im").exec(
    raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n\s+/g, " "),
  )?.[1];
const mailsTo = (email: string) => smtp.inbox.filter((m) => m.to.includes(email.toLowerCase()));
const run = () => sendNotificationEmails(t.services);

async function ask(who: Agent, title: string, body = "Bitte um Hilfe, danke euch allen.") {
  const res = await who.inject({
    method: "POST",
    url: "/api/v1/community/questions",
    payload: { board: "tarife", title, body, tags: [] },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; url: string };
}
async function answer(who: Agent, questionId: string, body = "So geht das: im Kundencenter.") {
  const res = await who.inject({
    method: "POST",
    url: `/api/v1/community/questions/${questionId}/answers`,
    payload: { body },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}
const setEmail = async (who: Agent, email: string) =>
  expect(
    (
      await who.inject({
        method: "PATCH",
        url: "/api/v1/community/notification-settings",
        payload: { email },
      })
    ).statusCode,
  ).toBe(200);

beforeAll(async () => {
  smtp = await startSmtp();
  t = await buildTestApp(
    { SMTP_URL: smtp.url, PUBLIC_URL: "https://help.example.com", HILFT_DIGEST_HOUR: "7" },
    { workers: false },
  );
  await boardFactory(t.services, { slug: "tarife", name: "Tarife" });
  const a = await memberFactory(t.services, { name: "Anna Alpha" });
  const b = await memberFactory(t.services, { name: "Ben Beta" });
  const c = await memberFactory(t.services, { name: "Cleo Gamma" });
  await t.services.accounts.updateUser(b.user.id, { locale: "en" });
  emails = { anna: a.user.email, ben: b.user.email, cleo: c.user.email };
  anna = await loginAs(t.app, a.user.email, a.password);
  ben = await loginAs(t.app, b.user.email, b.password);
  cleo = await loginAs(t.app, c.user.email, c.password);
});
beforeEach(() => t.services.clock.set(null));
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe("notification e-mails", () => {
  it("mails an answer at once, in the person's language, with a link and one-click unsubscribe", async () => {
    const q = await ask(anna, "Wie wechsle ich meinen Tarif?");
    const a = await answer(ben, q.id);
    await run();
    const [mail, ...more] = mailsTo(emails.anna);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe("Ben Beta hat auf „Wie wechsle ich meinen Tarif?“ geantwortet.");
    expect(mail!.text).toContain("Hallo Anna Alpha,");
    expect(mail!.text).toContain(`https://help.example.com${q.url}#answer-${a.id}`);
    expect(mail!.html).toContain(`href="https://help.example.com${q.url}#answer-${a.id}"`);
    expect(header(mail!.raw, "List-Unsubscribe")).toMatch(
      /^<https:\/\/help\.example\.com\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>$/,
    );
    expect(header(mail!.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    const bq = await ask(ben, "Roaming in Norwegen aktivieren?");
    await answer(anna, bq.id);
    await run();
    expect(mailsTo(emails.ben).map((m) => m.subject)).toEqual([
      'Anna Alpha answered "Roaming in Norwegen aktivieren?".',
    ]);
    expect(mailsTo(emails.ben)[0]!.text).toContain("Hello Ben Beta,");
  });

  it("never sends a notice twice, even when its job runs again", async () => {
    const q = await ask(anna, "Warum ist meine Rechnung so hoch?");
    await answer(cleo, q.id);
    await run();
    const before = mailsTo(emails.anna).length;
    expect(mailsTo(emails.anna).at(-1)!.subject).toContain("Warum ist meine Rechnung so hoch?");
    await run();
    // A pass that died after sending but before recording it hands the notice over again:
    // the e-mail's key is the notice, so it is not queued or sent a second time.
    await t.services.db
      .update(notifications)
      .set({ emailPending: true })
      .where(eq(notifications.questionId, q.id));
    await run();
    await run();
    expect(mailsTo(emails.anna).length).toBe(before);
  });

  it("retries a send the mail server refused, once it is due, and then sends no more", async () => {
    const now = new Date("2026-12-05T10:00:00Z");
    t.services.clock.set(now);
    const q = await ask(anna, "Kann ich meine Rufnummer mitnehmen?");
    await answer(cleo, q.id);
    const before = mailsTo(emails.anna).length;
    smtp.refuseNext(1);
    await run();
    expect(mailsTo(emails.anna).length).toBe(before);
    await run();
    expect(mailsTo(emails.anna).length).toBe(before);

    t.services.clock.set(new Date(now.getTime() + 2 * 60_000));
    await run();
    await run();
    const sent = mailsTo(emails.anna).slice(before);
    expect(sent.map((m) => m.subject)).toEqual([
      "Cleo Gamma hat auf „Kann ich meine Rufnummer mitnehmen?“ geantwortet.",
    ]);
  });

  it("sends one daily digest at the digest hour in the workspace's time zone, grouped by question", async () => {
    await setEmail(cleo, "daily");
    const q1 = await ask(cleo, "Welcher Tarif hat das beste Netz?");
    const q2 = await ask(cleo, "Gibt es eine Familienkarte?");
    await answer(anna, q1.id, "Der mit dem größten Netz, würde ich sagen.");
    await answer(ben, q1.id, "Probier die Netzkarte auf der Website.");
    await answer(anna, q2.id, "Ja, im Kundencenter unter Zusatzkarten.");
    const read = await answer(ben, q2.id, "Das steht auch in der FAQ.");
    const items = (await cleo.inject({ url: "/api/v1/community/notifications?unread=true" })).json()
      .items as { id: string; answerId: string }[];
    const readId = items.find((n) => n.answerId === read.id)!.id;
    await cleo.inject({
      method: "POST",
      url: "/api/v1/community/notifications/read",
      payload: { ids: [readId] },
    });

    // 06:59 in Berlin (UTC+1 in December): not yet, and nothing goes out at once either.
    t.services.clock.set(new Date("2026-12-05T05:59:00Z"));
    await run();
    expect(mailsTo(emails.cleo)).toEqual([]);

    t.services.clock.set(new Date("2026-12-05T06:00:00Z"));
    await run();
    await run();
    const digests = mailsTo(emails.cleo);
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    expect(digest.subject).toBe("3 Neuigkeiten aus der hilft-Community");
    const text = digest.text;
    const a1 = text.indexOf("Anna Alpha hat auf „Welcher Tarif hat das beste Netz?“");
    const b1 = text.indexOf("Ben Beta hat auf „Welcher Tarif hat das beste Netz?“");
    const link1 = text.indexOf(`https://help.example.com${q1.url}`);
    const a2 = text.indexOf("Anna Alpha hat auf „Gibt es eine Familienkarte?“");
    expect(a1).toBeGreaterThan(-1);
    expect(a1 < b1 && b1 < link1 && link1 < a2).toBe(true);
    expect(text).not.toContain("Ben Beta hat auf „Gibt es eine Familienkarte?“");
    expect(header(digest.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    // Later the same day: kept for tomorrow's digest.
    await answer(anna, q2.id, "Und noch ein Tipp: der Familienrabatt.");
    t.services.clock.set(new Date("2026-12-05T20:00:00Z"));
    await run();
    expect(mailsTo(emails.cleo)).toHaveLength(1);
    t.services.clock.set(new Date("2026-12-06T06:30:00Z"));
    await run();
    expect(mailsTo(emails.cleo).map((m) => m.subject)).toEqual([
      "3 Neuigkeiten aus der hilft-Community",
      "1 Neuigkeit aus der hilft-Community",
    ]);
  });

  it("stops e-mail after the one-click unsubscribe, keeping in-app notices", async () => {
    const q = await ask(ben, "How do I cancel my contract?");
    await answer(anna, q.id);
    await run();
    const last = mailsTo(emails.ben).at(-1)!;
    const link = /^<(https:\/\/help\.example\.com(\/unsubscribe\/\S+))>$/.exec(
      header(last.raw, "List-Unsubscribe")!,
    )!;
    const res = await t.app.inject({
      method: "POST",
      url: link[2]!,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(res.statusCode).toBe(200);
    const count = mailsTo(emails.ben).length;
    await answer(cleo, q.id);
    await run();
    expect(mailsTo(emails.ben).length).toBe(count);
    const inApp = (await ben.inject({ url: "/api/v1/community/notifications?unread=true" })).json();
    expect(inApp.items.length).toBeGreaterThan(0);
  });
});

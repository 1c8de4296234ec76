import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerFactory,
  boardFactory,
  memberFactory,
  questionFactory,
} from "../../../test/community-factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import type { QuestionRow } from "../../db/schema/index.ts";
import { questionPath } from "./community.presenter.ts";

let t: TestApp;
let question: QuestionRow;
let other: QuestionRow;
let asker: Agent;
let helper: Agent;
let moderator: Agent;
let answerId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const board = await boardFactory(t.services, { slug: "mobil", name: "Mobilfunk" });
  const a = await memberFactory(t.services, { name: "Kai Kunde" });
  const h = await memberFactory(t.services, { name: "Hella Hilft" });
  const m = await memberFactory(t.services, { role: "moderator", name: "Mona Mod" });
  asker = await loginAs(t.app, a.user.email, a.password);
  helper = await loginAs(t.app, h.user.email, h.password);
  moderator = await loginAs(t.app, m.user.email, m.password);
  question = await questionFactory(t.services, a.user, board, {
    title: "eSIM lässt sich nicht aktivieren",
    body: "Der QR-Code für die eSIM wird nicht angenommen.",
  });
  other = await questionFactory(t.services, h.user, board, {
    title: "eSIM aktivieren auf dem neuen Handy",
    body: "Wie aktiviere ich die eSIM nach dem Wechsel?",
  });
  answerId = (await answerFactory(t.services, h.user, question, "Erst das WLAN einschalten.")).id;
});
afterAll(() => t?.close());

const path = () => questionPath(question);
const anon = (headers: Record<string, string> = {}) =>
  t.app.inject({ url: path(), headers: { "accept-language": "de", ...headers } });

/** The similar list is computed in the background after the first view; wait for it. */
async function pageWithRelated() {
  for (let i = 0; i < 100; i++) {
    const res = await anon();
    if (res.body.includes('id="related-h"')) return res;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the similar questions never appeared");
}

describe("question page cache", () => {
  it("stores the similar questions once and shows them from then on", async () => {
    const res = await pageWithRelated();
    expect(res.body).toContain(questionPath(other));
    const stored = await t.services.community.pages.findRelated(question.id);
    expect(stored?.queryTitle).toBe(question.title);
    expect(stored?.items.map((i) => i.id)).toContain(other.id);
  });

  it("answers 304 for an unchanged page and a new ETag after any change", async () => {
    const first = await anon();
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"q-/);
    expect((await anon()).headers.etag).toBe(etag);
    const notModified = await anon({ "if-none-match": etag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe("");
    // Another language is another page.
    expect((await anon({ "accept-language": "en" })).headers.etag).not.toBe(etag);

    const steps: [string, () => Promise<unknown>, (body: string) => void][] = [
      [
        "answer",
        () =>
          helper.inject({
            method: "POST",
            url: `/api/v1/community/questions/${question.id}/answers`,
            payload: { body: "Oder den Händler fragen." },
          }),
        (b) => expect(b).toContain("Oder den Händler fragen."),
      ],
      [
        "comment",
        () =>
          asker.inject({
            method: "POST",
            url: `/api/v1/community/answers/${answerId}/comments`,
            payload: { body: "Danke, probiere ich." },
          }),
        (b) => expect(b).toContain("Danke, probiere ich."),
      ],
      [
        "answer vote",
        () =>
          asker.inject({
            method: "PUT",
            url: `/api/v1/community/answers/${answerId}/vote`,
            payload: { value: 1 },
          }),
        (b) => expect(b).toMatch(/aria-label="Bewertung">1<\/output>/),
      ],
      [
        "me too",
        () =>
          moderator.inject({
            method: "PUT",
            url: `/api/v1/community/questions/${question.id}/me-too`,
          }),
        (b) => expect(b).toContain("1 Person hat das auch"),
      ],
      [
        "accept",
        () =>
          asker.inject({
            method: "PUT",
            url: `/api/v1/community/questions/${question.id}/accepted-answer`,
            payload: { answerId },
          }),
        (b) => expect(b).toContain("Akzeptierte Lösung"),
      ],
      [
        "edit",
        () =>
          asker.inject({
            method: "PATCH",
            url: `/api/v1/community/questions/${question.id}`,
            payload: { body: "Der QR-Code wird abgelehnt, Fehler 42." },
          }),
        (b) => expect(b).toContain("Fehler 42"),
      ],
    ];
    let previous = etag;
    for (const [name, change, check] of steps) {
      const res = await change();
      expect((res as { statusCode: number }).statusCode, name).toBeLessThan(300);
      const page = await anon({ "if-none-match": previous });
      expect(page.statusCode, name).toBe(200);
      check(page.body);
      expect(page.headers.etag, name).not.toBe(previous);
      previous = page.headers.etag as string;
    }
  });

  it("shows a signed-in person their own vote while visitors get the shared render", async () => {
    await helper.inject({
      method: "PUT",
      url: `/api/v1/community/questions/${question.id}/vote`,
      payload: { value: 1 },
    });
    const mine = await helper.inject({ url: path() });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers.etag).toBeUndefined();
    expect(mine.body).toMatch(/name="value" value="1" aria-pressed="true"/);
    const visitor = await anon();
    expect(visitor.body).not.toContain('aria-pressed="true"');
    expect(visitor.body).not.toContain('name="_csrf"');
  });

  it("hides a moderated question from visitors at once and redirects after a title edit", async () => {
    await anon();
    await moderator.inject({
      method: "POST",
      url: `/api/v1/community/questions/${question.id}/moderation`,
      payload: { hidden: true },
    });
    expect((await anon()).statusCode).toBe(404);
    await moderator.inject({
      method: "POST",
      url: `/api/v1/community/questions/${question.id}/moderation`,
      payload: { hidden: false },
    });
    expect((await anon()).statusCode).toBe(200);

    const oldPath = path();
    await asker.inject({
      method: "PATCH",
      url: `/api/v1/community/questions/${question.id}`,
      payload: { title: "eSIM wird nicht aktiviert (QR-Code)" },
    });
    const moved = await t.app.inject({ url: oldPath });
    expect(moved.statusCode).toBe(301);
    question = (await t.services.community.posts.findQuestionRow(question.id))!;
    expect(moved.headers.location).toBe(path());
    // The stored list was for the old title: it is recomputed in the background.
    const res = await pageWithRelated();
    expect(res.body).toContain("eSIM wird nicht aktiviert (QR-Code)");
    for (let i = 0; i < 100; i++) {
      const stored = await t.services.community.pages.findRelated(question.id);
      if (stored?.queryTitle === question.title) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the similar list was not recomputed for the new title");
  });
});

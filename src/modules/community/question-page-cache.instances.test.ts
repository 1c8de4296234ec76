import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerFactory,
  boardFactory,
  memberFactory,
  questionFactory,
} from "../../../test/community-factories.ts";
import { usingPostgres } from "../../../test/database.ts";
import {
  type Agent,
  buildSecondInstance,
  buildTestApp,
  loginAs,
  type TestApp,
} from "../../../test/helpers.ts";
import type { QuestionRow } from "../../db/schema/index.ts";
import { questionPath } from "./community.presenter.ts";

/**
 * Two hilft instances on one PostgreSQL database: instance B keeps a question's page in
 * memory, the changes go through instance A, and B's next anonymous view shows each one
 * (B drops the page when the version trigger's NOTIFY arrives). PGlite is one process,
 * where the single-instance tests in question-page-cache.test.ts cover the same changes.
 */
describe.skipIf(!usingPostgres())("question page cache across two instances", () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof buildSecondInstance>>;
  let question: QuestionRow;
  let answerId: string;
  let asker: Agent;
  let helper: Agent;
  let moderator: Agent;

  beforeAll(async () => {
    a = await buildTestApp({}, { workers: false });
    b = await buildSecondInstance(a);
    const board = await boardFactory(a.services, { slug: "mobil", name: "Mobilfunk" });
    const asking = await memberFactory(a.services, { name: "Kai Kunde" });
    const helping = await memberFactory(a.services, { name: "Hella Hilft" });
    const moderating = await memberFactory(a.services, { role: "moderator", name: "Mona Mod" });
    asker = await loginAs(a.app, asking.user.email, asking.password);
    helper = await loginAs(a.app, helping.user.email, helping.password);
    moderator = await loginAs(a.app, moderating.user.email, moderating.password);
    question = await questionFactory(a.services, asking.user, board, {
      title: "Router verliert nachts die Verbindung",
      body: "Jede Nacht gegen drei Uhr ist das Internet weg.",
    });
    answerId = (await answerFactory(a.services, helping.user, question, "Zwangstrennung?")).id;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** An anonymous view on instance B, once B has heard every notification so far. */
  async function viewOnB(headers: Record<string, string> = {}) {
    await b.services.questionPages.sync();
    return b.app.inject({
      url: questionPath(question),
      headers: { "accept-language": "de", ...headers },
    });
  }

  it("drops B's kept page for an answer, an accepted solution, an edit and a hide made on A", async () => {
    const first = await viewOnB();
    expect(first.statusCode).toBe(200);
    // Kept on B, and served from there while nothing changes.
    expect(b.services.questionPages.live).toBe(true);
    expect(b.services.questionPages.get(question.number, "de", "")).toBeDefined();
    const again = await viewOnB({ "if-none-match": first.headers.etag as string });
    expect(again.statusCode).toBe(304);

    const steps: [string, () => Promise<{ statusCode: number }>, (body: string) => void][] = [
      [
        "answer",
        () =>
          helper.inject({
            method: "POST",
            url: `/api/v1/community/questions/${question.id}/answers`,
            payload: { body: "Im Router die nächtliche Trennung abschalten." },
          }),
        (body) => expect(body).toContain("nächtliche Trennung abschalten"),
      ],
      [
        "accepted solution",
        () =>
          asker.inject({
            method: "PUT",
            url: `/api/v1/community/questions/${question.id}/accepted-answer`,
            payload: { answerId },
          }),
        (body) => expect(body).toContain("Akzeptierte Lösung"),
      ],
      [
        "edit",
        () =>
          asker.inject({
            method: "PATCH",
            url: `/api/v1/community/questions/${question.id}`,
            payload: { body: "Jede Nacht um 3:05 Uhr, Fehlercode 819." },
          }),
        (body) => expect(body).toContain("Fehlercode 819"),
      ],
    ];
    let etag = first.headers.etag as string;
    for (const [name, change, check] of steps) {
      // B has the current page before each change.
      expect((await viewOnB({ "if-none-match": etag })).statusCode, name).toBe(304);
      expect((await change()).statusCode, name).toBeLessThan(300);
      const page = await viewOnB({ "if-none-match": etag });
      expect(page.statusCode, name).toBe(200);
      check(page.body);
      expect(page.headers.etag, name).not.toBe(etag);
      etag = page.headers.etag as string;
    }

    const hide = (hidden: boolean) =>
      moderator.inject({
        method: "POST",
        url: `/api/v1/community/questions/${question.id}/moderation`,
        payload: { hidden },
      });
    expect((await hide(true)).statusCode).toBeLessThan(300);
    expect((await viewOnB()).statusCode).toBe(404);
    expect(b.services.questionPages.get(question.number, "de", "")).toBeUndefined();
    expect((await hide(false)).statusCode).toBeLessThan(300);
    const shown = await viewOnB();
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain("Fehlercode 819");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerFactory,
  boardFactory,
  memberFactory,
  questionFactory,
} from "../../../test/community-factories.ts";
import { buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import type { AnswerRow, BoardRow, QuestionRow, UserRole } from "../../db/schema/index.ts";

/**
 * The signed-in controls of a question page as plain HTML form posts (no JavaScript):
 * who gets them, who is refused, bad input (4xx naming the field), the redirect back,
 * and that the shared anonymous page never shows them.
 */
let t: TestApp;
let board: BoardRow;
let other: BoardRow;

async function person(opts: { role?: UserRole; trusted?: boolean; name?: string } = {}) {
  const m = await memberFactory(t.services, opts);
  return { user: m.user, agent: await loginAs(t.app, m.user.email, m.password) };
}
type Person = Awaited<ReturnType<typeof person>>;

let asker: Person;
let helper: Person;
let newbie: Person;
let mod: Person;
beforeAll(async () => {
  t = await buildTestApp();
  board = await boardFactory(t.services, { slug: "router", name: "Router & WLAN" });
  other = await boardFactory(t.services, { slug: "rechnung", name: "Rechnung" });
  asker = await person({ name: "Karla Kunde" });
  helper = await person({ name: "Hanna Hilft" });
  newbie = await person({ name: "Nina Neu", trusted: false });
  mod = await person({ role: "moderator", name: "Mo Derator" });
});
afterAll(() => t?.close());

/** A browser posting a form: the session cookie and the `_csrf` field, no header. */
const form = (who: Person | undefined, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: "POST",
    url,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(who ? { cookie: who.agent.cookie } : {}),
    },
    payload: new URLSearchParams({
      ...(who ? { _csrf: who.agent.csrfToken } : {}),
      ...fields,
    }).toString(),
  });
const view = (who: Person | undefined, url: string) =>
  t.app.inject({
    url,
    headers: { "accept-language": "en", ...(who ? { cookie: who.agent.cookie } : {}) },
  });

let seq = 0;
async function thread(): Promise<{ q: QuestionRow; answer: AnswerRow; url: string }> {
  seq += 1;
  const q = await questionFactory(t.services, asker.user, board, {
    title: `Router verliert WLAN Verbindung ${seq}`,
    body: "Alle paar Minuten ist das WLAN weg.\nDer Router ist neu.",
  });
  const answer = await answerFactory(t.services, helper.user, q, "Kanal 1, 6 oder 11 wählen.");
  const res = await view(undefined, `/community/q/${q.number}`);
  return { q, answer, url: res.headers.location as string };
}
const base = (q: QuestionRow) => `/community/q/${q.number}`;
const detailOf = async (q: QuestionRow, who: Person = mod) =>
  (await who.agent.inject({ url: `/api/v1/community/questions/${q.id}` })).json();

describe("question page controls", () => {
  it("shows signed-in controls only to those allowed, never on the anonymous (cached) page", async () => {
    const { q, answer, url } = await thread();
    const anonymous = await view(undefined, url);
    expect(anonymous.statusCode).toBe(200);
    for (const action of ["/accept", "/comments", "/flag", "/delete", "/close", "/moderation"])
      expect(anonymous.body).not.toContain(`action="${base(q)}${action}"`);

    const mine = await view(asker, url);
    expect(mine.body).toContain(`action="${base(q)}/accept"`);
    expect(mine.body).toContain(`name="answerId" value="${answer.id}"`);
    expect(mine.body).toContain(`href="${base(q)}/edit"`);
    expect(mine.body).toContain(`name="_csrf" value="${asker.agent.csrfToken}"`);
    expect(mine.body).toContain(`action="${base(q)}/flag"`);
    expect(mine.body).not.toContain(`action="${base(q)}/moderation"`);

    // In German too.
    const de = await view(asker, `${url}?lang=de`);
    expect(de.body).toContain(
      '>Als Lösung markieren<span class="visually-hidden"> (Antwort von Hanna Hilft)</span></button>',
    );
    expect(de.body).toContain("<summary>Melden<span");

    const stranger = await view(newbie, url);
    expect(stranger.body).not.toContain(`action="${base(q)}/accept"`);
    expect(stranger.body).not.toContain(`action="${base(q)}/flag"`);
    expect(stranger.body).not.toContain(`action="${base(q)}/close"`);
    expect(stranger.body).not.toContain(`href="${base(q)}/edit"`);

    const moderator = await view(mod, url);
    expect(moderator.body).toContain(`action="${base(q)}/moderation"`);
    expect(moderator.body).toContain(`action="${base(q)}/move"`);
    expect(moderator.body).toContain(`action="${base(q)}/close"`);
    expect(moderator.body).toContain('href="/community/moderation"');

    // The shared render after signed-in views is still the anonymous one.
    const again = await view(undefined, url);
    expect(again.body).not.toContain(`action="${base(q)}/accept"`);
    expect(again.body).not.toContain('name="_csrf"');
  });

  it("accepts and takes back an answer: the asker yes, others no; the page shows it solved", async () => {
    const { q, answer, url } = await thread();
    const refused = await form(helper, `${base(q)}/accept`, { answerId: answer.id });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain(`href="${url}"`);

    const bad = await form(asker, `${base(q)}/accept`, { answerId: "nope" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("<strong>answerId</strong>");
    const foreign = await thread();
    const wrong = await form(asker, `${base(q)}/accept`, { answerId: foreign.answer.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("<strong>answerId</strong>: is not an answer to this question");

    const ok = await form(asker, `${base(q)}/accept`, { answerId: answer.id });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${url}#answer-${answer.id}`);
    const solved = await view(undefined, url);
    expect(solved.body).toContain("Marked as the solution by Karla Kunde");
    expect(solved.body).toContain(`<span class="badge status-solved">Solved</span>`);
    const page = await view(asker, url);
    expect(page.body).toContain(`action="${base(q)}/unaccept"`);

    const back = await form(asker, `${base(q)}/unaccept`, {});
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe(url);
    expect((await detailOf(q)).status).toBe("open");
    expect((await view(undefined, url)).body).not.toContain("Marked as the solution");
  });

  it("comments under the question and an answer; refuses empty text and those without the privilege", async () => {
    const { q, answer, url } = await thread();
    const signedOut = await form(undefined, `${base(q)}/comments`, { body: "Hallo" });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe(`/signin?next=${encodeURIComponent(base(q))}`);

    const empty = await form(asker, `${base(q)}/comments`, { body: "  ", answerId: answer.id });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("<strong>body</strong>");
    // The form again, marked invalid, to fix and send.
    expect(empty.body).toMatch(
      /<textarea id="comment-body-[^"]+" name="body"[^>]*aria-invalid="true"/,
    );

    // A new member without points comments only under their own posts.
    const refused = await form(newbie, `${base(q)}/comments`, { body: "Bei mir auch!" });
    expect(refused.statusCode).toBe(403);

    const onAnswer = await form(asker, `${base(q)}/comments`, {
      body: "Kanal 6 hat geholfen, danke!",
      answerId: answer.id,
    });
    expect(onAnswer.statusCode).toBe(303);
    expect(onAnswer.headers.location).toMatch(new RegExp(`^${url}#comment-[0-9a-f-]{36}$`));
    const onQuestion = await form(helper, `${base(q)}/comments`, { body: "Welches Modell?" });
    expect(onQuestion.statusCode).toBe(303);

    const page = (await view(undefined, url)).body;
    const answerAt = page.indexOf(`id="answer-${answer.id}"`);
    expect(page.indexOf("Kanal 6 hat geholfen, danke!")).toBeGreaterThan(answerAt);
    expect(page.indexOf("Welches Modell?")).toBeLessThan(answerAt);
  });

  it("reports a post with a reason; names a missing reason; thanks the reporter", async () => {
    const { q, answer, url } = await thread();
    const noReason = await form(helper, `${base(q)}/flag`, {
      postType: "question",
      postId: q.id,
      reason: "",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("<strong>reason</strong>");
    expect(noReason.body).toMatch(/<fieldset aria-invalid="true"/);

    // Reporting needs 15 points or trust.
    const refused = await form(newbie, `${base(q)}/flag`, {
      postType: "answer",
      postId: answer.id,
      reason: "spam",
    });
    expect(refused.statusCode).toBe(403);

    const ok = await form(asker, `${base(q)}/flag`, {
      postType: "answer",
      postId: answer.id,
      reason: "personal_data",
      note: "Da steht eine Telefonnummer.",
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${url}?reported=${answer.id}#answer-${answer.id}`);
    const thanked = await view(asker, ok.headers.location as string);
    expect(thanked.body).toContain("Thank you! The moderators will look at it.");

    const twice = await form(asker, `${base(q)}/flag`, {
      postType: "answer",
      postId: answer.id,
      reason: "spam",
    });
    expect(twice.statusCode).toBe(409);

    const queue = await view(mod, "/community/moderation");
    expect(queue.body).toContain("Personal data");
    expect(queue.body).toContain("Da steht eine Telefonnummer.");
    expect(queue.body).toContain("reported by Karla Kunde");
  });

  it("edits a post with its history of who, when and what changed", async () => {
    const { q, answer, url } = await thread();
    expect((await view(newbie, `${base(q)}/edit?answer=${answer.id}`)).statusCode).toBe(403);
    const edit = await view(helper, `${base(q)}/edit?answer=${answer.id}`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain("Kanal 1, 6 oder 11 wählen.");
    const refused = await form(newbie, `${base(q)}/edit`, {
      postType: "answer",
      postId: answer.id,
      body: "Übernommen",
    });
    expect(refused.statusCode).toBe(403);

    const short = await form(asker, `${base(q)}/edit`, {
      postType: "question",
      postId: q.id,
      title: "kurz",
      body: "Text",
      tags: "",
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toMatch(/id="edit-title"[^>]*aria-invalid="true"/);
    expect(short.body).toContain('id="edit-title-error"');

    const ok = await form(asker, `${base(q)}/edit`, {
      postType: "question",
      postId: q.id,
      title: q.title,
      body: "Alle paar Minuten ist das WLAN weg.\nDer Router ist zwei Wochen alt.",
      tags: "wlan",
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(url);
    const page = await view(undefined, url);
    expect(page.body).toContain(`<a href="${base(q)}/history">edited</a>`);

    const history = await view(undefined, `${base(q)}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain("Edited by Karla Kunde");
    expect(history.body).toContain("− Der Router ist neu.</del>");
    expect(history.body).toContain("+ Der Router ist zwei Wochen alt.</ins>");
    expect(history.body).toContain("<del></del> → <ins>wlan</ins>");

    const answerEdit = await form(helper, `${base(q)}/edit`, {
      postType: "answer",
      postId: answer.id,
      body: "Kanal 1, 6 oder 11 wählen, dann neu starten.",
    });
    expect(answerEdit.headers.location).toBe(`${url}#answer-${answer.id}`);
    const answerHistory = await view(undefined, `${base(q)}/history?answer=${answer.id}`);
    expect(answerHistory.body).toContain("Edited by Hanna Hilft");
    expect((await view(undefined, `${base(q)}/history?answer=${q.id}`)).statusCode).toBe(404);
  });

  it("deletes and restores: the author and moderators; others are refused", async () => {
    const { q, answer, url } = await thread();
    const fields = { postType: "answer", postId: answer.id, deleted: "1" };
    expect((await form(newbie, `${base(q)}/delete`, fields)).statusCode).toBe(403);
    const bad = await form(helper, `${base(q)}/delete`, { ...fields, deleted: "yes" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("<strong>deleted</strong>");

    const gone = await form(helper, `${base(q)}/delete`, fields);
    expect(gone.statusCode).toBe(303);
    expect(gone.headers.location).toBe(`${url}#answer-${answer.id}`);
    expect((await view(undefined, url)).body).not.toContain("Kanal 1, 6 oder 11");
    const own = (await view(helper, url)).body;
    expect(own).toContain("This post is deleted; only you and the moderators see it.");
    expect(own).toMatch(/name="deleted" value="0"><button type="submit">Restore<span/);

    const back = await form(helper, `${base(q)}/delete`, { ...fields, deleted: "0" });
    expect(back.statusCode).toBe(303);
    expect((await view(undefined, url)).body).toContain("Kanal 1, 6 oder 11");
  });

  it("closes as a duplicate with a target, links the original, and lets the asker object", async () => {
    const original = await thread();
    const { q, url } = await thread();
    expect(
      (await form(newbie, `${base(q)}/close`, { duplicateOf: String(original.q.number) }))
        .statusCode,
    ).toBe(403);
    const bad = await form(helper, `${base(q)}/close`, { duplicateOf: "irgendwas" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("<strong>duplicateOf</strong>");
    expect(bad.body).toMatch(/id="duplicate-of"[^>]*value="irgendwas"[^>]*aria-invalid="true"/);
    const self = await form(helper, `${base(q)}/close`, { duplicateOf: String(q.number) });
    expect(self.statusCode).toBe(400);

    const ok = await form(helper, `${base(q)}/close`, {
      duplicateOf: `${t.config.publicUrl}${original.url}`,
    });
    expect(ok.statusCode).toBe(303);
    const banner = await view(undefined, url);
    expect(banner.body).toContain(
      `This question was closed as a duplicate. Find answers here: <a href="${original.url}">`,
    );
    expect(banner.body).not.toContain(`action="${base(q)}/objection"`);
    expect((await view(helper, url)).body).not.toContain(`action="${base(q)}/objection"`);
    expect((await form(helper, `${base(q)}/objection`, { note: "" })).statusCode).toBe(403);

    const page = await view(asker, url);
    expect(page.body).toContain(`action="${base(q)}/objection"`);
    const objected = await form(asker, `${base(q)}/objection`, {
      note: "Bei mir ist es ein anderes Modell.",
    });
    expect(objected.statusCode).toBe(303);
    expect((await detailOf(q)).status).toBe("open");
    const queue = await view(mod, "/community/moderation");
    expect(queue.body).toContain("Duplicate objection");
    expect(queue.body).toContain("Bei mir ist es ein anderes Modell.");
  });
});

describe("closing for another reason", () => {
  it("lets the team close a question (not as a duplicate) with a reason and a note, and reopen it; others are refused", async () => {
    const { q, url } = await thread();
    const closeForm = `<select id="close-reason" name="closeReason">`;
    expect((await view(helper, url)).body).not.toContain(closeForm);
    expect((await view(mod, url)).body).toContain(closeForm);
    expect((await form(helper, `${base(q)}/close`, { reason: "closed" })).statusCode).toBe(403);

    const bad = await form(mod, `${base(q)}/close`, {
      reason: "closed",
      closeReason: "boring",
      note: "Kept text",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("closeReason");
    expect(bad.body).toContain("Kept text");
    expect((await detailOf(q)).status).toBe("open");

    const ok = await form(mod, `${base(q)}/close`, {
      reason: "closed",
      closeReason: "answered_privately",
      note: "  Wir haben per Nachricht geholfen.  ",
    });
    expect(ok.statusCode).toBe(303);
    expect(await detailOf(q)).toMatchObject({
      status: "closed",
      closeReason: "answered_privately",
      closeNote: "Wir haben per Nachricht geholfen.",
    });
    const closed = await view(mod, url);
    expect(closed.body).not.toContain(closeForm);
    expect(closed.body).toContain(
      "The team closed this question: the matter was settled with the person directly. Wir haben per Nachricht geholfen.",
    );
    expect(closed.body).toContain(`action="${base(q)}/reopen"`);
    // The public page says it too, in the visitor's language.
    const anonymous = await t.app.inject({ url: `${url}?lang=de` });
    expect(anonymous.body).toContain("Das Anliegen wurde direkt mit der Person geklärt.");

    expect((await form(mod, `${base(q)}/reopen`, {})).statusCode).toBe(303);
    expect(await detailOf(q)).toMatchObject({ status: "open", closeReason: null, closeNote: null });
  });
});

describe("moderation queue page", () => {
  it("pages through more than 50 open items, oldest first (page and API offset)", async () => {
    const { q } = await thread();
    // System items (no reporter) are not deduplicated per post: 51 of them on one post.
    for (let i = 0; i < 51; i++) {
      await t.services.community.moderation.createFlag({
        workspaceId: q.workspaceId,
        postType: "question",
        postId: q.id,
        questionId: q.id,
        reporterId: null,
        reason: null,
        kind: "held_for_review",
        note: `Prüfung ${i}`,
      });
    }
    const first = await view(mod, "/community/moderation");
    expect(first.body.match(/class="queue-item"/g)).toHaveLength(50);
    expect(first.body).toContain('<a rel="next" href="/community/moderation?page=2">');
    const second = await view(mod, "/community/moderation?page=2");
    expect(second.body).toContain('<a rel="prev" href="/community/moderation">');
    expect(second.body.match(/class="queue-item"/g)?.length).toBeGreaterThan(0);
    const ids = (body: string) => [...body.matchAll(/id="item-([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(ids(second.body).some((id) => ids(first.body).includes(id))).toBe(false);

    const api = async (offset: number) =>
      (
        await mod.agent.inject({
          url: `/api/v1/community/moderation/queue?limit=50&offset=${offset}`,
        })
      ).json().items as { id: string }[];
    expect((await api(50)).map((i) => i.id)).toEqual(ids(second.body));
    // One decision settles every item on the post: the queue is short again.
    const settled = await form(mod, `/community/moderation/${ids(second.body).at(-1)}`, {
      action: "dismiss",
    });
    expect(settled.statusCode).toBe(303);
    expect((await view(mod, "/community/moderation")).body).not.toContain('rel="next"');
  });

  it("is for moderators; approves held posts, hides, locks and moves", async () => {
    expect((await view(undefined, "/community/moderation")).headers.location).toBe(
      "/signin?next=%2Fcommunity%2Fmoderation",
    );
    expect((await view(asker, "/community/moderation")).statusCode).toBe(403);

    // A new member's first question is held and waits in the queue.
    const fresh = await person({ trusted: false, name: "Frida Frisch" });
    const held = await questionFactory(t.services, fresh.user, board, {
      title: "Erste Frage zur Rechnung im Mai",
      body: "Warum ist die Rechnung so hoch?",
    });
    expect(held.pendingReview).toBe(true);
    const queue = await view(mod, "/community/moderation");
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain("Held for review");
    expect(queue.body).toContain("Warum ist die Rechnung so hoch?");
    const flags = await mod.agent.inject({ url: "/api/v1/community/moderation/queue" });
    const item = flags.json().items.find((i: { postId: string }) => i.postId === held.id);

    const bad = await form(mod, `/community/moderation/${item.id}`, { action: "burn" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("<strong>action</strong>");
    expect(
      (await form(helper, `/community/moderation/${item.id}`, { action: "approve" })).statusCode,
    ).toBe(403);

    const moved = await form(mod, `${base(held)}/move`, {
      board: other.slug,
      back: "/community/moderation",
    });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe("/community/moderation");
    const badBoard = await form(mod, `${base(held)}/move`, { board: "gibts-nicht" });
    expect(badBoard.statusCode).toBe(400);
    expect(badBoard.body).toContain("<strong>board</strong>");

    const approved = await form(mod, `/community/moderation/${item.id}`, { action: "approve" });
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe("/community/moderation");
    const detail = await detailOf(held, asker);
    expect(detail.pendingReview).toBe(false);
    expect(detail.board.slug).toBe("rechnung");
    expect(
      (await form(mod, `/community/moderation/${item.id}`, { action: "hide" })).statusCode,
    ).toBe(409);

    const lock = await form(mod, `${base(held)}/moderation`, { locked: "1" });
    expect(lock.statusCode).toBe(303);
    expect((await detailOf(held)).locked).toBe(true);
    expect((await form(asker, `${base(held)}/moderation`, { locked: "0" })).statusCode).toBe(403);
    const nothing = await form(mod, `${base(held)}/moderation`, { locked: "maybe" });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain("<strong>locked</strong>");
    const hidden = await form(mod, `${base(held)}/moderation`, { hidden: "1" });
    expect(hidden.statusCode).toBe(303);
    expect((await view(undefined, base(held))).statusCode).toBe(404);
  });

  it("refuses form posts without the CSRF field", async () => {
    const { q, answer } = await thread();
    const res = await t.app.inject({
      method: "POST",
      url: `${base(q)}/accept`,
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: asker.agent.cookie },
      payload: new URLSearchParams({ answerId: answer.id }).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect((await detailOf(q)).status).toBe("open");
  });
});

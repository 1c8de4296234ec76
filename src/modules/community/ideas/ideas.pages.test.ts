import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberFactory } from "../../../../test/community-factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../../test/helpers.ts";

let t: TestApp;
let author: Agent;
let voter: Agent;
let staff: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  const ws =
    (await t.services.workspaces.findDefault()) ??
    (await t.services.workspaces.ensure("default", "hilft"));
  await t.services.community.posts.ensureBoard({
    workspaceId: ws.id,
    slug: "ideen",
    name: "Ideen & Wünsche",
    description: "Was sollen wir besser machen?",
    kind: "ideas",
  });
  const a = await memberFactory(t.services, { name: "Ida Idee" });
  const v = await memberFactory(t.services, { name: "Volker Voter" });
  const s = await memberFactory(t.services, { role: "agent", name: "Sam Staff" });
  author = await loginAs(t.app, a.user.email, a.password);
  voter = await loginAs(t.app, v.user.email, v.password);
  staff = await loginAs(t.app, s.user.email, s.password);
});
afterAll(() => t?.close());

/** A browser posting a form: the session cookie, the CSRF token as a field. */
const form = (agent: Agent, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: "POST",
    url,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: agent.cookie },
    payload: new URLSearchParams(fields).toString(),
  });
const get = (url: string, agent?: Agent, lang = "de") =>
  t.app.inject({
    url,
    headers: { "accept-language": lang, ...(agent ? { cookie: agent.cookie } : {}) },
  });

describe("ideas pages without JavaScript", () => {
  let ideaUrl: string;

  it("submits an idea through the form, showing field errors and refusing a missing CSRF token", async () => {
    const signedOut = await get("/community/ideas/new");
    expect(signedOut.body).toContain("Melde dich an, um eine Idee einzureichen.");
    const formPage = await get("/community/ideas/new?board=ideen", author);
    expect(formPage.body).toContain(`name="_csrf" value="${author.csrfToken}"`);
    expect(formPage.body).toContain('<option value="ideen" selected>');

    const fields = { board: "ideen", title: "Rechnungen als PDF per Mail", body: "Jeden Monat." };
    expect((await form(author, "/community/ideas/new", fields)).statusCode).toBe(403);
    const invalid = await form(author, "/community/ideas/new", {
      ...fields,
      title: "kurz",
      _csrf: author.csrfToken,
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toMatch(/id="title"[^>]*aria-invalid="true"/);
    expect(invalid.body).toContain("Jeden Monat.");

    const ok = await form(author, "/community/ideas/new", { ...fields, _csrf: author.csrfToken });
    expect(ok.statusCode).toBe(303);
    ideaUrl = ok.headers.location as string;
    expect(ideaUrl).toMatch(/^\/community\/i\/\d+-rechnungen-als-pdf-per-mail$/);
    const number = ideaUrl.split("/")[3]!.split("-")[0];
    const wrongSlug = await get(`/community/i/${number}-alt?lang=en`);
    expect(wrongSlug.statusCode).toBe(301);
    expect(wrongSlug.headers.location).toBe(`${ideaUrl}?lang=en`);
    expect((await get("/community/i/99999-nope")).statusCode).toBe(404);
  });

  it("follows the idea from its page with a form post (again unfollows)", async () => {
    expect((await get(ideaUrl)).body).toContain("Anmelden, um zu folgen");
    const ideaId = /data-api="\/api\/v1\/ideas\/([0-9a-f-]{36})\/follow"/.exec(
      (await get(ideaUrl, voter)).body,
    )?.[1];
    expect(ideaId).toBeDefined();
    const follow = () =>
      form(voter, "/community/actions/follow", {
        _csrf: voter.csrfToken,
        type: "idea",
        target: ideaId!,
        back: ideaUrl,
      });
    const on = await follow();
    expect(on.statusCode).toBe(303);
    expect(on.headers.location).toBe(ideaUrl);
    expect((await get(ideaUrl, voter)).body).toMatch(
      /<button type="submit" class="secondary" aria-pressed="true"[^>]*>Du folgst der Idee</,
    );
    const follows = (await voter.inject({ url: "/api/v1/community/follows" })).json().items;
    expect(follows).toContainEqual(expect.objectContaining({ type: "idea", id: ideaId }));
    await follow();
    expect((await get(ideaUrl, voter)).body).toMatch(/aria-pressed="false"[^>]*>Idee folgen</);
  });

  it("votes with a form post (again takes it back) and shows the board sorted and filtered", async () => {
    const idea = await get(ideaUrl, voter);
    expect(idea.body).toContain('<span class="badge idea-new">Neu</span>');
    expect(idea.body).toContain('action="/community/actions/idea-vote"');
    const ideaId = /name="ideaId" value="([^"]+)"/.exec(idea.body)![1]!;

    const vote = await form(voter, "/community/actions/idea-vote", {
      _csrf: voter.csrfToken,
      ideaId,
      back: ideaUrl,
    });
    expect(vote.statusCode).toBe(303);
    expect(vote.headers.location).toBe(ideaUrl);
    let page = await get(ideaUrl, voter);
    expect(page.body).toMatch(/<output class="idea-votes"[^>]*>1<\/output>/);
    expect(page.body).toContain('aria-pressed="true"');

    // The author sees no vote button on their own idea.
    expect((await get(ideaUrl, author)).body).toContain("Deine Idee");
    const own = await form(author, "/community/actions/idea-vote", {
      _csrf: author.csrfToken,
      ideaId,
      back: "https://evil.example/",
    });
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain('href="/community"');

    await form(voter, "/community/actions/idea-vote", {
      _csrf: voter.csrfToken,
      ideaId,
      back: ideaUrl,
    });
    page = await get(ideaUrl, voter);
    expect(page.body).toMatch(/<output class="idea-votes"[^>]*>0<\/output>/);
    await form(voter, "/community/actions/idea-vote", {
      _csrf: voter.csrfToken,
      ideaId,
      back: ideaUrl,
    });

    const board = await get("/community/b/ideen", undefined, "en");
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain("Ideen &amp; Wünsche");
    expect(board.body).toContain(ideaUrl);
    expect(board.body).toContain("Most votes");
    expect(board.body).toContain("Sign in to vote.");
    const filtered = await get("/community/b/ideen?status=planned");
    expect(filtered.body).not.toContain(ideaUrl);
    expect(filtered.body).toContain("Hier gibt es noch keine Ideen.");
    expect((await get("/sitemap.xml")).body).toContain(ideaUrl);
    const home = await get("/community");
    expect(home.body).toContain("1 Idee");
    // The ask form offers question boards only.
    expect((await get("/community/ask", author)).body).not.toContain('value="ideen"');
  });

  it("lets the team change the status with a required comment; voters see it in their notifications", async () => {
    const number = ideaUrl.split("/")[3]!.split("-")[0];
    expect((await get(ideaUrl, voter)).body).not.toContain('action="/community/i/');
    const customer = await form(voter, `/community/i/${number}/status`, {
      _csrf: voter.csrfToken,
      status: "planned",
      comment: "Ich will das.",
    });
    expect(customer.statusCode).toBe(403);

    const staffPage = await get(ideaUrl, staff);
    expect(staffPage.body).toContain(`action="/community/i/${number}/status"`);
    const empty = await form(staff, `/community/i/${number}/status`, {
      _csrf: staff.csrfToken,
      status: "planned",
      comment: "",
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/id="status-comment"[^>]*aria-invalid="true"/);
    expect(empty.body).toContain('<option value="planned" selected>');

    const ok = await form(staff, `/community/i/${number}/status`, {
      _csrf: staff.csrfToken,
      status: "planned",
      comment: "Kommt im nächsten Release.",
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(new RegExp(`^${ideaUrl}#status-`));
    const page = await get(ideaUrl, undefined, "en");
    expect(page.body).toContain('<span class="badge idea-planned">Planned</span>');
    expect(page.body).toContain("New → Planned");
    expect(page.body).toContain("Kommt im nächsten Release.");

    const notes = await get("/community/notifications", voter);
    expect(notes.statusCode).toBe(200);
    expect(notes.body).toContain("„Rechnungen als PDF per Mail“ ist jetzt: Geplant (Sam Staff)");
    expect(notes.body).toContain(ideaUrl);
    const signedOut = await get("/community/notifications");
    expect(signedOut.statusCode).toBe(303);
  });
});

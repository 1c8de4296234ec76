import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectChannels,
  eventually,
  nextId,
  postX,
  startRecorder,
  tweetEvent,
} from "../../../test/channels.ts";
import { userFactory } from "../../../test/factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import { createUser } from "../accounts/create-user.ts";

/** What the console needs beyond the inbox basics: agents, signatures, bulk, order, counts. */
let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let anna: Agent;
let annaId: string;
let jonasId: string;
let customer: Agent;
let customerId: string;

beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp();
  await connectChannels(t, recorder.url);
  const workspace = (await t.services.workspaces.findBySlug("test"))!;
  const password = "sichere-schicht-42";
  const a = await createUser(t.services, {
    email: "anna@example.com",
    name: "Anna Berger",
    password,
    role: "agent",
    workspaceId: workspace.id,
  });
  const j = await createUser(t.services, {
    email: "jonas@example.com",
    name: "Jonas Keller",
    password,
    role: "admin",
    workspaceId: workspace.id,
  });
  annaId = a.id;
  jonasId = j.id;
  anna = await loginAs(t.app, "anna@example.com", password);
  const c = await userFactory(t.services);
  customerId = c.user.id;
  customer = await loginAs(t.app, c.user.email, c.password);
});
afterAll(async () => {
  await t?.close();
  await recorder?.close();
});

async function conversationOf(platformId: string): Promise<string> {
  return eventually(async () => {
    const r = await t.services.database.withConnection((c) =>
      c.query<{ conversation_id: string }>(
        "SELECT conversation_id FROM messages WHERE platform_id = $1",
        [platformId],
      ),
    );
    return r.rows[0]?.conversation_id;
  });
}

let fan = 0;
async function newTweet(text = "@telekom_hilft Mein Router blinkt rot"): Promise<string> {
  fan += 1;
  const id = nextId();
  await postX(
    t,
    tweetEvent({
      id,
      text,
      user: { id: String(7100 + fan), screen_name: `kundin_${fan}`, name: `Karla Kunde ${fan}` },
    }),
  );
  return conversationOf(id);
}

describe("agents", () => {
  it("lists the workspace's staff with initials and signature, for staff only", async () => {
    const res = await anna.inject({ url: "/api/v1/agents" });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; name: string; initials: string }[];
    expect(items.map((i) => i.name)).toEqual(["Anna Berger", "Jonas Keller"]);
    expect(items[0]).toEqual({
      id: annaId,
      name: "Anna Berger",
      role: "agent",
      initials: "AB",
      signature: "^AB",
    });
    expect(JSON.stringify(items)).not.toContain("@example.com");
    expect((await customer.inject({ url: "/api/v1/agents" })).statusCode).toBe(403);
    expect((await t.app.inject({ url: "/api/v1/agents" })).statusCode).toBe(401);
  });
});

describe("signatures", () => {
  it("defaults to initials, can be changed or emptied via PATCH /me, and names bad input", async () => {
    const me = (await anna.inject({ url: "/api/v1/auth/session" })).json().user;
    expect(me).toMatchObject({ signature: null, effectiveSignature: "^AB", timeZone: null });

    const changed = await anna.inject({
      method: "PATCH",
      url: "/api/v1/me",
      payload: { signature: "^Anna", timeZone: "America/New_York" },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      signature: "^Anna",
      effectiveSignature: "^Anna",
      timeZone: "America/New_York",
    });

    const bad = await anna.inject({
      method: "PATCH",
      url: "/api/v1/me",
      payload: { signature: "x".repeat(21), timeZone: "Mars/Olympus" },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["signature", "timeZone"]);

    const reset = await anna.inject({
      method: "PATCH",
      url: "/api/v1/me",
      payload: { signature: null, timeZone: null },
    });
    expect(reset.json()).toMatchObject({ signature: null, effectiveSignature: "^AB" });
  });

  it("appends the signature to replies, counts it against X's 280 and can leave it off", async () => {
    const conversationId = await newTweet();
    const url = `/api/v1/conversations/${conversationId}/replies`;

    // 277 characters fit alone but not with " ^AB".
    const tooLong = await anna.inject({ method: "POST", url, payload: { text: "a".repeat(277) } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details[0].field).toBe("text");
    const unsigned = await anna.inject({
      method: "POST",
      url,
      payload: { text: "a".repeat(277), signature: false },
    });
    expect(unsigned.statusCode).toBe(202);
    expect(unsigned.json().text).toBe("a".repeat(277));

    const signed = await anna.inject({
      method: "POST",
      url,
      payload: { text: "Wir schauen uns das an.  " },
    });
    expect(signed.statusCode).toBe(202);
    expect(signed.json().text).toBe("Wir schauen uns das an. ^AB");
    await eventually(async () =>
      recorder.calls.some(
        (c) => c.path === "/2/tweets" && c.body.text === "Wir schauen uns das an. ^AB",
      ),
    );
  });
});

describe("conversation list for the console", () => {
  it("orders by urgency (queue score, then longest waiting) across pages, and fetches by ids", async () => {
    const ids = [await newTweet(), await newTweet(), await newTweet(), await newTweet()];
    await anna.inject({
      method: "PATCH",
      url: `/api/v1/conversations/${ids[2]}`,
      payload: { priority: 3 },
    });
    await anna.inject({
      method: "PATCH",
      url: `/api/v1/conversations/${ids[3]}`,
      payload: { priority: 2 },
    });

    const seen: { id: string; queueScore: number; lastMessageAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await anna.inject({
        url: `/api/v1/conversations?sort=urgent&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen[0]!.id).toBe(ids[2]);
    expect(seen[1]!.id).toBe(ids[3]);
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(
        a.queueScore > b.queueScore ||
          (a.queueScore === b.queueScore && a.lastMessageAt <= b.lastMessageAt),
      ).toBe(true);
    }

    const byIds = await anna.inject({ url: `/api/v1/conversations?ids=${ids[0]},${ids[1]}` });
    expect(
      byIds
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([ids[0], ids[1]].sort());
    const bad = await anna.inject({ url: "/api/v1/conversations?ids=nope&sort=oldest" });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["ids", "sort"]);
  });

  it("counts open conversations per channel", async () => {
    await newTweet();
    const counts = (await anna.inject({ url: "/api/v1/conversations/counts" })).json();
    expect(counts["channel:x"]).toBeGreaterThan(0);
    expect(counts["channel:x"]).toBe(counts.open - (counts["channel:facebook"] ?? 0));
  });
});

describe("bulk actions", () => {
  it("assigns, tags, untags and solves many conversations, reporting each id", async () => {
    const ids = [await newTweet(), await newTweet(), await newTweet()];
    const stranger = "00000000-0000-4000-8000-000000000000";
    const bulk = (action: unknown, list = ids) =>
      anna.inject({
        method: "POST",
        url: "/api/v1/conversations/bulk",
        payload: { ids: list, action },
      });

    const assigned = await bulk({ type: "assign", assigneeId: jonasId }, [...ids, stranger]);
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().updated).toBe(3);
    expect(assigned.json().results.at(-1)).toEqual({
      id: stranger,
      ok: false,
      error: { code: "not_found", message: "Conversation was not found." },
    });
    expect(
      assigned
        .json()
        .results.slice(0, 3)
        .every((r: { ok: boolean }) => r.ok),
    ).toBe(true);

    expect((await bulk({ type: "tag", tag: "Störung" })).json().updated).toBe(3);
    await bulk({ type: "tag", tag: "störung" });
    await bulk({ type: "tag", tag: "router" });
    await bulk({ type: "untag", tag: "router" });
    expect((await bulk({ type: "solve" })).statusCode).toBe(200);

    for (const id of ids) {
      const d = (await anna.inject({ url: `/api/v1/conversations/${id}` })).json();
      expect(d).toMatchObject({ assigneeId: jonasId, status: "solved", tags: ["störung"] });
    }
    const unassigned = await bulk({ type: "assign", assigneeId: null });
    expect(unassigned.json().updated).toBe(3);
  });

  it("refuses bad actions and customers as assignees, changing nothing", async () => {
    const id = await newTweet();
    const bulk = (payload: object) =>
      anna.inject({ method: "POST", url: "/api/v1/conversations/bulk", payload });
    const toCustomer = await bulk({
      ids: [id],
      action: { type: "assign", assigneeId: customerId },
    });
    expect(toCustomer.statusCode).toBe(400);
    expect(toCustomer.json().error.details[0].field).toBe("action.assigneeId");
    expect(
      (await anna.inject({ url: `/api/v1/conversations/${id}` })).json().assigneeId,
    ).toBeNull();

    const empty = await bulk({ ids: [], action: { type: "solve" } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toBe("ids");
    const unknown = await bulk({ ids: [id], action: { type: "explode" } });
    expect(unknown.statusCode).toBe(400);
    expect(
      (
        await customer.inject({
          method: "POST",
          url: "/api/v1/conversations/bulk",
          payload: { ids: [id], action: { type: "solve" } },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe("teams on conversations", () => {
  it("moves conversations to a team, filters and counts by team, and names bad team ids", async () => {
    const jonas = await loginAs(t.app, "jonas@example.com", "sichere-schicht-42");
    const created = await jonas.inject({
      method: "POST",
      url: "/api/v1/teams",
      payload: { name: "Mobilfunk" },
    });
    expect(created.statusCode).toBe(201);
    const teamId: string = created.json().id;
    const [one, two, three] = [await newTweet(), await newTweet(), await newTweet()];

    const patched = await anna.inject({
      method: "PATCH",
      url: `/api/v1/conversations/${one}`,
      payload: { teamId },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().teamId).toBe(teamId);
    const moved = await anna.inject({
      method: "POST",
      url: "/api/v1/conversations/bulk",
      payload: { ids: [two], action: { type: "team", teamId } },
    });
    expect(moved.json().updated).toBe(1);

    const list = (
      await anna.inject({ url: `/api/v1/conversations?team=${teamId}&limit=200` })
    ).json();
    expect(list.items.map((c: { id: string }) => c.id).sort()).toEqual([one, two].sort());
    expect(list.items.every((c: { teamId: string }) => c.teamId === teamId)).toBe(true);
    const without = (
      await anna.inject({ url: "/api/v1/conversations?team=none&limit=200" })
    ).json();
    const withoutIds = without.items.map((c: { id: string }) => c.id);
    expect(withoutIds).toContain(three);
    expect(withoutIds).not.toContain(one);
    const counts = (await anna.inject({ url: "/api/v1/conversations/counts" })).json();
    expect(counts[`team:${teamId}`]).toBe(2);

    const unknownTeam = "00000000-0000-4000-8000-000000000000";
    const badPatch = await anna.inject({
      method: "PATCH",
      url: `/api/v1/conversations/${three}`,
      payload: { teamId: unknownTeam },
    });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().error.details[0].field).toBe("teamId");
    const badBulk = await anna.inject({
      method: "POST",
      url: "/api/v1/conversations/bulk",
      payload: { ids: [three], action: { type: "team", teamId: unknownTeam } },
    });
    expect(badBulk.statusCode).toBe(400);
    expect(badBulk.json().error.details[0].field).toBe("action.teamId");
    const badFilter = await anna.inject({ url: "/api/v1/conversations?team=mobil" });
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.details[0].field).toBe("team");
    expect((await anna.inject({ url: `/api/v1/conversations/${three}` })).json().teamId).toBeNull();
  });
});

describe("contacts", () => {
  it("sets a contact's name, tags and notes for the team, names bad input, keeps customers out", async () => {
    const id = await newTweet();
    const detail = (await anna.inject({ url: `/api/v1/conversations/${id}` })).json();
    const contactId: string = detail.contactDetail.id;
    expect(detail.contactDetail).toMatchObject({ tags: [], notes: null });

    const patched = await anna.inject({
      method: "PATCH",
      url: `/api/v1/contacts/${contactId}`,
      payload: { tags: ["VIP", "vip", "geschäftskunde"], notes: "Ruft gern abends an." },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      id: contactId,
      tags: ["vip", "geschäftskunde"],
      notes: "Ruft gern abends an.",
    });
    const after = (await anna.inject({ url: `/api/v1/conversations/${id}` })).json();
    expect(after.contactDetail).toMatchObject({ tags: ["vip", "geschäftskunde"] });

    const empty = await anna.inject({
      method: "PATCH",
      url: `/api/v1/contacts/${contactId}`,
      payload: { tags: [""] },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toBe("tags.0");
    const nothing = await anna.inject({
      method: "PATCH",
      url: `/api/v1/contacts/${contactId}`,
      payload: {},
    });
    expect(nothing.statusCode).toBe(400);
    const unknown = await anna.inject({
      method: "PATCH",
      url: "/api/v1/contacts/00000000-0000-4000-8000-000000000000",
      payload: { notes: null },
    });
    expect(unknown.statusCode).toBe(404);
    const asCustomer = await customer.inject({
      method: "PATCH",
      url: `/api/v1/contacts/${contactId}`,
      payload: { tags: ["x"] },
    });
    expect(asCustomer.statusCode).toBe(403);
    expect(
      (await anna.inject({ url: `/api/v1/conversations/${id}` })).json().contactDetail.tags,
    ).toEqual(["vip", "geschäftskunde"]);
  });
});

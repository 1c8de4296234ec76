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
import type { RealtimeEvent } from "../../server/realtime.ts";
import { createUser } from "../accounts/create-user.ts";

/** Presence, collision on reply, saved views and their counts — through HTTP. */
let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let anna: Agent;
let jonas: Agent;
let admin: Agent;
let customer: Agent;
let annaId: string;
let jonasId: string;
let workspaceId: string;

beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp();
  await connectChannels(t, recorder.url);
  workspaceId = (await t.services.workspaces.findBySlug("test"))!.id;
  const password = "sichere-schicht-42";
  const ids: string[] = [];
  for (const [email, name, role] of [
    ["anna@example.com", "Anna Berger", "agent"],
    ["jonas@example.com", "Jonas Keller", "agent"],
    ["boss@example.com", "Bea Boss", "admin"],
  ] as const) {
    ids.push((await createUser(t.services, { email, name, password, role, workspaceId })).id);
  }
  [annaId, jonasId] = ids as [string, string];
  anna = await loginAs(t.app, "anna@example.com", password);
  jonas = await loginAs(t.app, "jonas@example.com", password);
  admin = await loginAs(t.app, "boss@example.com", password);
  const c = await userFactory(t.services);
  customer = await loginAs(t.app, c.user.email, c.password);
});
afterAll(async () => {
  await t?.close();
  await recorder?.close();
});

let fan = 0;
async function newTweet(text = "@telekom_hilft Mein Router blinkt rot"): Promise<string> {
  fan += 1;
  const id = nextId();
  await postX(
    t,
    tweetEvent({
      id,
      text,
      user: { id: String(8100 + fan), screen_name: `kunde_${fan}`, name: `Kai Kunde ${fan}` },
    }),
  );
  return eventually(async () => {
    const r = await t.services.database.withConnection((c) =>
      c.query<{ conversation_id: string }>(
        "SELECT conversation_id FROM messages WHERE platform_id = $1",
        [id],
      ),
    );
    return r.rows[0]?.conversation_id;
  });
}

const lastMessageId = async (who: Agent, id: string): Promise<string> =>
  (await who.inject({ url: `/api/v1/conversations/${id}` })).json().messages.at(-1).id;

const presence = (who: Agent, id: string, state: string) =>
  who.inject({
    method: "POST",
    url: `/api/v1/conversations/${id}/presence`,
    payload: { state },
  });

describe("presence", () => {
  it("shows who views and types, publishes it live, and forgets those who left", async () => {
    const id = await newTweet();
    const events: RealtimeEvent[] = [];
    const unsubscribe = t.services.realtime.subscribe(workspaceId, (e) => {
      if (e.type === "presence") events.push(e);
    });
    try {
      const viewing = await presence(anna, id, "viewing");
      expect(viewing.statusCode).toBe(200);
      expect(viewing.json().items).toEqual([
        expect.objectContaining({
          conversationId: id,
          userId: annaId,
          name: "Anna Berger",
          initials: "AB",
          state: "viewing",
        }),
      ]);
      const typing = await presence(jonas, id, "typing");
      expect(typing.json().items.map((i: { initials: string; state: string }) => i)).toEqual([
        expect.objectContaining({ initials: "AB", state: "viewing" }),
        expect.objectContaining({ initials: "JK", state: "typing" }),
      ]);
      const exp = typing.json().items[1].expiresInMs;
      expect(exp).toBeGreaterThan(20_000);
      expect(exp).toBeLessThanOrEqual(30_000);

      // A repeated heartbeat updates the one entry; it never adds a second.
      await presence(jonas, id, "viewing");
      const all = (await anna.inject({ url: "/api/v1/presence" })).json().items;
      expect(all.filter((i: { conversationId: string }) => i.conversationId === id)).toEqual([
        expect.objectContaining({ userId: annaId, state: "viewing" }),
        expect.objectContaining({ userId: jonasId, state: "viewing" }),
      ]);

      const left = await presence(anna, id, "left");
      expect(left.json().items).toEqual([expect.objectContaining({ userId: jonasId })]);

      await eventually(async () => (events.length >= 4 ? true : undefined));
      expect(events.map((e) => [e.userId, e.state, e.conversationId])).toEqual([
        [annaId, "viewing", id],
        [jonasId, "typing", id],
        [jonasId, "viewing", id],
        [annaId, "left", id],
      ]);
      expect(events[1]).toMatchObject({
        name: "Jonas Keller",
        initials: "JK",
        expiresInMs: 30_000,
      });
    } finally {
      unsubscribe();
    }
  });

  it("drops entries past their expiry", async () => {
    const id = await newTweet();
    await presence(anna, id, "viewing");
    await t.services.db.execute(
      // As if Anna's laptop went to sleep half a minute ago.
      (await import("drizzle-orm")).sql`UPDATE conversation_presence
        SET expires_at = now() - interval '1 second' WHERE conversation_id = ${id}`,
    );
    const all = (await jonas.inject({ url: "/api/v1/presence" })).json().items;
    expect(all.some((i: { conversationId: string }) => i.conversationId === id)).toBe(false);
  });

  it("names bad input and refuses customers and strangers", async () => {
    const id = await newTweet();
    const bad = await presence(anna, id, "sleeping");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("state");
    const badId = await presence(anna, "nope", "viewing");
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details[0].field).toBe("id");
    expect((await presence(anna, crypto.randomUUID(), "viewing")).statusCode).toBe(404);
    expect((await presence(customer, id, "viewing")).statusCode).toBe(403);
    expect((await customer.inject({ url: "/api/v1/presence" })).statusCode).toBe(403);
  });
});

describe("reply collision", () => {
  const reply = (who: Agent, id: string, payload: object) =>
    who.inject({ method: "POST", url: `/api/v1/conversations/${id}/replies`, payload });

  it("asks before sending when another agent replied since the message the agent saw", async () => {
    const id = await newTweet();
    const seen = await lastMessageId(anna, id);

    // Jonas answers first; his own earlier view is not a collision with himself.
    const first = await reply(jonas, id, { text: "Wir schauen nach.", seenMessageId: seen });
    expect(first.statusCode).toBe(202);

    const refused = await reply(anna, id, {
      text: "Bitte Router neu starten.",
      seenMessageId: seen,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: "conversation_changed",
      details: {
        repliedBy: [{ id: jonasId, name: "Jonas Keller" }],
        replies: [expect.objectContaining({ id: first.json().id, author: "Jonas Keller" })],
      },
    });
    expect(refused.json().error.message).toContain("Jonas Keller");
    // Nothing was stored for the refused reply.
    const thread = (await anna.inject({ url: `/api/v1/conversations/${id}` })).json().messages;
    expect(thread.filter((m: { direction: string }) => m.direction === "outbound")).toHaveLength(1);

    // Confirmed, it goes out; having seen Jonas's reply, a next one goes out unasked.
    const confirmed = await reply(anna, id, {
      text: "Bitte Router neu starten.",
      seenMessageId: seen,
      confirm: true,
    });
    expect(confirmed.statusCode).toBe(202);
    const again = await reply(anna, id, {
      text: "Noch ein Hinweis.",
      seenMessageId: first.json().id,
    });
    expect(again.statusCode).toBe(202);
  });

  it("ignores notes, customer messages and the agent's own replies", async () => {
    const id = await newTweet();
    const seen = await lastMessageId(anna, id);
    await jonas.inject({
      method: "POST",
      url: `/api/v1/conversations/${id}/notes`,
      payload: { text: "Kenne den Kunden." },
    });
    expect(
      (await reply(anna, id, { text: "Erste Antwort.", seenMessageId: seen })).statusCode,
    ).toBe(202);
    expect(
      (await reply(anna, id, { text: "Zweite Antwort.", seenMessageId: seen })).statusCode,
    ).toBe(202);
  });

  it("names seenMessageId when it is not a message of the conversation", async () => {
    const id = await newTweet();
    const other = await newTweet();
    const foreign = await lastMessageId(anna, other);
    for (const seenMessageId of [foreign, "not-a-uuid"]) {
      const res = await reply(anna, id, { text: "Hallo", seenMessageId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].field).toBe("seenMessageId");
    }
  });

  it("lets exactly one of two simultaneous replies through without confirmation", async () => {
    const id = await newTweet();
    const seen = await lastMessageId(anna, id);
    const results = await Promise.all([
      reply(anna, id, { text: "Von Anna.", seenMessageId: seen }),
      reply(jonas, id, { text: "Von Jonas.", seenMessageId: seen }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([202, 409]);
  });
});

describe("saved views", () => {
  const create = (who: Agent, payload: object) =>
    who.inject({ method: "POST", url: "/api/v1/views", payload });

  it("saves personal and shared views; others see only the shared ones", async () => {
    const mine = await create(anna, {
      name: "Meine Störungen",
      query: { status: ["new", "open"], assignee: "me", tag: "Störung", sort: "urgent" },
    });
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({
      name: "Meine Störungen",
      scope: "personal",
      query: { status: ["new", "open"], assignee: "me", tag: "störung", sort: "urgent" },
      ownerName: "Anna Berger",
      editable: true,
    });
    const shared = await create(anna, {
      name: "Router",
      scope: "shared",
      query: { q: "router" },
    });
    expect(shared.statusCode).toBe(201);

    const annas = (await anna.inject({ url: "/api/v1/views" })).json().items;
    expect(annas.map((v: { name: string }) => v.name)).toEqual(["Meine Störungen", "Router"]);
    const jonass = (await jonas.inject({ url: "/api/v1/views" })).json().items;
    expect(jonass.map((v: { name: string }) => v.name)).toEqual(["Router"]);
    expect(jonass[0].editable).toBe(false);

    // Only the author (or an admin, for shared views) may change or delete.
    const url = `/api/v1/views/${shared.json().id}`;
    expect(
      (await jonas.inject({ method: "PATCH", url, payload: { name: "Meins" } })).statusCode,
    ).toBe(403);
    const renamed = await admin.inject({
      method: "PATCH",
      url,
      payload: { name: "Router & WLAN" },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: "Router & WLAN", ownerName: "Anna Berger" });
    const personalUrl = `/api/v1/views/${mine.json().id}`;
    expect((await jonas.inject({ method: "DELETE", url: personalUrl })).statusCode).toBe(404);
    expect((await anna.inject({ method: "DELETE", url: personalUrl })).statusCode).toBe(204);
    expect((await anna.inject({ method: "DELETE", url: personalUrl })).statusCode).toBe(404);
    expect((await customer.inject({ url: "/api/v1/views" })).statusCode).toBe(403);
  });

  it("names the field of a bad view and stores nothing", async () => {
    const cases: [object, string][] = [
      [{ name: "", query: {} }, "name"],
      [{ name: "x", query: { status: ["later"] } }, "query.status.0"],
      [{ name: "x", query: { assignee: "someone" } }, "query.assignee"],
      [{ name: "x", query: { assignee: crypto.randomUUID() } }, "query.assignee"],
      [{ name: "x", query: { team: crypto.randomUUID() } }, "query.team"],
      [{ name: "x", query: { sort: "oldest" } }, "query.sort"],
      [{ name: "x", query: { colour: "red" } }, "query"],
      [{ name: "x", scope: "public", query: {} }, "scope"],
      [{ name: "x" }, "query"],
    ];
    const before = (await anna.inject({ url: "/api/v1/views" })).json().items.length;
    for (const [payload, field] of cases) {
      const res = await create(anna, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(
        res.json().error.details.map((d: { field: string }) => d.field),
        JSON.stringify(payload),
      ).toContain(field);
    }
    expect((await anna.inject({ url: "/api/v1/views" })).json().items.length).toBe(before);
    const patch = await anna.inject({
      method: "PATCH",
      url: `/api/v1/views/${crypto.randomUUID()}`,
      payload: {},
    });
    expect(patch.statusCode).toBe(400);
  });

  it("counts every visible saved view and each team along with the other views", async () => {
    const team = await admin.inject({
      method: "POST",
      url: "/api/v1/teams",
      payload: { name: "Festnetz" },
    });
    expect(team.statusCode).toBe(201);
    const teamId = team.json().id as string;
    const a = await newTweet("@telekom_hilft Festnetz tot in Köln");
    const b = await newTweet("@telekom_hilft Festnetz rauscht");
    await newTweet("@telekom_hilft Rechnung falsch");
    await anna.inject({
      method: "POST",
      url: "/api/v1/conversations/bulk",
      payload: { ids: [a, b], action: { type: "team", teamId } },
    });
    await anna.inject({
      method: "PATCH",
      url: `/api/v1/conversations/${a}`,
      payload: { assigneeId: annaId, tags: ["festnetz"] },
    });
    const views = await Promise.all([
      create(anna, { name: "Festnetz offen", query: { team: teamId, status: ["new", "open"] } }),
      create(anna, {
        name: "Mein Festnetz",
        query: { team: teamId, assignee: "me", tag: "festnetz" },
      }),
      create(anna, { name: "Rechnung", query: { q: "Rechnung" } }),
      create(jonas, { name: "Jonas privat", query: {} }),
    ]);
    const [open, my, bill, jonasOwn] = views.map((v) => v.json().id as string);
    const counts = (await anna.inject({ url: "/api/v1/conversations/counts" })).json();
    expect(counts[`team:${teamId}`]).toBe(2);
    expect(counts[`view:${open}`]).toBe(2);
    expect(counts[`view:${my}`]).toBe(1);
    expect(counts[`view:${bill}`]).toBe(1);
    expect(counts).not.toHaveProperty(`view:${jonasOwn}`);
    // The list answers the same query with the same conversations.
    const list = await anna.inject({
      url: `/api/v1/conversations?team=${teamId}&assignee=me&tag=festnetz`,
    });
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([a]);
  });
});

describe("event stream resume", () => {
  /** Reads a stream until `count` events (with ids) arrived, then closes it. */
  async function readEvents(url: string, headers: Record<string, string>, count: number) {
    const controller = new AbortController();
    const res = await fetch(url, {
      headers: { cookie: anna.cookie, ...headers },
      signal: controller.signal,
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const events: { id?: string; type: string; data: Record<string, unknown> }[] = [];
    let buffer = "";
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        if (!type) continue;
        events.push({
          id: /^id: (.*)$/m.exec(block)?.[1],
          type,
          data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "{}"),
        });
      }
    }
    controller.abort();
    return events;
  }

  it("replays what a console missed after Last-Event-ID, and says reset when it cannot", async () => {
    const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const url = `${address}/api/v1/events`;
    const publish = (n: number) =>
      t.services.realtime.publish({
        workspaceId,
        type: "conversation.updated",
        conversationId: `c${n}`,
      });

    const first = readEvents(url, {}, 1);
    await new Promise((r) => setTimeout(r, 100));
    await publish(1);
    const [seen] = await first;
    expect(seen).toMatchObject({ type: "conversation.updated", data: { conversationId: "c1" } });
    expect(seen!.id).toBeTruthy();

    // Away while two more happen; back with the last id it saw.
    await publish(2);
    await publish(3);
    await eventually(async () =>
      (t.services.realtime.since(workspaceId, seen!.id!)?.length ?? 0) >= 2 ? true : undefined,
    );
    const resumed = await readEvents(url, { "last-event-id": seen!.id! }, 2);
    expect(resumed.map((e) => e.data.conversationId)).toEqual(["c2", "c3"]);
    const viaQuery = await readEvents(
      `${url}?lastEventId=${encodeURIComponent(resumed[0]!.id!)}`,
      {},
      1,
    );
    expect(viaQuery.map((e) => e.data.conversationId)).toEqual(["c3"]);

    const lost = await readEvents(url, { "last-event-id": "not-an-id-we-know" }, 1);
    expect(lost.map((e) => e.type)).toEqual(["reset"]);
  });
});

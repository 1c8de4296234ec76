import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectChannels,
  eventually,
  FB_PAGE,
  nextId,
  postFacebook,
  postX,
  startRecorder,
  tweetEvent,
  X_BRAND,
} from "../../../test/channels.ts";
import { userFactory } from "../../../test/factories.ts";
import { type Agent, buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import { createUser } from "../accounts/create-user.ts";

let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let agent: Agent;
let customerAgent: Agent;
let agentId: string;

beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp();
  await connectChannels(t, recorder.url);
  const workspace = (await t.services.workspaces.findBySlug("test"))!;
  const staff = await createUser(t.services, {
    email: "agent@example.com",
    name: "Anna Agent",
    password: "sichere-schicht-42",
    role: "agent",
    workspaceId: workspace.id,
  });
  agentId = staff.id;
  // These tests compare exact platform payloads; signing is covered in console-api.test.ts.
  await t.services.accounts.updateUser(staff.id, { signature: "" });
  agent = await loginAs(t.app, "agent@example.com", "sichere-schicht-42");
  const customer = await userFactory(t.services);
  customerAgent = await loginAs(t.app, customer.user.email, customer.password);
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

const who = (n: number) => ({ id: String(8000 + n), screen_name: `fan_${n}`, name: `Fan ${n}` });

describe("inbox API", () => {
  it("lists conversations for staff only, with contact and last message, filtered and paged", async () => {
    const ids = [nextId(), nextId(), nextId()];
    for (const [i, id] of ids.entries()) {
      await postX(
        t,
        tweetEvent({
          id,
          text: `@telekom_hilft Frage Nummer ${i} zum Tarif Magenta`,
          user: who(i),
        }),
      );
      await conversationOf(id);
    }
    const denied = await customerAgent.inject({ url: "/api/v1/conversations" });
    expect(denied.statusCode).toBe(403);

    const page1 = await agent.inject({ url: "/api/v1/conversations?limit=2" });
    expect(page1.statusCode).toBe(200);
    const body = page1.json();
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({
      channel: "x",
      status: "new",
      contact: { name: "Fan 2" },
      lastMessage: { direction: "inbound" },
      messageCount: 1,
    });
    expect(body.nextCursor).toBeTypeOf("string");
    const page2 = await agent.inject({
      url: `/api/v1/conversations?limit=2&cursor=${body.nextCursor}`,
    });
    expect(page2.json().items[0].id).not.toBe(body.items[1].id);

    const search = await agent.inject({ url: "/api/v1/conversations?q=Nummer%201" });
    expect(search.json().items.map((i: { contact: { name: string } }) => i.contact.name)).toContain(
      "Fan 1",
    );
    const byChannel = await agent.inject({
      url: "/api/v1/conversations?channel=facebook&status=new",
    });
    expect(byChannel.json().items.every((i: { channel: string }) => i.channel === "facebook")).toBe(
      true,
    );

    const bad = await agent.inject({ url: "/api/v1/conversations?status=weird&limit=0" });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["limit", "status"]);
    const badCursor = await agent.inject({ url: "/api/v1/conversations?cursor=nonsense" });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.details[0].field).toBe("cursor");
  });

  it("replies publicly on X exactly once, refuses what does not fit 280, keeps notes internal", async () => {
    const id = nextId();
    await postX(
      t,
      tweetEvent({ id, text: "@telekom_hilft Wann kommt das iPhone-Update?", user: who(10) }),
    );
    const conversationId = await conversationOf(id);

    const tooLong = await agent.inject({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/replies`,
      payload: { text: "x".repeat(281) },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details[0].field).toBe("text");

    const note = await agent.inject({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/notes`,
      payload: { text: "Kunde ist VIP" },
    });
    expect(note.statusCode).toBe(201);

    const res = await agent.inject({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/replies`,
      payload: { text: "Hallo! Das Update kommt heute Abend. ^AB", status: "solved" },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().delivery.status).toBe("queued");
    const messageId = res.json().id;
    const sent = await eventually(async () => {
      const d = (await agent.inject({ url: `/api/v1/conversations/${conversationId}` })).json();
      const m = d.messages.find((x: { id: string }) => x.id === messageId);
      return m?.delivery.status === "sent" ? d : undefined;
    });
    const calls = recorder.calls.filter(
      (c) => c.path === "/2/tweets" && c.body.text === "Hallo! Das Update kommt heute Abend. ^AB",
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body.reply).toEqual({ in_reply_to_tweet_id: id });
    expect(calls[0]!.authorization).toBe(`Bearer ${X_BRAND.accessToken}`);
    expect(sent.status).toBe("solved");
    expect(sent.messages.map((m: { direction: string }) => m.direction)).toEqual([
      "inbound",
      "note",
      "outbound",
    ]);

    // X echoes our own reply as a tweet_create_event: it must not appear twice.
    const ourTweetId = sent.messages.find((m: { id: string }) => m.id === messageId).platformId;
    await postX(
      t,
      tweetEvent({
        id: ourTweetId,
        text: "Hallo! Das Update kommt heute Abend. ^AB",
        user: { id: X_BRAND.userId, screen_name: X_BRAND.handle, name: "Telekom hilft" },
        inReplyTo: { statusId: id, userId: who(10).id, screenName: who(10).screen_name },
      }),
    );
    await new Promise((r) => setTimeout(r, 500));
    const after = (await agent.inject({ url: `/api/v1/conversations/${conversationId}` })).json();
    expect(
      after.messages.filter((m: { direction: string }) => m.direction === "outbound"),
    ).toHaveLength(1);

    // A new message after `solved` reopens the conversation.
    await postX(
      t,
      tweetEvent({
        id: nextId(),
        text: "@telekom_hilft Danke, aber es geht immer noch nicht",
        user: who(10),
        inReplyTo: { statusId: ourTweetId, userId: X_BRAND.userId, screenName: X_BRAND.handle },
      }),
    );
    await eventually(
      async () =>
        (await agent.inject({ url: `/api/v1/conversations/${conversationId}` })).json().status ===
        "open",
    );
  });

  it("retries a reply while the platform is unavailable and sends it once; gives up on a refusal with the reason", async () => {
    const psid = "2400777";
    const mid = `m_${nextId()}`;
    await postFacebook(t, {
      object: "page",
      entry: [
        {
          id: FB_PAGE.pageId,
          time: Date.now(),
          messaging: [
            {
              sender: { id: psid },
              recipient: { id: FB_PAGE.pageId },
              timestamp: Date.now(),
              message: { mid, text: "Hallo, ich habe eine Frage zur Rechnung" },
            },
          ],
        },
      ],
    });
    const conversationId = await conversationOf(mid);

    recorder.failNext(2, 503);
    const before = recorder.calls.length;
    const res = await agent.inject({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/replies`,
      payload: { text: "Gern, worum geht es?" },
    });
    expect(res.statusCode).toBe(202);
    const messageId = res.json().id;
    const message = await eventually(async () => {
      const d = (await agent.inject({ url: `/api/v1/conversations/${conversationId}` })).json();
      const m = d.messages.find((x: { id: string }) => x.id === messageId);
      return m?.delivery.status === "sent" ? m : undefined;
    }, 20_000);
    const calls = recorder.calls
      .slice(before)
      .filter((c) => c.path === `/${FB_PAGE.pageId}/messages`);
    expect(calls).toHaveLength(3);
    expect(calls[2]!.body).toEqual({
      recipient: { id: psid },
      messaging_type: "RESPONSE",
      message: { text: "Gern, worum geht es?" },
    });
    expect(message.delivery.attempts).toBe(3);

    recorder.failNext(1, 400);
    const refused = await agent.inject({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/replies`,
      payload: { text: "Zweite Antwort" },
    });
    const failed = await eventually(async () => {
      const d = (await agent.inject({ url: `/api/v1/conversations/${conversationId}` })).json();
      const m = d.messages.find((x: { id: string }) => x.id === refused.json().id);
      return m?.delivery.status === "failed" ? m : undefined;
    });
    expect(failed.delivery.error).toMatch(/Facebook answered 400/);
  });

  it("enforces Messenger's 24-hour window with a clear error", async () => {
    const psid = "2400888";
    const mid = `m_${nextId()}`;
    const old = Date.now() - 25 * 60 * 60 * 1000;
    await postFacebook(t, {
      object: "page",
      entry: [
        {
          id: FB_PAGE.pageId,
          time: old,
          messaging: [
            {
              sender: { id: psid },
              recipient: { id: FB_PAGE.pageId },
              timestamp: old,
              message: { mid, text: "Hallo?" },
            },
          ],
        },
      ],
    });
    const conversationId = await conversationOf(mid);
    const res = await agent.inject({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/replies`,
      payload: { text: "Entschuldigung für die Wartezeit" },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("messaging_window_closed");
  });

  it("answers a Facebook comment publicly or privately, and hides it", async () => {
    const post = `${FB_PAGE.pageId}_${nextId()}`;
    const comment = `${nextId()}_${nextId()}`;
    await postFacebook(t, {
      object: "page",
      entry: [
        {
          id: FB_PAGE.pageId,
          time: Date.now(),
          changes: [
            {
              field: "feed",
              value: {
                item: "comment",
                verb: "add",
                post_id: post,
                comment_id: comment,
                parent_id: post,
                from: { id: "5600", name: "Uwe" },
                message: "Meine IBAN DE89370400440532013000 bitte prüfen",
                created_time: Math.floor(Date.now() / 1000),
              },
            },
          ],
        },
      ],
    });
    const conversationId = await conversationOf(comment);
    const detail = (await agent.inject({ url: `/api/v1/conversations/${conversationId}` })).json();
    const inbound = detail.messages[0];

    const hide = await agent.inject({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/messages/${inbound.id}/hide`,
    });
    expect(hide.statusCode).toBe(200);
    expect(hide.json().hidden).toBe(true);
    expect(recorder.calls.some((c) => c.path === `/${comment}` && c.body.is_hidden === true)).toBe(
      true,
    );

    const priv = await agent.inject({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/replies`,
      payload: { text: "Bitte schreib uns privat", visibility: "private" },
    });
    expect(priv.statusCode).toBe(202);
    const pub = await agent.inject({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/replies`,
      payload: { text: "Wir melden uns per Nachricht." },
    });
    expect(pub.statusCode).toBe(202);
    await eventually(
      async () =>
        recorder.calls.some(
          (c) =>
            c.path === `/${FB_PAGE.pageId}/messages` &&
            (c.body.recipient as { comment_id?: string })?.comment_id === comment,
        ) &&
        recorder.calls.some(
          (c) =>
            c.path === `/${comment}/comments` && c.body.message === "Wir melden uns per Nachricht.",
        ),
    );
  });

  it("hides a customer's reply on X, but not a post that starts its own thread", async () => {
    const reply = nextId();
    await postX(
      t,
      tweetEvent({
        id: reply,
        text: "@telekom_hilft das ist doch Quatsch",
        user: who(15),
        inReplyTo: { statusId: "6001", userId: X_BRAND.userId, screenName: X_BRAND.handle },
      }),
    );
    const conversationId = await conversationOf(reply);
    const detail = (await agent.inject({ url: `/api/v1/conversations/${conversationId}` })).json();
    const inbound = detail.messages.find((m: { platformId: string }) => m.platformId === reply);
    const hide = await agent.inject({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/messages/${inbound.id}/hide`,
    });
    expect(hide.statusCode).toBe(200);
    expect(hide.json().hidden).toBe(true);
    expect(recorder.calls.filter((c) => c.path === `/2/tweets/${reply}/hidden`)).toEqual([
      expect.objectContaining({ method: "PUT", body: { hidden: true } }),
    ]);

    const root = nextId();
    await postX(t, tweetEvent({ id: root, text: "@telekom_hilft Hallo", user: who(16) }));
    const rootConversation = await conversationOf(root);
    const rootDetail = (
      await agent.inject({ url: `/api/v1/conversations/${rootConversation}` })
    ).json();
    const refused = await agent.inject({
      method: "POST",
      url: `/api/v1/conversations/${rootConversation}/messages/${rootDetail.messages[0].id}/hide`,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("not_hideable");
  });

  it("assigns, tags and changes status; refuses assigning to a customer", async () => {
    const id = nextId();
    await postX(t, tweetEvent({ id, text: "@telekom_hilft Kein Netz in Berlin", user: who(20) }));
    const conversationId = await conversationOf(id);
    const patch = await agent.inject({
      method: "PATCH",
      url: `/api/v1/conversations/${conversationId}`,
      payload: { assigneeId: agentId, tags: ["Störung", "berlin", "störung"], status: "pending" },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({
      assigneeId: agentId,
      status: "pending",
      tags: ["störung", "berlin"],
    });
    const mine = await agent.inject({ url: "/api/v1/conversations?assignee=me&status=pending" });
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(conversationId);
    const counts = (await agent.inject({ url: "/api/v1/conversations/counts" })).json();
    expect(counts.pending).toBeGreaterThanOrEqual(1);

    const customer = await userFactory(t.services);
    const bad = await agent.inject({
      method: "PATCH",
      url: `/api/v1/conversations/${conversationId}`,
      payload: { assigneeId: customer.user.id },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe("assigneeId");

    // Closed conversations stay closed: the next message starts a new one.
    await agent.inject({
      method: "PATCH",
      url: `/api/v1/conversations/${conversationId}`,
      payload: { status: "closed" },
    });
    const follow = nextId();
    await postX(
      t,
      tweetEvent({
        id: follow,
        text: "@telekom_hilft Schon wieder kein Netz",
        user: who(20),
        inReplyTo: { statusId: id, userId: X_BRAND.userId, screenName: X_BRAND.handle },
      }),
    );
    const newConversation = await conversationOf(follow);
    expect(newConversation).not.toBe(conversationId);
  });

  it("streams inbox changes to consoles as Server-Sent Events", async () => {
    const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const controller = new AbortController();
    const res = await fetch(`${address}/api/v1/events`, {
      headers: { cookie: agent.cookie },
      signal: controller.signal,
    });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const id = nextId();
    await postX(t, tweetEvent({ id, text: "@telekom_hilft live?", user: who(30) }));
    let text = "";
    const decoder = new TextDecoder();
    while (!text.includes("message.created")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    expect(text).toMatch(/event: message\.created/);
  });
  it("pages without skipping conversations whose activity falls in the same millisecond", async () => {
    const rows = await t.services.database.withConnection((c) =>
      c.query<{ id: string }>("SELECT id FROM conversations ORDER BY id LIMIT 3"),
    );
    const ids = rows.rows.map((r) => r.id);
    for (const [i, id] of ids.entries()) {
      await t.services.database.withConnection((c) =>
        c.query("UPDATE conversations SET last_message_at = $2::timestamptz WHERE id = $1", [
          id,
          `2030-01-01T00:00:00.000${i + 1}00Z`,
        ]),
      );
    }
    const seen: string[] = [];
    let cursor = "";
    for (let i = 0; i < 3; i++) {
      const page = (
        await agent.inject({
          url: `/api/v1/conversations?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        })
      ).json();
      seen.push(page.items[0].id);
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...ids].reverse());
  });
});

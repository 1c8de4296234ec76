import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  buildPlatformServer,
  createPlatformState,
  type PlatformState,
  platformPlugin,
  type RecordedCall,
  startPlatformServer,
} from "./platform-server.ts";

let app: FastifyInstance;
let state: PlatformState;

beforeEach(async () => {
  state = createPlatformState();
  app = await buildPlatformServer({ state });
});
afterEach(() => app.close());

const bearer = { authorization: "Bearer user-token-123" };

async function calls(platform?: string): Promise<RecordedCall[]> {
  const res = await app.inject({ url: `/_sim/calls${platform ? `?platform=${platform}` : ""}` });
  return res.json().calls;
}

describe("X API v2", () => {
  it("creates a reply and records the call without the token", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/2/tweets",
      headers: bearer,
      payload: {
        text: "@lena_koeln Hallo Lena, wir schauen nach! ^SK",
        reply: { in_reply_to_tweet_id: "1790263912952762389" },
      },
    });
    expect(res.statusCode).toBe(201);
    const { data } = res.json();
    expect(data.id).toMatch(/^\d{18,19}$/);
    expect(data).toEqual({
      id: data.id,
      text: "@lena_koeln Hallo Lena, wir schauen nach! ^SK",
      edit_history_tweet_ids: [data.id],
    });
    expect(res.headers["x-rate-limit-remaining"]).toBe("199");

    const [call] = await calls("x");
    expect(call).toMatchObject({
      seq: 1,
      platform: "x",
      method: "POST",
      path: "/2/tweets",
      auth: "bearer",
      status: 201,
      fault: false,
      body: { reply: { in_reply_to_tweet_id: "1790263912952762389" } },
      response: { data: { id: data.id } },
    });
    expect(call?.headers.authorization).toBe("Bearer [redacted]");
    expect(JSON.stringify(call)).not.toContain("user-token-123");
    expect(Date.parse(call!.time)).not.toBeNaN();
  });

  it("hides a reply and refuses a body without `hidden`", async () => {
    const res = await app.inject({
      method: "PUT",
      url: "/2/tweets/1790263912952762390/hidden",
      headers: bearer,
      payload: { hidden: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: { hidden: true } });
    const bad = await app.inject({
      method: "PUT",
      url: "/2/tweets/1790263912952762390/hidden",
      headers: bearer,
      payload: {},
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].parameters).toHaveProperty("hidden");
    expect((await calls("x")).map((c) => [c.method, c.path, c.status])).toEqual([
      ["PUT", "/2/tweets/1790263912952762390/hidden", 200],
      ["PUT", "/2/tweets/1790263912952762390/hidden", 400],
    ]);
  });

  it("requires a bearer token, with X's error shape", async () => {
    const res = await app.inject({ method: "POST", url: "/2/tweets", payload: { text: "hi" } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      title: "Unauthorized",
      type: "about:blank",
      status: 401,
      detail: "Unauthorized",
    });
    expect((await calls("x"))[0]).toMatchObject({ auth: "none", status: 401 });
  });

  it("refuses a missing text and texts over 280 weighted characters", async () => {
    const missing = await app.inject({
      method: "POST",
      url: "/2/tweets",
      headers: bearer,
      payload: {},
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      title: "Invalid Request",
      type: "https://api.twitter.com/2/problems/invalid-request",
      errors: [{ parameters: { text: [""] } }],
    });

    const ok = await app.inject({
      method: "POST",
      url: "/2/tweets",
      headers: bearer,
      payload: { text: "ä".repeat(280) },
    });
    expect(ok.statusCode).toBe(201);
    const cjk = await app.inject({
      method: "POST",
      url: "/2/tweets",
      headers: bearer,
      payload: { text: "中".repeat(141) },
    });
    expect(cjk.statusCode).toBe(400);
    expect(cjk.json().errors[0].message).toMatch(/too long \(282 of 280/);
    const long = await app.inject({
      method: "POST",
      url: "/2/tweets",
      headers: bearer,
      payload: { text: "a".repeat(281) },
    });
    expect(long.statusCode).toBe(400);
  });

  it("sends direct messages", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/2/dm_conversations/with/1479283746593845248/messages",
      headers: bearer,
      payload: { text: "Hallo Lena, der neue Termin steht." },
    });
    expect(res.statusCode).toBe(201);
    const { data } = res.json();
    expect(data.dm_conversation_id).toBe("3001-1479283746593845248");
    expect(data.dm_event_id).toMatch(/^\d{18,19}$/);
    const bad = await app.inject({
      method: "POST",
      url: "/2/dm_conversations/with/42/messages",
      headers: bearer,
      payload: {},
    });
    expect(bad.statusCode).toBe(400);
  });

  it("answers /2/users/me with the configured account", async () => {
    const res = await app.inject({ url: "/2/users/me", headers: bearer });
    expect(res.json()).toEqual({
      data: { id: "3001", name: "Telekom hilft", username: "telekom_hilft" },
    });
  });
});

describe("Graph API", () => {
  it("sends Messenger replies with a bearer header or access_token, with or without version", async () => {
    const viaHeader = await app.inject({
      method: "POST",
      url: "/v21.0/1001/messages",
      headers: bearer,
      payload: {
        recipient: { id: "24601234567890123" },
        messaging_type: "RESPONSE",
        message: { text: "Hallo Anna!" },
      },
    });
    expect(viaHeader.statusCode).toBe(200);
    expect(viaHeader.json()).toEqual({
      recipient_id: "24601234567890123",
      message_id: expect.stringMatching(/^m_/),
    });

    const viaQuery = await app.inject({
      method: "POST",
      url: "/1001/messages?access_token=page-token-xyz",
      payload: {
        recipient: { comment_id: "5550001_7770001" },
        message: { text: "Wir haben dir geschrieben." },
      },
    });
    expect(viaQuery.statusCode).toBe(200);

    const viaForm = await app.inject({
      method: "POST",
      url: "/v21.0/1001/messages",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        access_token: "page-token-xyz",
        recipient: JSON.stringify({ id: "7712345678901234" }),
        messaging_type: "RESPONSE",
        message: JSON.stringify({ text: "Hi John" }),
      }).toString(),
    });
    expect(viaForm.statusCode).toBe(200);

    const recorded = await calls("facebook");
    expect(recorded.map((c) => [c.path, c.graphVersion, c.auth])).toEqual([
      ["/1001/messages", "v21.0", "bearer"],
      ["/1001/messages", null, "access_token"],
      ["/1001/messages", "v21.0", "access_token"],
    ]);
    expect(JSON.stringify(recorded)).not.toContain("page-token-xyz");
    expect(recorded[1]?.body).toEqual({
      recipient: { comment_id: "5550001_7770001" },
      message: { text: "Wir haben dir geschrieben." },
    });
  });

  it("answers bad input and missing tokens with Graph's error shape", async () => {
    const noToken = await app.inject({
      method: "POST",
      url: "/1001/messages",
      payload: { recipient: { id: "1" } },
    });
    expect(noToken.statusCode).toBe(400);
    expect(noToken.json()).toEqual({
      error: {
        message: "An access token is required to request this resource.",
        type: "OAuthException",
        code: 104,
        fbtrace_id: expect.any(String),
      },
    });
    const noRecipient = await app.inject({
      method: "POST",
      url: "/1001/messages",
      headers: bearer,
      payload: { message: { text: "x" } },
    });
    expect(noRecipient.statusCode).toBe(400);
    expect(noRecipient.json().error).toMatchObject({
      code: 100,
      type: "OAuthException",
      message: expect.stringContaining("recipient"),
    });
    const noText = await app.inject({
      method: "POST",
      url: "/1001/messages",
      headers: bearer,
      payload: { recipient: { id: "1" }, messaging_type: "RESPONSE", message: {} },
    });
    expect(noText.json().error.code).toBe(100);
    const tooLong = await app.inject({
      method: "POST",
      url: "/1001/messages",
      headers: bearer,
      payload: {
        recipient: { id: "1" },
        messaging_type: "RESPONSE",
        message: { text: "x".repeat(2001) },
      },
    });
    expect(tooLong.statusCode).toBe(400);
    const badJson = await app.inject({
      method: "POST",
      url: "/1001/messages",
      headers: { ...bearer, "content-type": "application/json" },
      payload: "{nope",
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.type).toBe("OAuthException");
  });

  it("replies to comments and hides them", async () => {
    const reply = await app.inject({
      method: "POST",
      url: "/v21.0/5550001_7770001/comments",
      headers: bearer,
      payload: { message: "Danke für den Hinweis!" },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().id).toMatch(/^5550001_\d+$/);
    const hide = await app.inject({
      method: "POST",
      url: "/5550001_7770002",
      headers: bearer,
      payload: { is_hidden: true },
    });
    expect(hide.json()).toEqual({ success: true });
    const empty = await app.inject({
      method: "POST",
      url: "/5550001_7770002/comments",
      headers: bearer,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const unknownEdge = await app.inject({
      method: "POST",
      url: "/1001/feed/extra",
      headers: bearer,
      payload: {},
    });
    expect(unknownEdge.json().error.code).toBe(100);
  });
});

describe("control endpoints", () => {
  it("injects faults for the next N calls, then recovers", async () => {
    const set = await app.inject({
      method: "POST",
      url: "/_sim/faults",
      payload: { count: 2, status: 429, retryAfter: 3 },
    });
    expect(set.statusCode).toBe(201);
    expect((await app.inject({ url: "/_sim/health" })).json()).toEqual({
      status: "ok",
      calls: 0,
      pendingFaults: 2,
    });

    const first = await app.inject({
      method: "POST",
      url: "/2/tweets",
      headers: bearer,
      payload: { text: "a" },
    });
    expect(first.statusCode).toBe(429);
    expect(first.headers["retry-after"]).toBe("3");
    expect(first.json()).toMatchObject({ title: "Too Many Requests", status: 429 });
    const second = await app.inject({
      method: "POST",
      url: "/1001/messages",
      headers: bearer,
      payload: {},
    });
    expect(second.statusCode).toBe(429);
    expect(second.json().error).toMatchObject({ code: 4, is_transient: true });
    const third = await app.inject({
      method: "POST",
      url: "/2/tweets",
      headers: bearer,
      payload: { text: "a" },
    });
    expect(third.statusCode).toBe(201);

    const recorded = await calls();
    expect(recorded.map((c) => [c.status, c.fault])).toEqual([
      [429, true],
      [429, true],
      [201, false],
    ]);
  });

  it("limits faults to one platform and validates the request", async () => {
    await app.inject({
      method: "POST",
      url: "/_sim/faults",
      payload: { count: 1, status: 503, platform: "facebook" },
    });
    expect(
      (
        await app.inject({
          method: "POST",
          url: "/2/tweets",
          headers: bearer,
          payload: { text: "a" },
        })
      ).statusCode,
    ).toBe(201);
    const fb = await app.inject({
      method: "POST",
      url: "/1001/comments",
      headers: bearer,
      payload: { message: "x" },
    });
    expect(fb.statusCode).toBe(503);
    expect(fb.json().error).toMatchObject({ code: 2, is_transient: true });

    const bad = await app.inject({
      method: "POST",
      url: "/_sim/faults",
      payload: { count: 0, status: 200 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/count, status/);
  });

  it("filters and clears recorded calls", async () => {
    await app.inject({ method: "POST", url: "/2/tweets", headers: bearer, payload: { text: "a" } });
    await app.inject({
      method: "POST",
      url: "/1001/comments",
      headers: bearer,
      payload: { message: "b" },
    });
    expect(await calls("x")).toHaveLength(1);
    expect(await calls("facebook")).toHaveLength(1);
    expect((await app.inject({ url: "/_sim/calls?since=1" })).json().calls).toHaveLength(1);
    expect((await app.inject({ url: "/_sim/calls?platform=mastodon" })).statusCode).toBe(400);
    expect((await app.inject({ method: "DELETE", url: "/_sim/calls" })).statusCode).toBe(204);
    expect(await calls()).toEqual([]);
  });
});

describe("mounting", () => {
  it("works as a plugin under a prefix inside another app", async () => {
    const host = Fastify();
    host.get("/healthz", async () => ({ ok: true }));
    const shared = createPlatformState({ xAccount: { id: "42", username: "acme" } });
    await host.register(platformPlugin, { prefix: "/simulator", state: shared });
    const res = await host.inject({
      method: "POST",
      url: "/simulator/v19.0/1001/messages",
      headers: bearer,
      payload: { recipient: { id: "9" }, messaging_type: "RESPONSE", message: { text: "hi" } },
    });
    expect(res.statusCode).toBe(200);
    const me = await host.inject({ url: "/simulator/2/users/me", headers: bearer });
    expect(me.json().data.username).toBe("acme");
    expect(shared.calls.map((c) => c.path)).toEqual(["/1001/messages", "/2/users/me"]);
    expect((await host.inject({ url: "/healthz" })).json()).toEqual({ ok: true });
    await host.close();
  });

  it("starts standalone on a loopback port", async () => {
    const server = await startPlatformServer({ port: 0 });
    try {
      const res = await fetch(`${server.url}/2/tweets`, {
        method: "POST",
        headers: { ...bearer, "content-type": "application/json" },
        body: JSON.stringify({ text: "live" }),
      });
      expect(res.status).toBe(201);
      expect(server.state.calls).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import type { ChannelRow } from "../src/db/schema/index.ts";
import { signFacebook, signX } from "../src/lib/webhook-signatures.ts";
import { createChannel } from "../src/modules/channels/create-channel.ts";
import type { TestApp } from "./helpers.ts";

export const X_BRAND = {
  userId: "3001",
  handle: "telekom_hilft",
  consumerSecret: "x-consumer-secret-1",
  accessToken: "x-access-token-1",
};
export const FB_PAGE = {
  pageId: "1001",
  appSecret: "fb-app-secret-1",
  verifyToken: "fb-verify-token-1",
  pageToken: "fb-page-token-1",
};

export interface RecordedCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

/**
 * A stand-in for the platforms' outbound APIs on a local port: records calls, answers
 * like X and Graph do, and fails the next N calls on request.
 */
export async function startRecorder(): Promise<{
  url: string;
  calls: RecordedCall[];
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}> {
  const calls: RecordedCall[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  let seq = 9_000_000;
  const app: FastifyInstance = Fastify();
  app.route({
    method: ["POST", "PUT"],
    url: "/*",
    handler: async (request, reply) => {
      const call = {
        method: request.method,
        path: request.url,
        body: (request.body ?? {}) as Record<string, unknown>,
        authorization: request.headers.authorization,
      };
      calls.push(call);
      if (failures.count > 0) {
        failures.count--;
        return reply
          .status(failures.status)
          .send({ error: { message: "simulated failure", code: 2 } });
      }
      seq++;
      if (call.path === "/2/tweets")
        return reply.status(201).send({ data: { id: String(seq), text: call.body.text } });
      if (call.path.startsWith("/2/dm_conversations/")) {
        return reply
          .status(201)
          .send({ data: { dm_conversation_id: "c1", dm_event_id: String(seq) } });
      }
      if (call.path.endsWith("/messages")) return { recipient_id: "r", message_id: `m_${seq}` };
      if (call.path.endsWith("/comments")) return { id: `1001_${seq}` };
      if (call.method === "PUT" && call.path.endsWith("/hidden")) {
        return { data: { hidden: call.body.hidden === true } };
      }
      return { success: true };
    },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext: (count, status) => {
      failures = { count, status };
    },
    close: () => app.close(),
  };
}

export async function connectChannels(
  t: TestApp,
  apiBaseUrl: string,
): Promise<{ x: ChannelRow; facebook: ChannelRow }> {
  const workspace = await t.services.workspaces.ensure("test", "Test workspace");
  const x = await createChannel(t.services, workspace.id, { kind: "x", ...X_BRAND, apiBaseUrl });
  const facebook = await createChannel(t.services, workspace.id, {
    kind: "facebook",
    ...FB_PAGE,
    apiBaseUrl,
  });
  return { x, facebook };
}

export function postX(t: TestApp, body: unknown, secret = X_BRAND.consumerSecret) {
  const raw = JSON.stringify(body);
  return t.app.inject({
    method: "POST",
    url: "/webhooks/x",
    headers: {
      "content-type": "application/json",
      "x-twitter-webhooks-signature": signX(secret, raw),
    },
    payload: raw,
  });
}

export function postFacebook(t: TestApp, body: unknown, secret = FB_PAGE.appSecret) {
  const raw = JSON.stringify(body);
  return t.app.inject({
    method: "POST",
    url: "/webhooks/facebook",
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signFacebook(secret, raw),
    },
    payload: raw,
  });
}

/** Polls until `check` returns a value (background workers are asynchronous). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

let tweetSeq = 1_000_000;
export const nextId = () => String(++tweetSeq);

/** A tweet_create_events payload as X's Account Activity API sends it. */
export function tweetEvent(tweet: {
  id: string;
  text: string;
  user: { id: string; screen_name: string; name: string };
  inReplyTo?: { statusId: string; userId: string; screenName: string };
  at?: Date;
  /** The brand account it mentions (a browser test's own channel); X_BRAND by default. */
  brand?: { userId: string; handle: string };
}) {
  const at = tweet.at ?? new Date();
  const brand = tweet.brand ?? X_BRAND;
  return {
    for_user_id: brand.userId,
    tweet_create_events: [
      {
        created_at: at.toUTCString().replace(/GMT/, "+0000"),
        id: Number(tweet.id),
        id_str: tweet.id,
        text: tweet.text,
        truncated: false,
        in_reply_to_status_id: tweet.inReplyTo ? Number(tweet.inReplyTo.statusId) : null,
        in_reply_to_status_id_str: tweet.inReplyTo?.statusId ?? null,
        in_reply_to_user_id: tweet.inReplyTo ? Number(tweet.inReplyTo.userId) : null,
        in_reply_to_user_id_str: tweet.inReplyTo?.userId ?? null,
        in_reply_to_screen_name: tweet.inReplyTo?.screenName ?? null,
        user: {
          id: Number(tweet.user.id),
          id_str: tweet.user.id,
          name: tweet.user.name,
          screen_name: tweet.user.screen_name,
          profile_image_url_https: `https://pbs.twimg.com/profile_images/${tweet.user.id}/a_normal.jpg`,
        },
        is_quote_status: false,
        entities: {
          hashtags: [],
          urls: [],
          user_mentions: [{ screen_name: brand.handle, id_str: brand.userId, indices: [0, 14] }],
        },
        timestamp_ms: String(at.getTime()),
        lang: "de",
      },
    ],
  };
}

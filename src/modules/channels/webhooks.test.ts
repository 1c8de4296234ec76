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
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { signFacebook, signX } from "../../lib/webhook-signatures.ts";

let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp();
  await connectChannels(t, recorder.url);
});
afterAll(async () => {
  await t?.close();
  await recorder?.close();
});

const countEvents = async () =>
  Number(
    (
      await t.services.database.withConnection((c) =>
        c.query<{ n: string }>("SELECT count(*) AS n FROM webhook_events"),
      )
    ).rows[0]!.n,
  );

const messagesWithPlatformId = (id: string) =>
  t.services.database.withConnection((c) =>
    c.query<{
      id: string;
      conversation_id: string;
      text: string;
      deleted_at: string | null;
      favorite_count: number;
      direction: string;
    }>("SELECT * FROM messages WHERE platform_id = $1", [id]),
  );

const customer = (n: number) => ({
  id: String(7000 + n),
  screen_name: `kunde_${n}`,
  name: `Kunde ${n}`,
});

describe("X webhook security", () => {
  it("answers the CRC challenge with the consumer secret", async () => {
    const res = await t.app.inject({ url: "/webhooks/x?crc_token=abc123" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ response_token: signX(X_BRAND.consumerSecret, "abc123") });
    expect((await t.app.inject({ url: "/webhooks/x" })).statusCode).toBe(400);
  });

  it("refuses missing, malformed, wrong-secret and altered deliveries, storing nothing", async () => {
    const before = await countEvents();
    const raw = JSON.stringify(tweetEvent({ id: nextId(), text: "Hallo", user: customer(1) }));
    const send = (headers: Record<string, string>, payload = raw) =>
      t.app.inject({
        method: "POST",
        url: "/webhooks/x",
        headers: { "content-type": "application/json", ...headers },
        payload,
      });
    const good = signX(X_BRAND.consumerSecret, raw);
    const cases = [
      await send({}),
      await send({ "x-twitter-webhooks-signature": "garbage" }),
      await send({ "x-twitter-webhooks-signature": signX("another-apps-secret", raw) }),
      await send({ "x-twitter-webhooks-signature": good }, raw.replace("Hallo", "Hallp")),
      await send({ "x-twitter-webhooks-signature": good }, `${raw} `),
    ];
    for (const res of cases) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("invalid_signature");
    }
    expect(await countEvents()).toBe(before);
  });
});

describe("Facebook webhook security", () => {
  it("completes the verify handshake only with the right token", async () => {
    const ok = await t.app.inject({
      url: `/webhooks/facebook?hub.mode=subscribe&hub.verify_token=${FB_PAGE.verifyToken}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe("1158201444");
    const wrong = await t.app.inject({
      url: "/webhooks/facebook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1",
    });
    expect(wrong.statusCode).toBe(401);
  });

  it("refuses a bad X-Hub-Signature-256 and stores nothing", async () => {
    const before = await countEvents();
    const raw = JSON.stringify({
      object: "page",
      entry: [{ id: FB_PAGE.pageId, time: 1, messaging: [] }],
    });
    for (const sig of [
      undefined,
      "sha256=00",
      signFacebook("other-app", raw),
      signFacebook(FB_PAGE.appSecret, `${raw}x`),
    ]) {
      const res = await t.app.inject({
        method: "POST",
        url: "/webhooks/facebook",
        headers: {
          "content-type": "application/json",
          ...(sig ? { "x-hub-signature-256": sig } : {}),
        },
        payload: raw,
      });
      expect(res.statusCode).toBe(401);
    }
    expect(await countEvents()).toBe(before);
  });
});

describe("X ingestion", () => {
  it("stores a mention once, however often it is delivered", async () => {
    const id = nextId();
    const body = tweetEvent({
      id,
      text: "@telekom_hilft Mein Internet ist seit heute Morgen weg",
      user: customer(2),
    });
    for (let i = 0; i < 5; i++) expect((await postX(t, body)).statusCode).toBe(200);
    const rows = await eventually(async () => {
      const r = await messagesWithPlatformId(id);
      return r.rows.length ? r.rows : undefined;
    });
    // Give a wrongly duplicated copy time to appear before counting.
    await new Promise((r) => setTimeout(r, 300));
    expect((await messagesWithPlatformId(id)).rows).toHaveLength(1);
    expect(rows[0]!.direction).toBe("inbound");
  });

  it("threads a reply that arrives before its parent, and a deeper reply, into one conversation", async () => {
    const root = nextId();
    const child = nextId();
    const grandchild = nextId();
    const who = customer(3);
    const brand = { statusId: "", userId: X_BRAND.userId, screenName: X_BRAND.handle };
    await postX(
      t,
      tweetEvent({
        id: grandchild,
        text: "Und jetzt?",
        user: who,
        inReplyTo: { ...brand, statusId: child },
      }),
    );
    await postX(
      t,
      tweetEvent({
        id: child,
        text: "Immer noch kaputt",
        user: who,
        inReplyTo: { ...brand, statusId: root },
      }),
    );
    await postX(t, tweetEvent({ id: root, text: "@telekom_hilft Router blinkt rot", user: who }));
    const conversationIds = await eventually(async () => {
      const ids = await Promise.all(
        [root, child, grandchild].map(
          async (id) => (await messagesWithPlatformId(id)).rows[0]?.conversation_id,
        ),
      );
      return ids.every(Boolean) && new Set(ids).size === 1 ? ids : undefined;
    });
    expect(new Set(conversationIds).size).toBe(1);
  });

  it("honours a delete: our copy of the text is removed and the message marked deleted", async () => {
    const id = nextId();
    await postX(
      t,
      tweetEvent({ id, text: "Meine IBAN ist DE89370400440532013000", user: customer(4) }),
    );
    await eventually(async () => (await messagesWithPlatformId(id)).rows[0]);
    await postX(t, {
      for_user_id: X_BRAND.userId,
      tweet_delete_events: [
        { status: { id, user_id: customer(4).id }, timestamp_ms: String(Date.now()) },
      ],
    });
    const row = await eventually(async () => {
      const r = (await messagesWithPlatformId(id)).rows[0];
      return r?.deleted_at ? r : undefined;
    });
    expect(row.text).toBe("");
  });

  it("stores a tweet that was deleted before it arrived as deleted", async () => {
    const id = nextId();
    await postX(t, {
      for_user_id: X_BRAND.userId,
      tweet_delete_events: [
        { status: { id, user_id: customer(5).id }, timestamp_ms: String(Date.now()) },
      ],
    });
    await postX(t, tweetEvent({ id, text: "ups, falsch gepostet", user: customer(5) }));
    const row = await eventually(async () => (await messagesWithPlatformId(id)).rows[0]);
    expect(row.deleted_at).not.toBeNull();
    expect(row.text).toBe("");
  });

  it("counts favourites and ingests DMs with the users map", async () => {
    const id = nextId();
    const who = customer(6);
    await postX(t, tweetEvent({ id, text: "Danke für die schnelle Hilfe!", user: who }));
    await eventually(async () => (await messagesWithPlatformId(id)).rows[0]);
    await postX(t, {
      for_user_id: X_BRAND.userId,
      favorite_events: [
        {
          id: "fav1",
          created_at: new Date().toUTCString(),
          timestamp_ms: Date.now(),
          favorited_status: { id_str: id, user: { id_str: who.id } },
          user: { id_str: "9", screen_name: "fan" },
        },
      ],
    });
    await eventually(
      async () => ((await messagesWithPlatformId(id)).rows[0]?.favorite_count ?? 0) === 1,
    );

    const dmId = nextId();
    await postX(t, {
      for_user_id: X_BRAND.userId,
      direct_message_events: [
        {
          type: "message_create",
          id: dmId,
          created_timestamp: String(Date.now()),
          message_create: {
            target: { recipient_id: X_BRAND.userId },
            sender_id: who.id,
            message_data: { text: "Meine Kundennummer schicke ich privat", entities: {} },
          },
        },
      ],
      users: {
        [who.id]: {
          id: who.id,
          name: who.name,
          screen_name: who.screen_name,
          profile_image_url_https: "https://pbs.twimg.com/x.jpg",
        },
        [X_BRAND.userId]: {
          id: X_BRAND.userId,
          name: "Telekom hilft",
          screen_name: X_BRAND.handle,
        },
      },
    });
    const dm = await eventually(async () => (await messagesWithPlatformId(dmId)).rows[0]);
    const detail = await t.services.inbox.findConversation(
      (await t.services.workspaces.findBySlug("test"))!.id,
      dm.conversation_id,
    );
    expect(detail?.visibility).toBe("private");
    expect(detail?.threadKey).toBe(`x:dm:${who.id}`);
  });
});

describe("Facebook ingestion", () => {
  const entry = (body: Record<string, unknown>) => ({
    object: "page",
    entry: [{ id: FB_PAGE.pageId, time: Date.now(), ...body }],
  });

  it("handles Messenger messages, edits, deletes and postbacks", async () => {
    const psid = "2400001";
    const mid = `m_${nextId()}`;
    const messaging = (m: Record<string, unknown>) =>
      entry({
        messaging: [
          { sender: { id: psid }, recipient: { id: FB_PAGE.pageId }, timestamp: Date.now(), ...m },
        ],
      });
    await postFacebook(t, messaging({ message: { mid, text: "Hallo, mein Vertrag" } }));
    await eventually(async () => (await messagesWithPlatformId(mid)).rows[0]);
    await postFacebook(
      t,
      messaging({ message_edit: { mid, text: "Hallo, mein Vertrag läuft aus", num_edit: 1 } }),
    );
    await eventually(
      async () =>
        (await messagesWithPlatformId(mid)).rows[0]?.text === "Hallo, mein Vertrag läuft aus",
    );
    const pb = `pb_${nextId()}`;
    await postFacebook(
      t,
      messaging({ postback: { title: "Tarif wechseln", payload: "TARIFF_CHANGE", mid: pb } }),
    );
    const postback = await eventually(async () => (await messagesWithPlatformId(pb)).rows[0]);
    expect(postback.text).toBe("Tarif wechseln");
    await postFacebook(t, messaging({ message: { mid, is_deleted: true } }));
    await eventually(async () => (await messagesWithPlatformId(mid)).rows[0]?.deleted_at);
  });

  it("threads feed comments and replies, applies edits and removals", async () => {
    const post = `${FB_PAGE.pageId}_${nextId()}`;
    const c1 = `${post.split("_")[1]}_${nextId()}`;
    const c2 = `${post.split("_")[1]}_${nextId()}`;
    const change = (value: Record<string, unknown>) =>
      entry({
        changes: [
          {
            field: "feed",
            value: { post_id: post, created_time: Math.floor(Date.now() / 1000), ...value },
          },
        ],
      });
    await postFacebook(
      t,
      change({
        item: "comment",
        verb: "add",
        comment_id: c2,
        parent_id: c1,
        from: { id: "5501", name: "Lena" },
        message: "Bei mir auch!",
      }),
    );
    await postFacebook(
      t,
      change({
        item: "comment",
        verb: "add",
        comment_id: c1,
        parent_id: post,
        from: { id: "5500", name: "Jan" },
        message: "Störung in Köln?",
      }),
    );
    const ids = await eventually(async () => {
      const a = (await messagesWithPlatformId(c1)).rows[0]?.conversation_id;
      const b = (await messagesWithPlatformId(c2)).rows[0]?.conversation_id;
      return a && a === b ? [a, b] : undefined;
    });
    expect(ids[0]).toBe(ids[1]);
    await postFacebook(
      t,
      change({
        item: "comment",
        verb: "edited",
        comment_id: c1,
        parent_id: post,
        from: { id: "5500", name: "Jan" },
        message: "Störung in Köln-Ehrenfeld?",
      }),
    );
    await eventually(
      async () => (await messagesWithPlatformId(c1)).rows[0]?.text === "Störung in Köln-Ehrenfeld?",
    );
    await postFacebook(
      t,
      change({
        item: "comment",
        verb: "remove",
        comment_id: c2,
        parent_id: c1,
        from: { id: "5501", name: "Lena" },
      }),
    );
    await eventually(async () => (await messagesWithPlatformId(c2)).rows[0]?.deleted_at);
  });
});

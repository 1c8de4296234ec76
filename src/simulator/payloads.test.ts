import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { signFacebook, signX, verifyFacebook, verifyX } from "../lib/webhook-signatures.ts";
import { BRAND_X, fixtures, JAMIE, LENA } from "./fixtures.ts";
import {
  fbFeed,
  fbMessages,
  serialize,
  xDate,
  xDirectMessage,
  xFavorite,
  xTweetCreate,
  xTweetDelete,
  xUserRevoke,
} from "./payloads.ts";
import { FIXTURES_DIR, minifyJson } from "./write-fixtures.ts";

const when = new Date("2018-10-10T20:19:24Z");

describe("serialize", () => {
  it("writes X's 64-bit ids as exact bare numbers and parses back to the same object", () => {
    const body = xTweetCreate({
      forUserId: "3001",
      tweets: [{ id: "1050118621198921728", text: "hi", user: LENA, createdAt: when }],
    });
    const text = serialize(body);
    expect(text).toContain('"id":1050118621198921728,"id_str":"1050118621198921728"');
    expect(text).toContain('"id":1479283746593845248,"id_str":"1479283746593845248"');
    expect(JSON.parse(text)).toEqual(body);
    expect(serialize(body, { indent: 2 })).toContain('  "for_user_id": "3001",\n');
  });
});

describe("X builders", () => {
  it("builds a mention like X's tweet_create_events example, signed verifiably", () => {
    const body = xTweetCreate({
      forUserId: BRAND_X.id,
      tweets: [
        {
          id: "1050118621198921728",
          text: "@telekom_hilft Kein Netz #störung https://example.com/x",
          user: LENA,
          mentions: [{ id: "3001", screenName: "telekom_hilft", name: "Telekom hilft" }],
          createdAt: when,
        },
      ],
    });
    const tweet = body.tweet_create_events[0]!;
    expect(body.for_user_id).toBe("3001");
    expect(body.user_has_blocked).toBe(false);
    expect(tweet.created_at).toBe("Wed Oct 10 20:19:24 +0000 2018");
    expect(tweet.id_str).toBe("1050118621198921728");
    expect(tweet.timestamp_ms).toBe("1539202764000");
    expect(tweet.truncated).toBe(false);
    expect(tweet.user.screen_name).toBe("lena_koeln");
    expect(tweet.user.profile_image_url_https).toMatch(/^https:\/\//);
    expect(tweet.entities.user_mentions).toEqual([
      {
        screen_name: "telekom_hilft",
        name: "Telekom hilft",
        id: 3001,
        id_str: "3001",
        indices: [0, 14],
      },
    ]);
    expect(tweet.entities.hashtags).toEqual([{ text: "störung", indices: [25, 33] }]);
    expect(tweet.entities.urls[0]).toMatchObject({
      expanded_url: "https://example.com/x",
      display_url: "example.com/x",
      indices: [34, 57],
    });
    expect(tweet.text).toMatch(/#störung https:\/\/t\.co\/\w{10}$/);
    expect(tweet.lang).toBe("de");

    const raw = Buffer.from(serialize(body));
    expect(verifyX("consumer-secret", raw, signX("consumer-secret", raw))).toBe(true);
  });

  it("truncates texts over 140 characters and keeps the full text in extended_tweet", () => {
    const long = `@telekom_hilft ${"Mein Anschluss fällt ständig aus. ".repeat(6)}`.trim();
    const tweet = xTweetCreate({
      forUserId: "3001",
      tweets: [{ id: "1", text: long, user: JAMIE, inReplyToStatusId: "2", createdAt: when }],
    }).tweet_create_events[0]!;
    expect(tweet.truncated).toBe(true);
    expect([...tweet.text]).toHaveLength(140);
    expect(tweet.text).toMatch(/… https:\/\/t\.co\/\w{10}$/);
    expect(tweet.extended_tweet?.full_text).toBe(long);
    expect(tweet.extended_tweet?.display_text_range).toEqual([15, [...long].length]);
    expect(tweet.entities.urls[0]?.expanded_url).toBe("https://twitter.com/i/web/status/1");
  });

  it("marks quotes and replies", () => {
    const tweet = xTweetCreate({
      forUserId: "3001",
      tweets: [
        {
          id: "10",
          text: "Genau so! @telekom_hilft",
          user: LENA,
          inReplyToStatusId: "9",
          inReplyToUserId: "3001",
          inReplyToScreenName: "telekom_hilft",
          quotedStatus: { id: "8", text: "Neu: Glasfaser", user: BRAND_X, createdAt: when },
          createdAt: when,
        },
      ],
    }).tweet_create_events[0]!;
    expect(tweet.is_quote_status).toBe(true);
    expect(tweet.quoted_status_id_str).toBe("8");
    expect(tweet.quoted_status?.user.screen_name).toBe("telekom_hilft");
    expect(tweet.quoted_status_permalink?.expanded).toBe(
      "https://twitter.com/telekom_hilft/status/8",
    );
    expect(tweet.in_reply_to_status_id_str).toBe("9");
    expect(tweet.in_reply_to_user_id_str).toBe("3001");
    expect(tweet.in_reply_to_screen_name).toBe("telekom_hilft");
  });

  it("builds direct messages with the users map and the sending app", () => {
    const body = xDirectMessage({
      forUserId: "3001",
      events: [
        {
          id: "77",
          createdAt: when,
          senderId: "3001",
          recipientId: LENA.id,
          text: "Hallo",
          sourceAppId: "5",
        },
      ],
      users: [BRAND_X, LENA],
    });
    const event = body.direct_message_events[0]!;
    expect(event).toMatchObject({
      type: "message_create",
      id: "77",
      created_timestamp: "1539202764000",
      message_create: {
        target: { recipient_id: LENA.id },
        sender_id: "3001",
        source_app_id: "5",
        message_data: { text: "Hallo", entities: { hashtags: [], urls: [], user_mentions: [] } },
      },
    });
    expect(Object.keys(body.users)).toEqual(["3001", LENA.id]);
    expect(body.users[LENA.id]).toMatchObject({ id: LENA.id, screen_name: "lena_koeln" });
    expect(body.apps?.["5"]?.id).toBe("5");
  });

  it("builds deletes, favourites and revokes as documented", () => {
    expect(xTweetDelete({ forUserId: "3001", tweetId: "12", userId: "44", at: when })).toEqual({
      for_user_id: "3001",
      tweet_delete_events: [{ status: { id: "12", user_id: "44" }, timestamp_ms: "1539202764000" }],
    });
    const fav = xFavorite({
      forUserId: "3001",
      id: "a7ba59eab0bfcba386f7acedac279542",
      tweet: { id: "5", text: "Gern!", user: BRAND_X, createdAt: when },
      user: JAMIE,
      at: when,
    });
    expect(fav.favorite_events[0]).toMatchObject({
      id: "a7ba59eab0bfcba386f7acedac279542",
      created_at: xDate(when),
      timestamp_ms: 1539202764000,
      favorited_status: { id_str: "5" },
      user: { id_str: JAMIE.id },
    });
    expect(xUserRevoke({ forUserId: "3001", appId: "13090192", at: when })).toEqual({
      for_user_id: "3001",
      user_event: {
        revoke: {
          date_time: "2018-10-10T20:19:24+00:00",
          target: { app_id: "13090192" },
          source: { user_id: "3001" },
        },
      },
    });
  });
});

describe("Facebook builders", () => {
  it("builds Messenger messages, echoes, edits, deletes and postbacks", () => {
    const body = fbMessages({
      pageId: "1001",
      time: 1458692752478,
      events: [
        { kind: "message", psid: "u1", mid: "m1", text: "Hallo", timestamp: 1458692752000 },
        { kind: "message", psid: "u1", mid: "m2", text: "Gern", isEcho: true },
        { kind: "edit", psid: "u1", mid: "m1", text: "Hallo!", numEdit: 1 },
        { kind: "delete", psid: "u1", mid: "m1" },
        { kind: "postback", psid: "u1", mid: "m3", title: "Start", payload: "GET_STARTED" },
      ],
    });
    expect(body.object).toBe("page");
    expect(body.entry).toHaveLength(5);
    const [msg, echo, edit, del, postback] = body.entry.map((e) => e.messaging[0]);
    expect(msg).toEqual({
      sender: { id: "u1" },
      recipient: { id: "1001" },
      timestamp: 1458692752000,
      message: { mid: "m1", text: "Hallo" },
    });
    expect(echo?.sender).toEqual({ id: "1001" });
    expect(echo?.recipient).toEqual({ id: "u1" });
    expect(echo?.message).toMatchObject({ is_echo: true, mid: "m2", text: "Gern" });
    expect(edit?.message_edit).toEqual({ mid: "m1", text: "Hallo!", num_edit: 1 });
    expect(del?.message).toEqual({ mid: "m1", is_deleted: true });
    expect(postback?.postback).toEqual({ title: "Start", payload: "GET_STARTED", mid: "m3" });

    const raw = Buffer.from(serialize(body));
    expect(verifyFacebook("app-secret", raw, signFacebook("app-secret", raw))).toBe(true);
  });

  it("builds feed changes for comments, replies, removals and visitor posts", () => {
    const from = { id: "60", name: "Anna" };
    const body = fbFeed({
      pageId: "1001",
      time: 1520383571,
      changes: [
        {
          item: "comment",
          verb: "add",
          commentId: "2_3",
          postId: "1001_2",
          from,
          message: "Hi",
          createdTime: 1520383571,
        },
        {
          item: "comment",
          verb: "add",
          commentId: "2_4",
          postId: "1001_2",
          parentId: "2_3",
          from,
          message: "Re",
          createdTime: 1520383572,
        },
        {
          item: "comment",
          verb: "remove",
          commentId: "2_4",
          postId: "1001_2",
          parentId: "2_3",
          from,
          createdTime: 1520383573,
        },
        {
          item: "post",
          verb: "add",
          postId: "1001_5",
          from,
          message: "Post",
          createdTime: 1520383574,
        },
      ],
    });
    const values = body.entry[0]!.changes.map((c) => {
      expect(c.field).toBe("feed");
      return c.value;
    });
    expect(values[0]).toMatchObject({
      from,
      post: {
        id: "1001_2",
        status_type: "mobile_status_update",
        updated_time: "2018-03-07T00:46:11+0000",
      },
      message: "Hi",
      post_id: "1001_2",
      comment_id: "2_3",
      parent_id: "1001_2",
      created_time: 1520383571,
      item: "comment",
      verb: "add",
    });
    expect(values[1]?.parent_id).toBe("2_3");
    expect(values[2]).not.toHaveProperty("message");
    expect(values[2]?.verb).toBe("remove");
    expect(values[3]).toMatchObject({ item: "post", verb: "add", published: 1, post_id: "1001_5" });
    expect(values[3]).not.toHaveProperty("comment_id");
  });
});

describe("fixtures", () => {
  it.each(fixtures.map((f) => [f.file, f] as const))("%s is up to date and signs", (_, f) => {
    const raw = readFileSync(join(FIXTURES_DIR, f.file));
    expect(minifyJson(raw.toString("utf8"))).toBe(serialize(f.body));
    const parsed = JSON.parse(raw.toString("utf8"));
    if (f.platform === "x") {
      expect(parsed.for_user_id).toBe("3001");
      expect(verifyX("s", raw, signX("s", raw))).toBe(true);
    } else {
      expect(parsed.object).toBe("page");
      expect(parsed.entry[0].id).toBe("1001");
      expect(verifyFacebook("s", raw, signFacebook("s", raw))).toBe(true);
    }
  });

  it("covers every event type once", () => {
    expect(fixtures.map((f) => f.file).sort()).toEqual(
      [
        "x/mention.json",
        "x/reply-to-brand-tweet.json",
        "x/quote-tweet.json",
        "x/dm-incoming.json",
        "x/dm-echo.json",
        "x/tweet-delete.json",
        "x/favorite.json",
        "x/user-revoke.json",
        "facebook/messenger-message.json",
        "facebook/messenger-echo.json",
        "facebook/messenger-edit.json",
        "facebook/messenger-delete.json",
        "facebook/messenger-postback.json",
        "facebook/feed-comment-add.json",
        "facebook/feed-comment-reply.json",
        "facebook/feed-comment-edited.json",
        "facebook/feed-comment-remove.json",
        "facebook/feed-visitor-post.json",
      ].sort(),
    );
  });
});

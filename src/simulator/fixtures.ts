import { fbFeed, fbMessages } from "./facebook-payloads.ts";
import type { FacebookWebhookBody, XWebhookBody } from "./payloads.ts";
import {
  type XTweetInput,
  type XUserInput,
  xDirectMessage,
  xFavorite,
  xTweetCreate,
  xTweetDelete,
  xUserRevoke,
} from "./x-payloads.ts";

/**
 * The source of `test/fixtures/{x,facebook}/*.json`: one webhook body per event type,
 * built with the same builders the simulator uses, with fixed times and ids that fit
 * together across files (see test/fixtures/README.md). `npx tsx
 * src/simulator/write-fixtures.ts` rewrites the files; a test keeps them in step.
 */

export const BRAND_X: XUserInput = {
  id: "3001",
  screenName: "telekom_hilft",
  name: "Telekom hilft",
  verified: true,
  followersCount: 181_000,
  location: "Bonn",
  description: "Wir helfen dir rund um die Uhr. Impressum: telekom.de/impressum",
  profileImageUrl: "https://pbs.twimg.com/profile_images/3001/telekom_hilft_normal.jpg",
};
export const LENA: XUserInput = {
  id: "1479283746593845248",
  screenName: "lena_koeln",
  name: "Lena Müller",
  location: "Köln",
  profileImageUrl: "https://pbs.twimg.com/profile_images/1479283746593845248/lena_normal.jpg",
  createdAt: new Date("2022-01-07T03:11:02Z"),
};
export const JAMIE: XUserInput = {
  id: "218539412",
  screenName: "jdoe_berlin",
  name: "Jamie Doe",
  location: "Berlin",
  createdAt: new Date("2010-11-22T18:45:30Z"),
};
export const X_APP_ID = "28452938";
export const FB_PAGE_ID = "1001";
export const FB_APP_ID = 1517776481860111;
/** Messenger page-scoped ids (PSIDs). */
export const ANNA_PSID = "24601234567890123";
export const JOHN_PSID = "7712345678901234";
/** Feed events carry other ids for the same people than Messenger does. */
export const ANNA_FEED = { id: "6012345678901234", name: "Anna Schmidt" };
export const JOHN_FEED = { id: "6098765432109876", name: "John Miller" };
export const PAGE_POST_ID = "1001_5550001";
export const JOHN_COMMENT_ID = "5550001_7770001";
export const ANNA_REPLY_ID = "5550001_7770002";

const brandMention = { id: BRAND_X.id, screenName: BRAND_X.screenName, name: BRAND_X.name };
const at = (iso: string) => new Date(iso);
const secs = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const ms = (iso: string) => Date.parse(iso);

const brandAnnouncement: XTweetInput = {
  id: "1790059428049850401",
  text: "Gute Nachrichten für Köln: Bis Ende Juni schließen wir weitere 12.000 Haushalte ans Glasfasernetz an. Infos: https://www.telekom.de/glasfaser",
  user: BRAND_X,
  createdAt: at("2024-05-13T16:40:00Z"),
};
const brandReplyToJamie: XTweetInput = {
  id: "1790268325360570371",
  text: "@jdoe_berlin Hi Jamie, sorry to hear that! Could you send us a DM with your customer number and address? We'll check the line right away. ^SK",
  user: BRAND_X,
  inReplyToStatusId: "1790266000000000000",
  inReplyToUserId: JAMIE.id,
  inReplyToScreenName: JAMIE.screenName,
  mentions: [{ id: JAMIE.id, screenName: JAMIE.screenName, name: JAMIE.name }],
  createdAt: at("2024-05-14T06:30:05Z"),
  lang: "en",
};
const lenaMentionId = "1790263912952762389";

export interface Fixture {
  file: string;
  description: string;
  platform: "x" | "facebook";
  /** New messages hilft must store from it (edits, deletes, likes and revokes add none). */
  expectedMessages: number;
  body: XWebhookBody | FacebookWebhookBody;
}

export const fixtures: Fixture[] = [
  {
    file: "x/mention.json",
    description: "public @mention of the brand by Lena (German)",
    platform: "x",
    expectedMessages: 1,
    body: xTweetCreate({
      forUserId: BRAND_X.id,
      tweets: [
        {
          id: lenaMentionId,
          text: "@telekom_hilft Seit heute Morgen kein Internet in 50667 Köln, der Router blinkt nur rot. Ist da eine Störung? #Störung",
          user: LENA,
          mentions: [brandMention],
          createdAt: at("2024-05-14T06:12:33Z"),
        },
      ],
    }),
  },
  {
    file: "x/reply-to-brand-tweet.json",
    description:
      "Jamie replies to the brand's reply (English, over 140 characters: truncated + extended_tweet)",
    platform: "x",
    expectedMessages: 1,
    body: xTweetCreate({
      forUserId: BRAND_X.id,
      tweets: [
        {
          id: "1790276399395770398",
          text: "@telekom_hilft Thanks, just sent you a DM with my customer number. Still no signal since 8am in Berlin-Mitte though, and I work from home today. Any idea when it will be fixed?",
          user: JAMIE,
          inReplyToStatusId: brandReplyToJamie.id,
          inReplyToUserId: BRAND_X.id,
          inReplyToScreenName: BRAND_X.screenName,
          mentions: [brandMention],
          createdAt: at("2024-05-14T07:02:10Z"),
        },
      ],
    }),
  },
  {
    file: "x/quote-tweet.json",
    description: "Lena quotes the brand's fibre announcement",
    platform: "x",
    expectedMessages: 1,
    body: xTweetCreate({
      forUserId: BRAND_X.id,
      tweets: [
        {
          id: "1790279830336442410",
          text: "Schön wär's, wenn erstmal das bestehende Netz in Ehrenfeld funktionieren würde 🙄 @telekom_hilft",
          user: LENA,
          quotedStatus: brandAnnouncement,
          mentions: [brandMention],
          createdAt: at("2024-05-14T07:15:48Z"),
        },
      ],
    }),
  },
  {
    file: "x/dm-incoming.json",
    description: "Lena writes a direct message to the brand (with the users map)",
    platform: "x",
    expectedMessages: 1,
    body: xDirectMessage({
      forUserId: BRAND_X.id,
      events: [
        {
          id: "1790281151542202421",
          createdAt: at("2024-05-14T07:21:03Z"),
          senderId: LENA.id,
          recipientId: BRAND_X.id,
          text: "Hallo, meine Kundennummer ist 551234987. Der Techniker sollte heute zwischen 8 und 12 Uhr kommen, es war aber niemand da. Wer kann mir helfen?",
        },
      ],
      users: [LENA, BRAND_X],
    }),
  },
  {
    file: "x/dm-echo.json",
    description: "the brand's answer to Lena's DM, sent from an app (the echo X sends back)",
    platform: "x",
    expectedMessages: 1,
    body: xDirectMessage({
      forUserId: BRAND_X.id,
      events: [
        {
          id: "1790286000157626433",
          createdAt: at("2024-05-14T07:40:19Z"),
          senderId: BRAND_X.id,
          recipientId: LENA.id,
          sourceAppId: X_APP_ID,
          text: "Hallo Lena, das tut mir leid! Ich habe einen neuen Termin für morgen, 8–12 Uhr, eingestellt. Die Bestätigung kommt per SMS. ^SK",
        },
      ],
      users: [BRAND_X, LENA],
      apps: { [X_APP_ID]: { name: "hilft", url: "https://github.com/hilft" } },
    }),
  },
  {
    file: "x/tweet-delete.json",
    description: "Lena deletes her mention (x/mention.json)",
    platform: "x",
    expectedMessages: 0,
    body: xTweetDelete({
      forUserId: BRAND_X.id,
      tweetId: lenaMentionId,
      userId: LENA.id,
      at: at("2024-05-14T08:05:42Z"),
    }),
  },
  {
    file: "x/favorite.json",
    description: "Jamie likes the brand's reply to him",
    platform: "x",
    expectedMessages: 0,
    body: xFavorite({
      forUserId: BRAND_X.id,
      id: "a7ba59eab0bfcba386f7acedac279542",
      tweet: brandReplyToJamie,
      user: JAMIE,
      at: at("2024-05-14T07:55:00Z"),
    }),
  },
  {
    file: "x/user-revoke.json",
    description: "the brand account withdraws hilft's access",
    platform: "x",
    expectedMessages: 0,
    body: xUserRevoke({
      forUserId: BRAND_X.id,
      appId: X_APP_ID,
      at: at("2024-05-14T18:00:00Z"),
    }),
  },
  {
    file: "facebook/messenger-message.json",
    description: "Anna writes to the page on Messenger",
    platform: "facebook",
    expectedMessages: 1,
    body: fbMessages({
      pageId: FB_PAGE_ID,
      time: ms("2024-05-14T09:14:02.318Z"),
      events: [
        {
          kind: "message",
          psid: ANNA_PSID,
          mid: "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P",
          text: "Hallo! Ich ziehe am 1. Juni von Köln nach Hamburg. Kann ich meinen Festnetz- und Internetanschluss mitnehmen?",
          timestamp: ms("2024-05-14T09:14:01.927Z"),
        },
      ],
    }),
  },
  {
    file: "facebook/messenger-echo.json",
    description: "the page's answer to Anna, echoed back (sender = page)",
    platform: "facebook",
    expectedMessages: 1,
    body: fbMessages({
      pageId: FB_PAGE_ID,
      time: ms("2024-05-14T09:20:45.102Z"),
      events: [
        {
          kind: "message",
          isEcho: true,
          appId: FB_APP_ID,
          psid: ANNA_PSID,
          mid: "m_Bq7rT1cXoP9sLk2WvYzA4dEfGhIjKlMnOpQrStUvWxYz0123456789abcdefGhIjKlMnOpQrStUvWxYz01",
          text: "Hallo Anna, ja, das geht! Am einfachsten online unter telekom.de/umzug – oder ich erledige das hier für dich. Nenne mir bitte deine neue Adresse. ^MB",
          timestamp: ms("2024-05-14T09:20:44.871Z"),
        },
      ],
    }),
  },
  {
    file: "facebook/messenger-edit.json",
    description: "Anna corrects the date in her message (same mid as messenger-message.json)",
    platform: "facebook",
    expectedMessages: 0,
    body: fbMessages({
      pageId: FB_PAGE_ID,
      time: ms("2024-05-14T09:16:30.550Z"),
      events: [
        {
          kind: "edit",
          psid: ANNA_PSID,
          mid: "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P",
          text: "Hallo! Ich ziehe am 15. Juni von Köln nach Hamburg. Kann ich meinen Festnetz- und Internetanschluss mitnehmen?",
          numEdit: 1,
          timestamp: ms("2024-05-14T09:16:30.211Z"),
        },
      ],
    }),
  },
  {
    file: "facebook/messenger-delete.json",
    description: "Anna unsends her message (same mid as messenger-message.json)",
    platform: "facebook",
    expectedMessages: 0,
    body: fbMessages({
      pageId: FB_PAGE_ID,
      time: ms("2024-05-14T09:31:12.004Z"),
      events: [
        {
          kind: "delete",
          psid: ANNA_PSID,
          mid: "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P",
          timestamp: ms("2024-05-14T09:31:11.640Z"),
        },
      ],
    }),
  },
  {
    file: "facebook/messenger-postback.json",
    description: "John taps the 'Störung melden' button in the page's Messenger menu",
    platform: "facebook",
    expectedMessages: 1,
    body: fbMessages({
      pageId: FB_PAGE_ID,
      time: ms("2024-05-14T10:02:17.480Z"),
      events: [
        {
          kind: "postback",
          psid: JOHN_PSID,
          title: "Störung melden",
          payload: "REPORT_OUTAGE",
          mid: "m_Cx81Lm2Nn3Oo4Pp5Qq6Rr7Ss8Tt9Uu0Vv1Ww2Xx3Yy4Zz5Aa6Bb7Cc8Dd9Ee0Ff1Gg2Hh3Ii4Jj5Kk6",
          timestamp: ms("2024-05-14T10:02:17.133Z"),
        },
      ],
    }),
  },
  {
    file: "facebook/feed-comment-add.json",
    description: "John comments on the page's maintenance post (English)",
    platform: "facebook",
    expectedMessages: 1,
    body: fbFeed({
      pageId: FB_PAGE_ID,
      time: secs("2024-05-14T10:15:09Z"),
      changes: [
        {
          item: "comment",
          verb: "add",
          commentId: JOHN_COMMENT_ID,
          postId: PAGE_POST_ID,
          parentId: PAGE_POST_ID,
          from: JOHN_FEED,
          message:
            "Since the maintenance last night my connection drops every 10 minutes. Anyone else in Munich? Router restart didn't help.",
          createdTime: secs("2024-05-14T10:15:07Z"),
        },
      ],
    }),
  },
  {
    file: "facebook/feed-comment-reply.json",
    description: "Anna replies to John's comment (parent_id = his comment)",
    platform: "facebook",
    expectedMessages: 1,
    body: fbFeed({
      pageId: FB_PAGE_ID,
      time: secs("2024-05-14T10:21:40Z"),
      changes: [
        {
          item: "comment",
          verb: "add",
          commentId: ANNA_REPLY_ID,
          postId: PAGE_POST_ID,
          parentId: JOHN_COMMENT_ID,
          from: ANNA_FEED,
          message:
            "Ja, bei uns in München-Pasing genau dasselbe seit ca. 9 Uhr. Ständig Verbindungsabbrüche 😡",
          createdTime: secs("2024-05-14T10:21:38Z"),
        },
      ],
    }),
  },
  {
    file: "facebook/feed-comment-edited.json",
    description: "John edits his comment (feed-comment-add.json)",
    platform: "facebook",
    expectedMessages: 0,
    body: fbFeed({
      pageId: FB_PAGE_ID,
      time: secs("2024-05-14T10:30:02Z"),
      changes: [
        {
          item: "comment",
          verb: "edited",
          commentId: JOHN_COMMENT_ID,
          postId: PAGE_POST_ID,
          parentId: PAGE_POST_ID,
          from: JOHN_FEED,
          message:
            "Since the maintenance last night my connection drops every 10 minutes. Anyone else in Munich? Router restart didn't help. EDIT: works again since 10:25, thanks!",
          createdTime: secs("2024-05-14T10:15:07Z"),
        },
      ],
    }),
  },
  {
    file: "facebook/feed-comment-remove.json",
    description: "Anna deletes her reply (feed-comment-reply.json)",
    platform: "facebook",
    expectedMessages: 0,
    body: fbFeed({
      pageId: FB_PAGE_ID,
      time: secs("2024-05-14T10:40:55Z"),
      changes: [
        {
          item: "comment",
          verb: "remove",
          commentId: ANNA_REPLY_ID,
          postId: PAGE_POST_ID,
          parentId: JOHN_COMMENT_ID,
          from: ANNA_FEED,
          createdTime: secs("2024-05-14T10:40:53Z"),
        },
      ],
    }),
  },
  {
    file: "facebook/feed-visitor-post.json",
    description: "Anna writes a post on the page (visitor post)",
    platform: "facebook",
    expectedMessages: 1,
    body: fbFeed({
      pageId: FB_PAGE_ID,
      time: secs("2024-05-14T11:05:31Z"),
      changes: [
        {
          item: "post",
          verb: "add",
          postId: "1001_5550002",
          from: ANNA_FEED,
          message:
            "Liebes Telekom-Team, ich warte seit drei Wochen auf meinen Glasfaseranschluss in der Hauptstraße. Der Termin wurde zweimal verschoben und niemand ruft zurück. So geht das nicht!",
          createdTime: secs("2024-05-14T11:05:29Z"),
        },
      ],
    }),
  },
];

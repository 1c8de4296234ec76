import { fitsInTweet } from "../lib/x-text.ts";
import { fbFeed, fbMessages } from "./facebook-payloads.ts";
import type { FacebookWebhookBody, XWebhookBody } from "./payloads.ts";
import { Random } from "./random.ts";
import {
  BRAND_ANNOUNCEMENTS,
  BRAND_REPLIES,
  FIRST_NAMES,
  LAST_NAMES,
  LAUNCH_TEXTS,
  loadTextPool,
  outageText,
  POSTBACK_MENU,
  type TextPool,
} from "./texts.ts";
import {
  type XUserInput,
  xDirectMessage,
  xFavorite,
  xTweetCreate,
  xTweetDelete,
} from "./x-payloads.ts";

/**
 * Streams of webhook events for load and end-to-end runs. `normal` is the model case's
 * day (420 messages, 2/3 Facebook, 1/3 X), `launch` three times that, `outage` six times
 * with many near-identical complaints; `burst` a constant rate. Time is compressed by
 * `speed`; the same seed gives the same events.
 */

export const SCENARIO_NAMES = ["normal", "launch", "outage", "burst"] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];
export const MESSAGES_PER_DAY = 420;
export const SCENARIO_FACTORS: Record<Exclude<ScenarioName, "burst">, number> = {
  normal: 1,
  launch: 3,
  outage: 6,
};
export const FACEBOOK_SHARE = 2 / 3;

export type EventKind =
  | "x.mention"
  | "x.reply"
  | "x.quote"
  | "x.dm"
  | "x.dm_echo"
  | "x.favorite"
  | "x.delete"
  | "facebook.message"
  | "facebook.echo"
  | "facebook.postback"
  | "facebook.edit"
  | "facebook.unsend"
  | "facebook.comment"
  | "facebook.comment_reply"
  | "facebook.post"
  | "facebook.comment_edited"
  | "facebook.comment_remove";

export type ScenarioEvent =
  | { platform: "x"; kind: EventKind; body: XWebhookBody; expectedMessages: number; at: number }
  | {
      platform: "facebook";
      kind: EventKind;
      body: FacebookWebhookBody;
      expectedMessages: number;
      /** When to deliver it: ms after the run starts, already time-compressed. */
      at: number;
    };

export interface ScenarioOptions {
  scenario: ScenarioName;
  seed?: number;
  xUserId?: string;
  xScreenName?: string;
  fbPageId?: string;
  /** Time compression: 1440 plays a day in a minute. Ignored by `burst`. */
  speed?: number;
  /** Simulated hours for normal/launch/outage (default 24). */
  hours?: number;
  /** At most this many events (normal/launch/outage); the number of events for `burst`. */
  count?: number;
  /** Events per second for `burst`. */
  rate?: number;
  /** When the run starts; body timestamps are this plus each event's `at`. */
  start?: Date;
  texts?: TextPool;
}

export interface Scenario {
  name: ScenarioName;
  seed: number;
  textSource: TextPool["source"];
  events: ScenarioEvent[];
  expectedMessages: number;
  /** Delivery time of the last event, ms. */
  durationMs: number;
}

/** Share of the day's traffic per hour (Europe/Berlin): quiet nights, busy evenings. */
const HOURLY = [
  1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 4, 5, 5.2, 5, 4.6, 4.4, 4.4, 4.5, 4.6, 4.8, 5, 5.2, 5, 4.2,
  3, 1.8,
];
/** An outage starts around 7 and dominates the morning. */
const OUTAGE_HOURLY = HOURLY.map((w, h) => (h >= 7 && h <= 14 ? w * 4 : w));

const X_MIX = { mention: 45, reply: 22, quote: 5, dm: 24, dm_echo: 4 };
const FB_MIX = { message: 40, echo: 4, postback: 4, comment: 32, comment_reply: 12, post: 8 };
const OUTAGE_X_MIX = { mention: 70, reply: 12, quote: 2, dm: 15, dm_echo: 1 };
const OUTAGE_FB_MIX = {
  message: 28,
  echo: 1,
  postback: 3,
  comment: 50,
  comment_reply: 10,
  post: 8,
};

const TWEPOCH = 1288834974657n;
const MINUTE = 60_000;

interface XCustomer extends XUserInput {}
interface FbCustomer {
  psid: string;
  feed: { id: string; name: string };
}

function asciiHandle(first: string, last: string, rng: Random): string {
  const fold = (s: string) =>
    s
      .toLowerCase()
      .replace(/ä/g, "ae")
      .replace(/ö/g, "oe")
      .replace(/ü/g, "ue")
      .replace(/ß/g, "ss")
      .replace(/ı/g, "i")
      .replace(/[^a-z]/g, "");
  return `${fold(first)}_${fold(last).slice(0, 6)}${rng.int(1, 99)}`.slice(0, 15);
}

/** Builds the events of one run; pure apart from reading the data set when no pool is given. */
export function generateScenario(options: ScenarioOptions): Scenario {
  const seed = options.seed ?? 1;
  const rng = new Random(seed);
  const name = options.scenario;
  const pool = options.texts ?? loadTextPool();
  const brand: XUserInput = {
    id: options.xUserId ?? "3001",
    screenName: options.xScreenName ?? "telekom_hilft",
    name: "Telekom hilft",
    verified: true,
  };
  const pageId = options.fbPageId ?? "1001";
  const start = (options.start ?? new Date("2024-05-14T00:00:00Z")).getTime();
  const speed = options.speed ?? 1440;
  const events: ScenarioEvent[] = [];
  const worker = BigInt(seed & 0x3ff);
  let idSeq = 0n;
  const snowflake = (at: number) =>
    (((BigInt(start + at) - TWEPOCH) << 22n) | (worker << 12n) | (idSeq++ & 0xfffn)).toString();

  // Message times (simulated ms from the start), then delivery times.
  const simulated: number[] = [];
  if (name === "burst") {
    const count = options.count ?? 100;
    const rate = options.rate ?? 50;
    for (let i = 0; i < count; i++) simulated.push((i * 1000) / rate);
  } else {
    const hours = options.hours ?? 24;
    const total = Math.round((MESSAGES_PER_DAY * SCENARIO_FACTORS[name] * hours) / 24);
    const profile = name === "outage" ? OUTAGE_HOURLY : HOURLY;
    const weights = Object.fromEntries(
      Array.from({ length: Math.ceil(hours) }, (_, h) => [String(h), profile[h % 24]!]),
    );
    for (let i = 0; i < total; i++) {
      const hour = Number(rng.weighted(weights));
      simulated.push(Math.min(hours * 3_600_000 - 1, (hour + rng.next()) * 3_600_000));
    }
    simulated.sort((a, b) => a - b);
  }
  const compress = (ms: number) => (name === "burst" ? ms : Math.round(ms / speed));

  // People and posts, reused so that conversations grow.
  const xPeople: XCustomer[] = Array.from(
    { length: Math.max(20, Math.ceil(simulated.length / 6)) },
    () => {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      return {
        id: rng.chance(0.5) ? rng.digits(rng.int(8, 10)) : `1${rng.digits(18)}`,
        screenName: asciiHandle(first, last, rng),
        name: `${first} ${last}`,
      };
    },
  );
  const fbPeople: FbCustomer[] = Array.from(
    { length: Math.max(40, Math.ceil(simulated.length / 3)) },
    () => ({
      psid: rng.digits(16),
      feed: { id: rng.digits(16), name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}` },
    }),
  );
  const pagePosts = Array.from({ length: 5 }, () => rng.digits(15));
  const comments: Array<{ id: string; post: string }> = [];

  const mention = { id: brand.id, screenName: brand.screenName, name: brand.name };
  const pickText = (): string => {
    if (name === "outage" && rng.chance(0.7))
      return outageText((l) => rng.pick(l), rng.chance(0.3));
    if (name === "launch" && rng.chance(0.5)) return rng.pick(LAUNCH_TEXTS);
    return rng.pick(pool.texts);
  };
  /** A public post that mentions the brand and that X would accept (at most 280). */
  const tweetText = (text: string) => {
    let body = text;
    const compose = (t: string) =>
      rng.chance(0.2) ? `${t} @${brand.screenName}` : `@${brand.screenName} ${t}`;
    let candidate = compose(body);
    while (!fitsInTweet(candidate) && body.includes(" ")) {
      body = body.slice(0, body.lastIndexOf(" "));
      candidate = compose(body);
    }
    return candidate;
  };
  const later = (sim: number) => sim + rng.int(1, 45) * MINUTE;
  const pushX = (kind: EventKind, body: XWebhookBody, expectedMessages: number, sim: number) =>
    events.push({ platform: "x", kind, body, expectedMessages, at: compress(sim) });
  const pushFb = (
    kind: EventKind,
    body: FacebookWebhookBody,
    expectedMessages: number,
    sim: number,
  ) => events.push({ platform: "facebook", kind, body, expectedMessages, at: compress(sim) });
  const date = (sim: number) => new Date(start + compress(sim));

  for (const sim of simulated) {
    const at = compress(sim);
    if (!rng.chance(FACEBOOK_SHARE)) {
      const kind = rng.weighted(name === "outage" ? OUTAGE_X_MIX : X_MIX);
      const customer = rng.pick(xPeople);
      if (kind === "dm" || kind === "dm_echo") {
        const fromBrand = kind === "dm_echo";
        const body = xDirectMessage({
          forUserId: brand.id,
          events: [
            {
              id: snowflake(at),
              createdAt: date(sim),
              senderId: fromBrand ? brand.id : customer.id,
              recipientId: fromBrand ? customer.id : brand.id,
              text: fromBrand ? rng.pick(BRAND_REPLIES) : pickText(),
              ...(fromBrand ? { sourceAppId: "28452938" } : {}),
            },
          ],
          users: fromBrand ? [brand, customer] : [customer, brand],
        });
        pushX(fromBrand ? "x.dm_echo" : "x.dm", body, 1, sim);
        continue;
      }
      const id = snowflake(at);
      const brandTweet = { id: snowflake(Math.max(0, at - 1)), user: brand, createdAt: date(sim) };
      const body = xTweetCreate({
        forUserId: brand.id,
        tweets: [
          {
            id,
            text: tweetText(pickText()),
            user: customer,
            mentions: [mention],
            createdAt: date(sim),
            ...(kind === "reply"
              ? {
                  inReplyToStatusId: brandTweet.id,
                  inReplyToUserId: brand.id,
                  inReplyToScreenName: brand.screenName,
                }
              : {}),
            ...(kind === "quote"
              ? { quotedStatus: { ...brandTweet, text: rng.pick(BRAND_ANNOUNCEMENTS) } }
              : {}),
          },
        ],
      });
      pushX(`x.${kind}` as EventKind, body, 1, sim);
      if (rng.chance(0.03)) {
        const when = later(sim);
        pushX(
          "x.favorite",
          xFavorite({
            forUserId: brand.id,
            id: rng.token(32).replace(/[-_]/g, "a").toLowerCase(),
            tweet: { ...brandTweet, text: rng.pick(BRAND_REPLIES) },
            user: customer,
            at: date(when),
          }),
          0,
          when,
        );
      }
      if (rng.chance(0.02)) {
        const when = later(sim);
        pushX(
          "x.delete",
          xTweetDelete({ forUserId: brand.id, tweetId: id, userId: customer.id, at: date(when) }),
          0,
          when,
        );
      }
      continue;
    }

    const kind = rng.weighted(name === "outage" ? OUTAGE_FB_MIX : FB_MIX);
    const customer = rng.pick(fbPeople);
    if (kind === "message" || kind === "echo" || kind === "postback") {
      const mid = `m_${rng.token(86)}`;
      const event =
        kind === "postback"
          ? { kind: "postback" as const, psid: customer.psid, mid, ...rng.pick(POSTBACK_MENU) }
          : {
              kind: "message" as const,
              psid: customer.psid,
              mid,
              text: kind === "echo" ? rng.pick(BRAND_REPLIES) : pickText(),
              isEcho: kind === "echo",
            };
      pushFb(
        `facebook.${kind}` as EventKind,
        fbMessages({ pageId, time: start + at, events: [{ ...event, timestamp: start + at }] }),
        1,
        sim,
      );
      if (kind === "message" && rng.chance(0.03)) {
        const when = later(sim);
        const edited = `${event.text} (${rng.pick(["Nachtrag: ", "Edit: ", "PS: "])}${rng.pick(["immer noch", "still", "seit heute"])})`;
        pushFb(
          "facebook.edit",
          fbMessages({
            pageId,
            time: start + compress(when),
            events: [{ kind: "edit", psid: customer.psid, mid, text: edited, numEdit: 1 }],
          }),
          0,
          when,
        );
      } else if (kind === "message" && rng.chance(0.015)) {
        const when = later(sim);
        pushFb(
          "facebook.unsend",
          fbMessages({
            pageId,
            time: start + compress(when),
            events: [{ kind: "delete", psid: customer.psid, mid }],
          }),
          0,
          when,
        );
      }
      continue;
    }

    const seconds = (ms: number) => Math.floor((start + compress(ms)) / 1000);
    if (kind === "post") {
      const postId = `${pageId}_${rng.digits(15)}`;
      const change = {
        item: "post" as const,
        verb: "add" as const,
        postId,
        from: customer.feed,
        message: pickText(),
        createdTime: seconds(sim),
      };
      pushFb("facebook.post", fbFeed({ pageId, time: seconds(sim), changes: [change] }), 1, sim);
      continue;
    }
    const parent = kind === "comment_reply" && comments.length ? rng.pick(comments) : null;
    const postObject = parent?.post ?? rng.pick(pagePosts);
    const comment = {
      item: "comment" as const,
      commentId: `${postObject}_${rng.digits(16)}`,
      postId: `${pageId}_${postObject}`,
      parentId: parent?.id ?? `${pageId}_${postObject}`,
      from: customer.feed,
      message: pickText(),
      createdTime: seconds(sim),
    };
    comments.push({ id: comment.commentId, post: postObject });
    pushFb(
      parent ? "facebook.comment_reply" : "facebook.comment",
      fbFeed({ pageId, time: seconds(sim), changes: [{ ...comment, verb: "add" }] }),
      1,
      sim,
    );
    if (rng.chance(0.03)) {
      const when = later(sim);
      const change = {
        ...comment,
        verb: "edited" as const,
        message: `${comment.message} EDIT: ${rng.pick(["geht wieder", "still broken", "immer noch nicht"])}`,
      };
      pushFb(
        "facebook.comment_edited",
        fbFeed({ pageId, time: seconds(when), changes: [change] }),
        0,
        when,
      );
    } else if (rng.chance(0.02)) {
      const when = later(sim);
      const change = { ...comment, verb: "remove" as const, createdTime: seconds(when) };
      pushFb(
        "facebook.comment_remove",
        fbFeed({ pageId, time: seconds(when), changes: [change] }),
        0,
        when,
      );
    }
  }

  // Stable sort keeps an event before its follow-ups when both fall on the same ms.
  const ordered = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.at - b.event.at || a.index - b.index)
    .map(({ event }) => event);
  const cap = name === "burst" ? (options.count ?? 100) : options.count;
  const capped = cap !== undefined ? ordered.slice(0, cap) : ordered;
  return {
    name,
    seed,
    textSource: pool.source,
    events: capped,
    expectedMessages: capped.reduce((n, e) => n + e.expectedMessages, 0),
    durationMs: capped.length ? capped[capped.length - 1]!.at : 0,
  };
}

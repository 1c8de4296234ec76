import { createHash } from "node:crypto";
import { extractUrlRanges } from "../lib/x-text.ts";
import type {
  XEntities,
  XHashtag,
  XTweet,
  XTweetCreateBody,
  XUrlEntity,
  XUser,
  XUserMention,
} from "./x-types.ts";

export type * from "./x-types.ts";

/**
 * Bodies of X Account Activity API webhooks (v1.1 objects), shaped like the examples in
 * X's documentation: tweet_create_events, direct_message_events (with the users map),
 * tweet_delete_events, favorite_events and user_event.revoke.
 */

export interface XUserInput {
  id: string;
  screenName: string;
  name: string;
  profileImageUrl?: string;
  location?: string | null;
  description?: string | null;
  verified?: boolean;
  followersCount?: number;
  createdAt?: Date;
}

export interface XMentionInput {
  id: string;
  screenName: string;
  name?: string;
}

export interface XTweetInput {
  id: string;
  text: string;
  user: XUserInput;
  inReplyToStatusId?: string;
  inReplyToUserId?: string;
  inReplyToScreenName?: string;
  quotedStatus?: XTweetInput;
  createdAt?: Date;
  /** Accounts @-mentioned in the text; only these become `user_mentions` entities. */
  mentions?: XMentionInput[];
  lang?: string;
}

const SOURCE = '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>';
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Texts longer than this are truncated in `text`, in full in `extended_tweet`. */
const CLASSIC_LIMIT = 140;

const two = (n: number) => String(n).padStart(2, "0");

/** X's v1.1 date format: `Wed Oct 10 20:19:24 +0000 2018`. */
export function xDate(date: Date): string {
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ${time} +0000 ${date.getUTCFullYear()}`;
}

/** A deterministic t.co link for a URL in a given post. */
function tco(seed: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const hash = createHash("sha256").update(seed).digest();
  let code = "";
  for (let i = 0; i < 10; i++) code += alphabet[hash[i]! % alphabet.length];
  return `https://t.co/${code}`;
}

function displayUrl(expanded: string): string {
  const bare = expanded.replace(/^https?:\/\//, "");
  return bare.length > 26 ? `${bare.slice(0, 26)}…` : bare;
}

/** Code-point length, the unit X's entity indices are counted in. */
const cpLength = (s: string) => [...s].length;

/** Replaces every URL by a t.co link, as X does, returning the new text and the entities. */
function wrapUrls(text: string, seed: string): { text: string; urls: XUrlEntity[] } {
  const urls: XUrlEntity[] = [];
  let out = "";
  let cursor = 0;
  for (const [i, range] of extractUrlRanges(text).entries()) {
    const original = text.slice(range.start, range.end);
    const expanded = /^https?:\/\//i.test(original) ? original : `http://${original}`;
    const link = tco(`${seed}:${i}:${original}`);
    out += text.slice(cursor, range.start);
    const start = cpLength(out);
    out += link;
    urls.push({
      url: link,
      expanded_url: expanded,
      display_url: displayUrl(expanded),
      indices: [start, start + link.length],
    });
    cursor = range.end;
  }
  return { text: out + text.slice(cursor), urls };
}

function findEntities(text: string, urls: XUrlEntity[], mentions: XMentionInput[]): XEntities {
  const hashtags: XHashtag[] = [];
  for (const m of text.matchAll(/(?<![\w&])#([\p{L}\p{N}_]+)/gu)) {
    const start = cpLength(text.slice(0, m.index));
    hashtags.push({ text: m[1]!, indices: [start, start + cpLength(m[0])] });
  }
  const user_mentions: XUserMention[] = [];
  for (const m of text.matchAll(/(?<![\w@])@(\w{1,15})/g)) {
    const who = mentions.find((x) => x.screenName.toLowerCase() === m[1]!.toLowerCase());
    if (!who) continue;
    const start = cpLength(text.slice(0, m.index));
    user_mentions.push({
      screen_name: who.screenName,
      name: who.name ?? who.screenName,
      id: Number(who.id),
      id_str: who.id,
      indices: [start, start + cpLength(m[0])],
    });
  }
  return { hashtags, urls, user_mentions, symbols: [] };
}

function within(entities: XEntities, end: number): XEntities {
  const keep = <T extends { indices: [number, number] }>(list: T[]) =>
    list.filter((e) => e.indices[1] <= end);
  return {
    hashtags: keep(entities.hashtags),
    urls: keep(entities.urls),
    user_mentions: keep(entities.user_mentions),
    symbols: [],
  };
}

/** Guesses the language X would tag: German when typical German words or letters occur. */
export function guessLang(text: string): string {
  const german =
    /[äöüß]|\b(?:ich|nicht|und|seit|kein|keine|mein|meine|bitte|danke|ist|wir|hallo|warum|geht|schon|noch|mit|der|die|das)\b/i;
  return german.test(text) ? "de" : "en";
}

export function xUser(input: XUserInput): XUser {
  const https =
    input.profileImageUrl ?? `https://pbs.twimg.com/profile_images/${input.id}/avatar_normal.jpg`;
  return {
    id: Number(input.id),
    id_str: input.id,
    name: input.name,
    screen_name: input.screenName,
    location: input.location ?? null,
    url: null,
    description: input.description ?? null,
    translator_type: "none",
    protected: false,
    verified: input.verified ?? false,
    followers_count: input.followersCount ?? 120,
    friends_count: 180,
    listed_count: 1,
    favourites_count: 250,
    statuses_count: 1400,
    created_at: xDate(input.createdAt ?? new Date("2012-03-14T09:21:07Z")),
    utc_offset: null,
    time_zone: null,
    geo_enabled: false,
    lang: null,
    contributors_enabled: false,
    is_translator: false,
    profile_image_url: https.replace(/^https:/, "http:"),
    profile_image_url_https: https,
    default_profile: true,
    default_profile_image: !input.profileImageUrl,
    following: null,
    follow_request_sent: null,
    notifications: null,
  };
}

/** A v1.1 Tweet object as the Account Activity API delivers it (compatibility mode). */
export function xTweet(input: XTweetInput): XTweet {
  const created = input.createdAt ?? new Date();
  const { text: fullText, urls } = wrapUrls(input.text, input.id);
  const entities = findEntities(fullText, urls, input.mentions ?? []);
  const full = [...fullText];
  let text = fullText;
  let topEntities = entities;
  let extended: XTweet["extended_tweet"];
  if (full.length > CLASSIC_LIMIT) {
    // X keeps 115 code points, then "… " and a link to the post: 140 in all. A cut inside
    // an entity moves to the entity's start.
    let cut = 115;
    for (const e of [...entities.urls, ...entities.user_mentions, ...entities.hashtags]) {
      if (e.indices[0] < cut && e.indices[1] > cut) cut = e.indices[0];
    }
    const link = tco(`${input.id}:status`);
    const prefix = full.slice(0, cut).join("");
    text = `${prefix}… ${link}`;
    const kept = within(entities, cut);
    const start = cut + 2;
    const statusUrl = `https://twitter.com/i/web/status/${input.id}`;
    kept.urls.push({
      url: link,
      expanded_url: statusUrl,
      display_url: displayUrl(statusUrl),
      indices: [start, start + link.length],
    });
    topEntities = kept;
    const leading = input.inReplyToStatusId ? /^(?:@\w{1,15}\s+)+/.exec(fullText) : null;
    extended = {
      full_text: fullText,
      display_text_range: [leading ? cpLength(leading[0]) : 0, full.length],
      entities,
    };
  }
  const quoted = input.quotedStatus;
  const quotedUrl = quoted
    ? `https://twitter.com/${quoted.user.screenName}/status/${quoted.id}`
    : "";
  return {
    created_at: xDate(created),
    id: Number(input.id),
    id_str: input.id,
    text,
    source: SOURCE,
    truncated: extended !== undefined,
    in_reply_to_status_id: input.inReplyToStatusId ? Number(input.inReplyToStatusId) : null,
    in_reply_to_status_id_str: input.inReplyToStatusId ?? null,
    in_reply_to_user_id: input.inReplyToUserId ? Number(input.inReplyToUserId) : null,
    in_reply_to_user_id_str: input.inReplyToUserId ?? null,
    in_reply_to_screen_name: input.inReplyToScreenName ?? null,
    user: xUser(input.user),
    geo: null,
    coordinates: null,
    place: null,
    contributors: null,
    ...(quoted
      ? {
          quoted_status_id: Number(quoted.id),
          quoted_status_id_str: quoted.id,
          quoted_status: xTweet({ ...quoted, quotedStatus: undefined }),
          quoted_status_permalink: {
            url: tco(`${input.id}:quoted`),
            expanded: quotedUrl,
            display: quotedUrl.replace(/^https:\/\//, ""),
          },
        }
      : {}),
    is_quote_status: quoted !== undefined,
    ...(extended ? { extended_tweet: extended } : {}),
    quote_count: 0,
    reply_count: 0,
    retweet_count: 0,
    favorite_count: 0,
    entities: topEntities,
    favorited: false,
    retweeted: false,
    filter_level: "low",
    lang: input.lang ?? guessLang(input.text),
    timestamp_ms: String(created.getTime()),
  };
}

export function xTweetCreate(input: {
  forUserId: string;
  tweets: XTweetInput[];
  userHasBlocked?: boolean;
}): XTweetCreateBody {
  const tweets = input.tweets.map(xTweet);
  // X adds `user_has_blocked` when the event is someone else @-mentioning the account.
  const mentionsAccount = tweets.some(
    (t) =>
      t.user.id_str !== input.forUserId &&
      [...t.entities.user_mentions, ...(t.extended_tweet?.entities.user_mentions ?? [])].some(
        (m) => m.id_str === input.forUserId,
      ),
  );
  return {
    for_user_id: input.forUserId,
    ...(mentionsAccount ? { user_has_blocked: input.userHasBlocked ?? false } : {}),
    tweet_create_events: tweets,
  };
}

export interface XDirectMessageInput {
  id: string;
  createdAt?: Date;
  senderId: string;
  recipientId: string;
  text: string;
  /** Set when the message was sent through an app (the brand's tool), as X does. */
  sourceAppId?: string;
}

export interface XDirectMessageEvent {
  type: "message_create";
  id: string;
  created_timestamp: string;
  message_create: {
    target: { recipient_id: string };
    sender_id: string;
    source_app_id?: string;
    message_data: {
      text: string;
      entities: {
        hashtags: XHashtag[];
        symbols: never[];
        user_mentions: XUserMention[];
        urls: XUrlEntity[];
      };
    };
  };
}

export interface XDmUser {
  id: string;
  created_timestamp: string;
  name: string;
  screen_name: string;
  location: string | null;
  description: string | null;
  protected: boolean;
  verified: boolean;
  followers_count: number;
  friends_count: number;
  statuses_count: number;
  profile_image_url: string;
  profile_image_url_https: string;
}

export interface XDirectMessageBody {
  for_user_id: string;
  direct_message_events: XDirectMessageEvent[];
  apps?: Record<string, { id: string; name: string; url: string }>;
  users: Record<string, XDmUser>;
}

function dmUser(input: XUserInput): XDmUser {
  const u = xUser(input);
  return {
    id: input.id,
    created_timestamp: String((input.createdAt ?? new Date("2012-03-14T09:21:07Z")).getTime()),
    name: u.name,
    screen_name: u.screen_name,
    location: u.location,
    description: u.description,
    protected: false,
    verified: u.verified,
    followers_count: u.followers_count,
    friends_count: u.friends_count,
    statuses_count: u.statuses_count,
    profile_image_url: u.profile_image_url,
    profile_image_url_https: u.profile_image_url_https,
  };
}

export function xDirectMessage(input: {
  forUserId: string;
  events: XDirectMessageInput[];
  users: XUserInput[] | Record<string, XUserInput>;
  apps?: Record<string, { name: string; url: string }>;
}): XDirectMessageBody {
  const users = Array.isArray(input.users) ? input.users : Object.values(input.users);
  const events = input.events.map((e): XDirectMessageEvent => {
    const { text, urls } = wrapUrls(e.text, e.id);
    const { hashtags, user_mentions } = findEntities(text, urls, users);
    return {
      type: "message_create",
      id: e.id,
      created_timestamp: String((e.createdAt ?? new Date()).getTime()),
      message_create: {
        target: { recipient_id: e.recipientId },
        sender_id: e.senderId,
        ...(e.sourceAppId ? { source_app_id: e.sourceAppId } : {}),
        message_data: { text, entities: { hashtags, symbols: [], user_mentions, urls } },
      },
    };
  });
  const appIds = [...new Set(events.flatMap((e) => e.message_create.source_app_id ?? []))];
  const apps = appIds.length
    ? Object.fromEntries(
        appIds.map((id) => {
          const app = input.apps?.[id] ?? { name: "hilft", url: "https://github.com/hilft" };
          return [id, { id, ...app }];
        }),
      )
    : undefined;
  return {
    for_user_id: input.forUserId,
    direct_message_events: events,
    ...(apps ? { apps } : {}),
    users: Object.fromEntries(users.map((u) => [u.id, dmUser(u)])),
  };
}

export interface XTweetDeleteBody {
  for_user_id: string;
  tweet_delete_events: Array<{ status: { id: string; user_id: string }; timestamp_ms: string }>;
}

export function xTweetDelete(input: {
  forUserId: string;
  tweetId: string;
  userId: string;
  at?: Date;
}): XTweetDeleteBody {
  return {
    for_user_id: input.forUserId,
    tweet_delete_events: [
      {
        status: { id: input.tweetId, user_id: input.userId },
        timestamp_ms: String((input.at ?? new Date()).getTime()),
      },
    ],
  };
}

export interface XFavoriteBody {
  for_user_id: string;
  favorite_events: Array<{
    id: string;
    created_at: string;
    timestamp_ms: number;
    favorited_status: XTweet;
    user: XUser;
  }>;
}

/** Someone liked a post (the brand's, or the brand liked a customer's). */
export function xFavorite(input: {
  forUserId: string;
  /** The event id: X uses a 32-character hex string. */
  id: string;
  tweet: XTweetInput;
  user: XUserInput;
  at?: Date;
}): XFavoriteBody {
  const at = input.at ?? new Date();
  return {
    for_user_id: input.forUserId,
    favorite_events: [
      {
        id: input.id,
        created_at: xDate(at),
        timestamp_ms: at.getTime(),
        favorited_status: xTweet(input.tweet),
        user: xUser(input.user),
      },
    ],
  };
}

export interface XUserRevokeBody {
  for_user_id: string;
  user_event: {
    revoke: { date_time: string; target: { app_id: string }; source: { user_id: string } };
  };
}

/** The account withdrew the app's access: hilft must stop using the channel. */
export function xUserRevoke(input: {
  forUserId: string;
  appId: string;
  at?: Date;
}): XUserRevokeBody {
  const at = (input.at ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "+00:00");
  return {
    for_user_id: input.forUserId,
    user_event: {
      revoke: {
        date_time: at,
        target: { app_id: input.appId },
        source: { user_id: input.forUserId },
      },
    },
  };
}

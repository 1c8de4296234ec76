import type { IngestOp, MessageOp, ParsedDelivery, PlatformAuthor } from "../ingest-ops.ts";

/**
 * X Account Activity API payloads (v1.1 objects) → ingest ops. Pure; the shapes follow
 * X's documented examples. Unknown event kinds are counted as ignored, never an error.
 */

interface XUser {
  id?: number;
  id_str?: string;
  screen_name?: string;
  name?: string;
  profile_image_url_https?: string;
}

interface XTweet {
  id_str?: string;
  id?: number;
  created_at?: string;
  timestamp_ms?: string;
  text?: string;
  full_text?: string;
  truncated?: boolean;
  extended_tweet?: { full_text?: string };
  user?: XUser;
  in_reply_to_status_id_str?: string | null;
  in_reply_to_user_id_str?: string | null;
  in_reply_to_screen_name?: string | null;
  is_quote_status?: boolean;
  quoted_status_id_str?: string;
  quoted_status?: XTweet;
  retweeted_status?: unknown;
  entities?: { user_mentions?: { id_str?: string; screen_name?: string }[] };
}

interface XDmEvent {
  type?: string;
  id?: string;
  created_timestamp?: string;
  message_create?: {
    target?: { recipient_id?: string };
    sender_id?: string;
    message_data?: { text?: string; attachment?: unknown; entities?: unknown };
  };
}

export interface XPayload {
  for_user_id?: string;
  tweet_create_events?: XTweet[];
  direct_message_events?: XDmEvent[];
  users?: Record<string, XUser & { profile_image_url?: string }>;
  tweet_delete_events?: { status?: { id?: string; user_id?: string }; timestamp_ms?: string }[];
  favorite_events?: { id?: string; favorited_status?: XTweet; user?: XUser }[];
  user_event?: {
    revoke?: { date_time?: string; target?: { app_id?: string }; source?: { user_id?: string } };
  };
}

const idOf = (t: { id_str?: string; id?: number }) =>
  t.id_str ?? (t.id !== undefined ? String(t.id) : undefined);

function author(u: XUser | undefined): PlatformAuthor | undefined {
  const id = u ? idOf(u) : undefined;
  if (!u || !id) return undefined;
  return {
    platformUserId: id,
    handle: u.screen_name,
    displayName: u.name,
    avatarUrl: u.profile_image_url_https,
  };
}

function tweetTime(t: XTweet): Date {
  if (t.timestamp_ms) return new Date(Number(t.timestamp_ms));
  const parsed = t.created_at ? new Date(t.created_at) : new Date(Number.NaN);
  return Number.isNaN(parsed.getTime()) ? new Date() : parsed;
}

/** X sends the first 140 characters in `text` when `truncated`; the whole text is elsewhere. */
function tweetText(t: XTweet): string {
  return t.extended_tweet?.full_text ?? t.full_text ?? t.text ?? "";
}

function tweetOp(t: XTweet, brandId: string): MessageOp | undefined {
  const id = idOf(t);
  const user = author(t.user);
  if (!id || !user) return undefined;
  const parent = t.in_reply_to_status_id_str ?? undefined;
  const fromBrand = user.platformUserId === brandId;
  let customer: PlatformAuthor | undefined = user;
  if (fromBrand) {
    // The brand's own tweet: a reply to a customer belongs to that customer's thread;
    // a broadcast that answers nobody is not a care conversation.
    if (!parent || !t.in_reply_to_user_id_str || t.in_reply_to_user_id_str === brandId)
      return undefined;
    customer = {
      platformUserId: t.in_reply_to_user_id_str,
      handle: t.in_reply_to_screen_name ?? undefined,
    };
  }
  const meta: Record<string, unknown> = {};
  if (t.is_quote_status || t.quoted_status_id_str) {
    meta.quotedTweetId =
      t.quoted_status_id_str ?? (t.quoted_status ? idOf(t.quoted_status) : undefined);
    if (t.quoted_status) meta.quotedText = tweetText(t.quoted_status);
  }
  const mentions = t.entities?.user_mentions?.map((m) => m.screen_name).filter(Boolean);
  if (mentions?.length) meta.mentions = mentions;
  if (t.user?.screen_name) meta.authorHandle = t.user.screen_name;
  return {
    op: "message",
    platformId: id,
    parentPlatformId: parent,
    // A reply's thread is named after its parent, so parent and reply meet whichever
    // arrives first; a root tweet names the thread after itself.
    threadKey: `x:tweet:${parent ?? id}`,
    adoptThreadKeys: [`x:tweet:${id}`],
    direction: fromBrand ? "outbound" : "inbound",
    visibility: "public",
    customer,
    text: tweetText(t),
    createdAt: tweetTime(t),
    meta,
  };
}

function dmOp(e: XDmEvent, brandId: string, users: XPayload["users"]): MessageOp | undefined {
  const mc = e.message_create;
  if (e.type !== "message_create" || !e.id || !mc?.sender_id) return undefined;
  const recipient = mc.target?.recipient_id;
  const fromBrand = mc.sender_id === brandId;
  const otherId = fromBrand ? recipient : mc.sender_id;
  if (!otherId) return undefined;
  const other = users?.[otherId];
  const meta: Record<string, unknown> = {};
  if (mc.message_data?.attachment) meta.attachment = mc.message_data.attachment;
  return {
    op: "message",
    platformId: e.id,
    threadKey: `x:dm:${otherId}`,
    adoptThreadKeys: [],
    direction: fromBrand ? "outbound" : "inbound",
    visibility: "private",
    customer: {
      platformUserId: otherId,
      handle: other?.screen_name,
      displayName: other?.name,
      avatarUrl: other?.profile_image_url_https ?? other?.profile_image_url,
    },
    text: mc.message_data?.text ?? "",
    createdAt: e.created_timestamp ? new Date(Number(e.created_timestamp)) : new Date(),
    meta,
  };
}

export function parseXPayload(payload: XPayload): ParsedDelivery | undefined {
  const brandId = payload.for_user_id;
  if (!brandId) return undefined;
  const ops: IngestOp[] = [];
  let ignored = 0;
  for (const t of payload.tweet_create_events ?? []) {
    const op = t.retweeted_status ? undefined : tweetOp(t, brandId);
    if (op) ops.push(op);
    else ignored++;
  }
  for (const e of payload.direct_message_events ?? []) {
    const op = dmOp(e, brandId, payload.users);
    if (op) ops.push(op);
    else ignored++;
  }
  for (const d of payload.tweet_delete_events ?? []) {
    if (!d.status?.id) {
      ignored++;
      continue;
    }
    ops.push({
      op: "delete",
      platformId: d.status.id,
      deletedAt: d.timestamp_ms ? new Date(Number(d.timestamp_ms)) : new Date(),
    });
  }
  for (const f of payload.favorite_events ?? []) {
    const id = f.favorited_status ? idOf(f.favorited_status) : undefined;
    if (id) ops.push({ op: "favorite", platformId: id });
    else ignored++;
  }
  const revoke = payload.user_event?.revoke;
  if (revoke) {
    ops.push({
      op: "revoke",
      reason: `The X account revoked hilft's access${revoke.date_time ? ` at ${revoke.date_time}` : ""}.`,
    });
  }
  return { accountId: brandId, ops, ignored };
}

import type { IngestOp, MessageOp, ParsedDelivery } from "../ingest-ops.ts";

/**
 * Meta Graph page webhooks (`object: "page"`) → ingest ops, per page (`entry[].id`).
 * Messenger (`entry[].messaging[]`) and the page feed (`entry[].changes[]`, field `feed`).
 */

interface FbMessaging {
  sender?: { id?: string };
  recipient?: { id?: string };
  timestamp?: number;
  message?: {
    mid?: string;
    text?: string;
    is_echo?: boolean;
    is_deleted?: boolean;
    attachments?: unknown[];
    quick_reply?: { payload?: string };
    reply_to?: { mid?: string };
  };
  message_edit?: { mid?: string; text?: string; num_edit?: number };
  postback?: { title?: string; payload?: string; mid?: string };
}

interface FbFeedValue {
  item?: string;
  verb?: string;
  comment_id?: string;
  post_id?: string;
  parent_id?: string;
  from?: { id?: string; name?: string };
  message?: string;
  created_time?: number | string;
  is_hidden?: boolean;
  photo?: string;
  link?: string;
}

export interface FacebookPayload {
  object?: string;
  entry?: {
    id?: string;
    time?: number;
    messaging?: FbMessaging[];
    changes?: { field?: string; value?: FbFeedValue }[];
  }[];
}

const POST_ITEMS = new Set(["post", "status", "photo", "video", "share"]);

function feedTime(v: FbFeedValue): Date {
  if (v.created_time === undefined) return new Date();
  const n = typeof v.created_time === "number" ? v.created_time : Number(v.created_time);
  // Graph sends unix seconds; some test tools send ISO strings.
  const d = Number.isFinite(n) ? new Date(n * 1000) : new Date(String(v.created_time));
  return Number.isNaN(d.getTime()) ? new Date() : d;
}

function messagingOps(pageId: string, m: FbMessaging): IngestOp | undefined {
  const fromPage = m.sender?.id === pageId;
  const psid = fromPage ? m.recipient?.id : m.sender?.id;
  if (!psid) return undefined;
  const createdAt = m.timestamp ? new Date(m.timestamp) : new Date();
  if (m.message_edit?.mid) {
    return {
      op: "edit",
      platformId: m.message_edit.mid,
      text: m.message_edit.text ?? "",
      editedAt: createdAt,
    };
  }
  if (m.message?.is_deleted && m.message.mid) {
    return { op: "delete", platformId: m.message.mid, deletedAt: createdAt };
  }
  const base = {
    op: "message" as const,
    threadKey: `fb:dm:${psid}`,
    adoptThreadKeys: [],
    visibility: "private" as const,
    customer: { platformUserId: psid },
    createdAt,
  };
  if (m.message?.mid) {
    const meta: Record<string, unknown> = {};
    if (m.message.attachments?.length) meta.attachments = m.message.attachments;
    if (m.message.quick_reply?.payload) meta.quickReply = m.message.quick_reply.payload;
    return {
      ...base,
      platformId: m.message.mid,
      parentPlatformId: m.message.reply_to?.mid,
      direction: fromPage || m.message.is_echo ? "outbound" : "inbound",
      text: m.message.text ?? "",
      meta,
    } satisfies MessageOp;
  }
  if (m.postback) {
    // A tapped button: kept as the customer's message, with the button's payload.
    const mid = m.postback.mid ?? `postback:${psid}:${m.timestamp ?? Date.now()}`;
    return {
      ...base,
      platformId: mid,
      direction: "inbound",
      text: m.postback.title ?? m.postback.payload ?? "",
      meta: { postback: { title: m.postback.title, payload: m.postback.payload } },
    } satisfies MessageOp;
  }
  return undefined;
}

function feedOp(pageId: string, v: FbFeedValue): IngestOp | undefined {
  const isComment = v.item === "comment";
  if (!isComment && !POST_ITEMS.has(v.item ?? "")) return undefined;
  const platformId = isComment ? v.comment_id : v.post_id;
  if (!platformId) return undefined;
  const createdAt = feedTime(v);
  if (v.verb === "remove") return { op: "delete", platformId, deletedAt: createdAt };
  if (v.verb === "edited")
    return { op: "edit", platformId, text: v.message ?? "", editedAt: createdAt };
  if (v.verb !== "add") return undefined;
  const fromPage = v.from?.id === pageId;
  // Page posts are announcements, not care conversations; visitors' posts are.
  if (!isComment && fromPage) return undefined;
  const parent = isComment ? (v.parent_id ?? v.post_id) : undefined;
  const replyToComment = isComment && v.parent_id && v.parent_id !== v.post_id;
  const meta: Record<string, unknown> = { postId: v.post_id, item: v.item };
  if (v.photo) meta.photo = v.photo;
  if (v.link) meta.link = v.link;
  if (v.is_hidden) meta.hiddenOnPlatform = true;
  return {
    op: "message",
    platformId,
    parentPlatformId: parent,
    threadKey: isComment
      ? replyToComment
        ? `fb:comment:${v.parent_id}`
        : `fb:comment:${platformId}`
      : `fb:post:${platformId}`,
    adoptThreadKeys: isComment ? [`fb:comment:${platformId}`] : [`fb:post:${platformId}`],
    direction: fromPage ? "outbound" : "inbound",
    visibility: "public",
    customer:
      fromPage || !v.from?.id ? undefined : { platformUserId: v.from.id, displayName: v.from.name },
    text: v.message ?? "",
    createdAt,
    meta,
  };
}

export function parseFacebookPayload(payload: FacebookPayload): ParsedDelivery[] {
  if (payload.object !== "page") return [];
  const byPage = new Map<string, ParsedDelivery>();
  for (const entry of payload.entry ?? []) {
    if (!entry.id) continue;
    const delivery = byPage.get(entry.id) ?? { accountId: entry.id, ops: [], ignored: 0 };
    byPage.set(entry.id, delivery);
    for (const m of entry.messaging ?? []) {
      const op = messagingOps(entry.id, m);
      if (op) delivery.ops.push(op);
      else delivery.ignored++;
    }
    for (const change of entry.changes ?? []) {
      const op =
        change.field === "feed" && change.value ? feedOp(entry.id, change.value) : undefined;
      if (op) delivery.ops.push(op);
      else delivery.ignored++;
    }
  }
  return [...byPage.values()];
}

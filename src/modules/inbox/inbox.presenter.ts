import type { MessageRow } from "../../db/schema/index.ts";
import type { ConversationListRow, Cursor } from "./inbox.repository.ts";

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeCursor(value: string | undefined): Cursor | undefined | "invalid" {
  if (!value) return undefined;
  try {
    const c = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    if (typeof c.at !== "string" || typeof c.id !== "string" || Number.isNaN(Date.parse(c.at)))
      return "invalid";
    if (c.p !== undefined && !Number.isInteger(c.p)) return "invalid";
    return c;
  } catch {
    return "invalid";
  }
}

export function presentListItem(r: ConversationListRow) {
  const c = r.conversation;
  return {
    id: c.id,
    channel: r.channel.kind,
    channelId: r.channel.id,
    status: c.status,
    visibility: c.visibility,
    assigneeId: c.assigneeId,
    priority: c.priority,
    tags: c.tags,
    contact: { id: r.contact.id, name: r.contact.displayName, avatarUrl: r.contact.avatarUrl },
    lastMessage: r.lastMessage
      ? {
          text: r.lastMessage.deleted ? "" : r.lastMessage.text,
          direction: r.lastMessage.direction,
          createdAt: r.lastMessage.createdAt.toISOString(),
          deleted: r.lastMessage.deleted,
        }
      : null,
    messageCount: c.messageCount,
    lastMessageAt: c.lastMessageAt.toISOString(),
  };
}

export function presentMessage(m: MessageRow, author: string | null) {
  return {
    id: m.id,
    platformId: m.platformId,
    parentPlatformId: m.parentPlatformId,
    direction: m.direction,
    visibility: m.visibility,
    text: m.deletedAt ? "" : m.text,
    language: m.language,
    author,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    deleted: m.deletedAt !== null,
    hidden: m.hiddenAt !== null,
    favoriteCount: m.favoriteCount,
    delivery: m.deliveryStatus
      ? { status: m.deliveryStatus, error: m.deliveryError, attempts: m.deliveryAttempts }
      : null,
    meta: m.meta,
  };
}

import type { MessageRow } from "../../db/schema/index.ts";
import { maskPersonalData, type PersonalDataType } from "../../lib/personal-data/index.ts";
import type { ConversationListRow, Cursor } from "./inbox.repository.ts";

type Spans = { type: string; start: number; end: number }[];

/** The text as the API shows it: personal data replaced by its label (`[IBAN]`). */
export function maskedText(text: string, spans: Spans | null | undefined): string {
  if (!spans?.length) return text;
  return maskPersonalData(
    text,
    spans.map((f) => ({ ...f, type: f.type as PersonalDataType })),
  );
}

/** Earlier versions of an edited message, masked by the spans stored with each. */
function maskEdits(meta: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(meta.edits)) return meta;
  const edits = (meta.edits as { text?: string; personalData?: Spans }[]).map(
    ({ personalData, ...edit }) =>
      personalData?.length ? { ...edit, text: maskedText(edit.text ?? "", personalData) } : edit,
  );
  return { ...meta, edits };
}

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
    teamId: c.teamId,
    priority: c.priority,
    queueScore: c.queueScore,
    tags: c.tags,
    contact: {
      id: r.contact.id,
      name: r.contact.displayName,
      avatarUrl: r.contact.avatarUrl,
      impostor: r.impostor,
    },
    lastMessage: r.lastMessage
      ? {
          text: r.lastMessage.deleted
            ? ""
            : maskedText(r.lastMessage.text, r.lastMessage.personalData),
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
    text: m.deletedAt ? "" : maskedText(m.text, m.personalData),
    /** Personal data is masked in `text`; reveal it through the reveal endpoint. */
    masked: !m.deletedAt && m.personalData.length > 0,
    personalDataTypes: [...new Set(m.personalData.map((f) => f.type))],
    language: m.language,
    sentiment: m.sentiment,
    sentimentScore: m.sentimentScore,
    praise: m.praise,
    author,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    deleted: m.deletedAt !== null,
    hidden: m.hiddenAt !== null,
    favoriteCount: m.favoriteCount,
    delivery: m.deliveryStatus
      ? { status: m.deliveryStatus, error: m.deliveryError, attempts: m.deliveryAttempts }
      : null,
    meta: maskEdits(m.meta),
  };
}

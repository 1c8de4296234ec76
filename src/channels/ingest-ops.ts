/**
 * What a platform event means for hilft, independent of the platform's wire format.
 * Parsers (channels/x, channels/facebook) turn payloads into these; the inbox applies them.
 */
export interface PlatformAuthor {
  platformUserId: string;
  handle?: string | undefined;
  displayName?: string | undefined;
  avatarUrl?: string | undefined;
}

export interface MessageOp {
  op: "message";
  platformId: string;
  /** The platform id this answers; joins that message's conversation when known. */
  parentPlatformId?: string | undefined;
  /** Thread to use when the parent is unknown, e.g. `x:tweet:<id>`. */
  threadKey: string;
  /** Threads started by replies that arrived before this message; they join its thread. */
  adoptThreadKeys: string[];
  direction: "inbound" | "outbound";
  visibility: "public" | "private";
  /** The customer: the author when inbound, the addressee when outbound. */
  customer: PlatformAuthor | undefined;
  text: string;
  createdAt: Date;
  meta: Record<string, unknown>;
}

export interface EditOp {
  op: "edit";
  platformId: string;
  text: string;
  editedAt: Date;
}

export interface DeleteOp {
  op: "delete";
  platformId: string;
  deletedAt: Date;
}

export interface FavoriteOp {
  op: "favorite";
  platformId: string;
}

export interface RevokeOp {
  op: "revoke";
  reason: string;
}

export type IngestOp = MessageOp | EditOp | DeleteOp | FavoriteOp | RevokeOp;

/** One delivery may carry events for several accounts (X `for_user_id`, Meta `entry[].id`). */
export interface ParsedDelivery {
  /** The platform account id the ops belong to. */
  accountId: string;
  ops: IngestOp[];
  /** Events recognised but not stored (retweets, unknown kinds), for the counters. */
  ignored: number;
}

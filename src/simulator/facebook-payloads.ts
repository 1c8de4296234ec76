/**
 * Bodies of Meta page webhooks (`object: "page"`), shaped like Meta's documented
 * examples: Messenger events in `entry[].messaging` (one event per entry, as Meta
 * delivers them; times in milliseconds) and page feed changes in `entry[].changes`
 * (times in seconds).
 */

export type FbMessagingInput =
  | {
      kind: "message";
      psid: string;
      mid: string;
      text: string;
      timestamp?: number;
      /** A message the page sent (from hilft or Meta's inbox), echoed back to the app. */
      isEcho?: boolean;
      appId?: number;
    }
  | { kind: "edit"; psid: string; mid: string; text: string; numEdit: number; timestamp?: number }
  | { kind: "delete"; psid: string; mid: string; timestamp?: number }
  | {
      kind: "postback";
      psid: string;
      title: string;
      payload: string;
      mid: string;
      timestamp?: number;
    };

export interface FbMessaging {
  sender: { id: string };
  recipient: { id: string };
  timestamp: number;
  message?:
    | { mid: string; text: string }
    | { is_echo: true; app_id: number; mid: string; text: string }
    | { mid: string; is_deleted: true };
  message_edit?: { mid: string; text: string; num_edit: number };
  postback?: { title: string; payload: string; mid: string };
}

export interface FbMessagesBody {
  object: "page";
  entry: Array<{ id: string; time: number; messaging: [FbMessaging] }>;
}

/** The app that echoes carry when hilft (not Meta's own inbox) sent the message. */
export const DEFAULT_APP_ID = 1517776481860111;

function messaging(pageId: string, event: FbMessagingInput, now: number): FbMessaging {
  const timestamp = event.timestamp ?? now;
  const fromUser = { sender: { id: event.psid }, recipient: { id: pageId }, timestamp };
  switch (event.kind) {
    case "message":
      if (event.isEcho) {
        return {
          sender: { id: pageId },
          recipient: { id: event.psid },
          timestamp,
          message: {
            is_echo: true,
            app_id: event.appId ?? DEFAULT_APP_ID,
            mid: event.mid,
            text: event.text,
          },
        };
      }
      return { ...fromUser, message: { mid: event.mid, text: event.text } };
    case "edit":
      return {
        ...fromUser,
        message_edit: { mid: event.mid, text: event.text, num_edit: event.numEdit },
      };
    case "delete":
      return { ...fromUser, message: { mid: event.mid, is_deleted: true } };
    case "postback":
      return {
        ...fromUser,
        postback: { title: event.title, payload: event.payload, mid: event.mid },
      };
  }
}

export function fbMessages(input: {
  pageId: string;
  events: FbMessagingInput[];
  /** Delivery time of the batch (ms); defaults to now. */
  time?: number;
}): FbMessagesBody {
  const time = input.time ?? Date.now();
  return {
    object: "page",
    entry: input.events.map((event) => ({
      id: input.pageId,
      time,
      messaging: [messaging(input.pageId, event, time)] as [FbMessaging],
    })),
  };
}

export interface FbFeedChangeInput {
  item: "comment" | "post" | "status";
  verb: "add" | "edited" | "remove" | "hide" | "unhide";
  /** `<postObjectId>_<commentId>`, for comments. */
  commentId?: string;
  /** `<pageId>_<postObjectId>`. */
  postId: string;
  /** The post for a top-level comment, the comment for a reply. */
  parentId?: string;
  from: { id: string; name: string };
  message?: string;
  /** Unix seconds. */
  createdTime: number;
  isHidden?: boolean;
}

export interface FbFeedValue {
  from: { id: string; name: string };
  post?: {
    status_type: string;
    is_published: boolean;
    updated_time: string;
    permalink_url: string;
    promotion_status: string;
    id: string;
  };
  message?: string;
  post_id: string;
  comment_id?: string;
  parent_id?: string;
  created_time: number;
  item: FbFeedChangeInput["item"];
  is_hidden?: boolean;
  published?: number;
  verb: FbFeedChangeInput["verb"];
}

export interface FbFeedBody {
  object: "page";
  entry: Array<{ id: string; time: number; changes: Array<{ field: "feed"; value: FbFeedValue }> }>;
}

/** Graph's date format: `2018-03-07T00:46:11+0000`. */
export function graphDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "+0000");
}

function feedValue(change: FbFeedChangeInput): FbFeedValue {
  const [pageId, postObjectId] = change.postId.split("_");
  const isComment = change.item === "comment";
  // Meta attaches the parent post to comment events, except when the comment is gone.
  const post =
    isComment && change.verb !== "remove"
      ? {
          status_type: "mobile_status_update",
          is_published: true,
          updated_time: graphDate(change.createdTime),
          permalink_url: `https://www.facebook.com/${pageId}/posts/${postObjectId ?? change.postId}`,
          promotion_status: "inactive",
          id: change.postId,
        }
      : undefined;
  return {
    from: change.from,
    ...(post ? { post } : {}),
    ...(change.message !== undefined && change.verb !== "remove"
      ? { message: change.message }
      : {}),
    post_id: change.postId,
    ...(isComment
      ? { comment_id: change.commentId, parent_id: change.parentId ?? change.postId }
      : {}),
    created_time: change.createdTime,
    item: change.item,
    ...(change.isHidden !== undefined ? { is_hidden: change.isHidden } : {}),
    ...(!isComment && change.verb === "add" ? { published: 1 } : {}),
    verb: change.verb,
  };
}

export function fbFeed(input: {
  pageId: string;
  changes: FbFeedChangeInput[];
  /** Delivery time (unix seconds); defaults to now. */
  time?: number;
}): FbFeedBody {
  return {
    object: "page",
    entry: [
      {
        id: input.pageId,
        time: input.time ?? Math.floor(Date.now() / 1000),
        changes: input.changes.map((change) => ({ field: "feed", value: feedValue(change) })),
      },
    ],
  };
}

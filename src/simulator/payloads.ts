/**
 * Typed builders for the webhook bodies X and Meta send. Build an object, `serialize()`
 * it once, and sign exactly those bytes (`signX` / `signFacebook`).
 */
import type { FbFeedBody, FbMessagesBody } from "./facebook-payloads.ts";
import type {
  XDirectMessageBody,
  XFavoriteBody,
  XTweetCreateBody,
  XTweetDeleteBody,
  XUserRevokeBody,
} from "./x-payloads.ts";

export * from "./facebook-payloads.ts";
export { serialize } from "./serialize.ts";
export * from "./x-payloads.ts";

export type XWebhookBody =
  | XTweetCreateBody
  | XDirectMessageBody
  | XTweetDeleteBody
  | XFavoriteBody
  | XUserRevokeBody;
export type FacebookWebhookBody = FbMessagesBody | FbFeedBody;

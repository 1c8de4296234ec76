import { z } from "zod";
import { EMAIL_FREQUENCIES } from "../../../db/schema/index.ts";

export const ZFollowState = z
  .object({ following: z.boolean(), target: z.string() })
  .meta({ id: "CommunityFollowState" });
export type TFollowState = z.infer<typeof ZFollowState>;

export const ZBoardRefParams = z.object({ board: z.string().min(1).max(100) });
export const ZTagParams = z.object({ tag: z.string().min(1).max(60) });

export const ZFollowedItem = z
  .object({
    type: z.enum(["board", "tag", "idea", "question"]),
    /** Board, idea or question id; the tag itself for tags. */
    id: z.string(),
    name: z.string(),
    url: z.string(),
    since: z.iso.datetime(),
  })
  .meta({ id: "CommunityFollowedItem" });
export const ZFollowList = z.object({ items: z.array(ZFollowedItem) });
export type TFollowedItem = z.infer<typeof ZFollowedItem>;

export const ZEmailFrequency = z.enum(EMAIL_FREQUENCIES, {
  error: `must be one of ${EMAIL_FREQUENCIES.join(", ")}`,
});

export const ZNotificationSettings = z
  .object({
    /** Others mention you as `@handle`. */
    handle: z.string(),
    email: ZEmailFrequency,
    /** The local hour the daily digest goes out. */
    digestHour: z.number().int(),
  })
  .meta({ id: "CommunityNotificationSettings" });
export type TNotificationSettings = z.infer<typeof ZNotificationSettings>;

export const ZUpdateNotificationSettingsRequest = z
  .object({
    handle: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9_.-]{1,29}$/i,
        "must be 2-30 letters, digits, _, - or ., starting with a letter or digit",
      )
      .refine((h) => !/[.-]$/.test(h), "must not end with . or -")
      .optional(),
    email: ZEmailFrequency.optional(),
  })
  .strict();
export type TUpdateNotificationSettingsRequest = z.infer<typeof ZUpdateNotificationSettingsRequest>;

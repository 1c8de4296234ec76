import { z } from "zod";

const ZId = z
  .string()
  .trim()
  .regex(/^\d{1,30}$/, "must be the platform's numeric id");
const ZSecret = z.string().min(8, "must be at least 8 characters").max(500);
const ZBaseUrl = z
  .url({ message: "must be an absolute URL" })
  .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
  .transform((v) => v.replace(/\/+$/, ""));

export const ZCreateXChannelRequest = z.object({
  kind: z.literal("x"),
  handle: z
    .string()
    .trim()
    .transform((v) => v.replace(/^@/, ""))
    .pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_]{1,15}$/, "must be an X handle (letters, digits, _; up to 15)"),
    ),
  userId: ZId,
  consumerSecret: ZSecret,
  accessToken: ZSecret,
  apiBaseUrl: ZBaseUrl.optional(),
  name: z.string().trim().min(1).max(120).optional(),
});
export type TCreateXChannelRequest = z.infer<typeof ZCreateXChannelRequest>;

export const ZCreateFacebookChannelRequest = z.object({
  kind: z.literal("facebook"),
  pageId: ZId,
  appSecret: ZSecret,
  verifyToken: z.string().min(8, "must be at least 8 characters").max(200),
  pageToken: ZSecret,
  apiBaseUrl: ZBaseUrl.optional(),
  name: z.string().trim().min(1).max(120).optional(),
});
export type TCreateFacebookChannelRequest = z.infer<typeof ZCreateFacebookChannelRequest>;

export const ZCreateChannelRequest = z.discriminatedUnion("kind", [
  ZCreateXChannelRequest,
  ZCreateFacebookChannelRequest,
]);
export type TCreateChannelRequest = z.infer<typeof ZCreateChannelRequest>;

export const ZChannel = z
  .object({
    id: z.uuid(),
    kind: z.enum(["x", "facebook", "community", "email"]),
    name: z.string(),
    handle: z.string().nullable(),
    externalId: z.string(),
    apiBaseUrl: z.string().nullable(),
    status: z.enum(["active", "disabled"]),
    disabledReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Channel" });

export const ZUpdateChannelRequest = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    status: z.enum(["active", "disabled"]).optional(),
    apiBaseUrl: ZBaseUrl.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, {
    message: "send at least one of name, status, apiBaseUrl",
  });

/** What is sealed in `channels.credentials`. */
export interface XCredentials {
  consumerSecret: string;
  accessToken: string;
}
export interface FacebookCredentials {
  appSecret: string;
  verifyToken: string;
  pageToken: string;
}

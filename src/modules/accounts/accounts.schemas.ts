import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../lib/password-policy.ts";
import { MAX_SIGNATURE_LENGTH } from "../../lib/signature.ts";

export const ZRole = z.enum(["customer", "agent", "moderator", "admin"]);
export type TRole = z.infer<typeof ZRole>;

export const ZLocale = z.enum(["de", "en"]);

const ZEmail = z
  .email({ message: "must be a valid e-mail address" })
  .max(254, "must be at most 254 characters")
  .transform((v) => v.trim());

const ZPassword = z
  .string({ error: "is required" })
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters long`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters long`);

const ZName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(120, "must be at most 120 characters");

const ZAgentProfile = {
  signature: z.string().nullable().describe("null: the default, `^` + initials"),
  effectiveSignature: z.string().describe("What is appended to replies (may be empty)"),
  timeZone: z.string().nullable().describe("IANA time zone; null follows the browser"),
  skills: z.array(z.string()).describe("e.g. `lang:de`, `product:mobile`"),
  showPhotoPublicly: z.boolean().describe("consent: the photo appears on /team"),
  showFullNamePublicly: z
    .boolean()
    .describe("consent: /team shows the full name, otherwise first name and initial"),
  photoUrl: z.string().nullable().describe("the resized profile photo, if one was uploaded"),
};

export const ZMeResponse = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: ZRole,
  })
  .meta({ id: "Me" });

export const ZUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: ZRole,
    locale: ZLocale.nullable(),
    ...ZAgentProfile,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "User" });
export type TUser = z.infer<typeof ZUser>;

export const ZSignUpRequest = z.object({
  name: ZName,
  email: ZEmail,
  password: ZPassword,
  locale: ZLocale.optional(),
});
export type TSignUpRequest = z.infer<typeof ZSignUpRequest>;

export const ZSignInRequest = z.object({
  email: ZEmail,
  password: z.string({ error: "is required" }).min(1, "is required").max(PASSWORD_MAX_LENGTH),
});
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZAuthResponse = z.object({
  user: ZUser,
  csrfToken: z.string(),
  expiresAt: z.iso.datetime(),
});

export const ZPasswordResetRequest = z.object({ email: ZEmail, locale: ZLocale.optional() });
export type TPasswordResetRequest = z.infer<typeof ZPasswordResetRequest>;

export const ZPasswordResetConfirm = z.object({
  token: z.string().min(20, "is not a valid reset token").max(200),
  password: ZPassword,
});
export type TPasswordResetConfirm = z.infer<typeof ZPasswordResetConfirm>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ZUpdateMeRequest = z
  .object({
    name: ZName.optional(),
    locale: ZLocale.nullable().optional(),
    signature: z
      .string()
      .trim()
      .max(MAX_SIGNATURE_LENGTH, `must be at most ${MAX_SIGNATURE_LENGTH} characters`)
      .refine((v) => !/[\r\n]/.test(v), "must be one line")
      .nullable()
      .optional()
      .describe('Appended to replies, e.g. "^AB"; "" for none, null for the initials default'),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin")
      .nullable()
      .optional(),
    skills: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[a-z]+:[\p{L}\p{N}_-]{1,40}$/u, "must look like lang:de or product:mobile"),
      )
      .max(30, "must list at most 30 skills")
      .optional(),
    showPhotoPublicly: z.boolean().optional(),
    showFullNamePublicly: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message:
      "send at least one of name, locale, signature, timeZone, skills, showPhotoPublicly, showFullNamePublicly",
  });
export type TUpdateMeRequest = z.infer<typeof ZUpdateMeRequest>;

export const ZSession = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

export const ZApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
});

export const ZCreateApiTokenRequest = z.object({
  name: ZName,
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type TCreateApiTokenRequest = z.infer<typeof ZCreateApiTokenRequest>;

export const ZCreatedApiToken = ZApiToken.extend({
  token: z.string().describe("The token itself. Shown only in this response."),
});

export const ZIdParams = z.object({ id: z.uuid({ message: "must be a UUID" }) });

export const ZListUsersQuery = z.object({
  role: ZRole.optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ZUpdateUserRequest = z.object({ role: ZRole });

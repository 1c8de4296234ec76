import { z } from "zod";
import { ZConversationStatus } from "../inbox/inbox.schemas.ts";

// ── Presence ────────────────────────────────────────────────────────────────────────

export const ZPresenceRequest = z.object({
  state: z.enum(["viewing", "typing", "left"], { error: "must be viewing, typing or left" }),
});
export type TPresenceRequest = z.infer<typeof ZPresenceRequest>;

export const ZPresenceEntry = z
  .object({
    conversationId: z.uuid(),
    userId: z.uuid(),
    name: z.string(),
    initials: z.string(),
    state: z.enum(["viewing", "typing"]),
    expiresInMs: z.number().describe("how long the entry lasts without another heartbeat"),
  })
  .meta({ id: "PresenceEntry" });
export type TPresenceEntry = z.infer<typeof ZPresenceEntry>;

export const ZPresenceList = z.object({ items: z.array(ZPresenceEntry) });

// ── Saved views ─────────────────────────────────────────────────────────────────────

export const ZSavedViewQuery = z
  .object({
    status: z
      .array(ZConversationStatus, {
        error: "must be a list of new, open, pending, solved, closed",
      })
      .min(1, "must name at least one status")
      .max(5)
      .optional(),
    channel: z.string().trim().min(1).max(64).optional(),
    assignee: z
      .union([z.literal("me"), z.literal("none"), z.uuid()], {
        error: "must be `me`, `none` or a user id",
      })
      .optional(),
    team: z
      .union([z.literal("none"), z.uuid()], { error: "must be a team id or `none`" })
      .optional(),
    tag: z.string().trim().toLowerCase().min(1).max(64).optional(),
    q: z.string().trim().min(1).max(200).optional(),
    sort: z.enum(["newest", "urgent"], { error: "must be newest or urgent" }).optional(),
  })
  .strict();
export type TSavedViewQuery = z.infer<typeof ZSavedViewQuery>;

export const ZSavedViewScope = z.enum(["personal", "shared"], {
  error: "must be personal or shared",
});

export const ZSavedView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scope: ZSavedViewScope,
    query: ZSavedViewQuery,
    ownerId: z.uuid(),
    ownerName: z.string().nullable(),
    /** Whether the asking agent may change or delete it. */
    editable: z.boolean(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "SavedView" });
export type TSavedView = z.infer<typeof ZSavedView>;

const ZName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(80, "must be at most 80 characters");

export const ZCreateSavedViewRequest = z.object({
  name: ZName,
  scope: ZSavedViewScope.default("personal"),
  query: ZSavedViewQuery,
});
export type TCreateSavedViewRequest = z.infer<typeof ZCreateSavedViewRequest>;

export const ZUpdateSavedViewRequest = z
  .object({
    name: ZName.optional(),
    scope: ZSavedViewScope.optional(),
    query: ZSavedViewQuery.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "send at least one of name, scope, query",
  });
export type TUpdateSavedViewRequest = z.infer<typeof ZUpdateSavedViewRequest>;

export const ZSavedViewParams = z.object({ id: z.uuid({ message: "must be a saved view id" }) });

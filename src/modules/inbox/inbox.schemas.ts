import { z } from "zod";

export const ZConversationStatus = z.enum(["new", "open", "pending", "solved", "closed"]);

export const ZListConversationsQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    )
    .pipe(
      z
        .array(ZConversationStatus, {
          error: "must be a comma-separated list of new, open, pending, solved, closed",
        })
        .optional(),
    ),
  channel: z.string().max(64).optional(),
  assignee: z.string().max(64).optional().describe("`me`, `none` or a user id"),
  tag: z.string().max(64).optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, "must be between 1 and 200")
    .max(200, "must be between 1 and 200")
    .default(50),
});
export type TListConversationsQuery = z.infer<typeof ZListConversationsQuery>;

const ZContactSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  impostor: z.boolean().describe("an admin confirmed this account as posing as the brand"),
});

export const ZConversationListItem = z.object({
  id: z.uuid(),
  channel: z.string(),
  channelId: z.uuid(),
  status: ZConversationStatus,
  visibility: z.string(),
  assigneeId: z.uuid().nullable(),
  priority: z.number(),
  tags: z.array(z.string()),
  contact: ZContactSummary,
  lastMessage: z
    .object({
      text: z.string(),
      direction: z.string(),
      createdAt: z.iso.datetime(),
      deleted: z.boolean(),
    })
    .nullable(),
  messageCount: z.number(),
  lastMessageAt: z.iso.datetime(),
});

export const ZConversationList = z.object({
  items: z.array(ZConversationListItem),
  nextCursor: z.string().nullable(),
});

export const ZMessage = z.object({
  id: z.uuid(),
  platformId: z.string().nullable(),
  parentPlatformId: z.string().nullable(),
  direction: z.enum(["inbound", "outbound", "note"]),
  visibility: z.enum(["public", "private", "internal"]),
  text: z.string().describe("personal data in public messages is masked, e.g. `[IBAN]`"),
  masked: z.boolean(),
  personalDataTypes: z.array(z.string()),
  language: z.string().nullable(),
  sentiment: z.enum(["positive", "neutral", "negative"]).nullable(),
  sentimentScore: z.number().nullable(),
  praise: z.boolean(),
  author: z.string().nullable(),
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().nullable(),
  deleted: z.boolean(),
  hidden: z.boolean(),
  favoriteCount: z.number(),
  delivery: z
    .object({
      status: z.enum(["queued", "sending", "sent", "failed"]),
      error: z.string().nullable(),
      attempts: z.number(),
    })
    .nullable(),
  meta: z.record(z.string(), z.unknown()),
});

export const ZConversationDetail = ZConversationListItem.extend({
  messages: z.array(ZMessage),
  contactDetail: z.object({
    id: z.uuid(),
    name: z.string(),
    avatarUrl: z.string().nullable(),
    identities: z.array(
      z.object({
        channel: z.string(),
        platformUserId: z.string(),
        handle: z.string().nullable(),
        displayName: z.string().nullable(),
      }),
    ),
  }),
  history: z.array(
    z.object({
      id: z.uuid(),
      status: ZConversationStatus,
      channel: z.string(),
      lastMessageAt: z.iso.datetime(),
      messageCount: z.number(),
    }),
  ),
});

export const ZReplyRequest = z.object({
  text: z.string().max(10_000, "must be at most 10000 characters"),
  visibility: z.enum(["public", "private"]).optional(),
  status: ZConversationStatus.optional(),
  allowPersonalData: z
    .boolean()
    .optional()
    .describe(
      "send a public reply although it contains personal data (refused with 422 `personal_data_in_reply` otherwise); audited",
    ),
});
export type TReplyRequest = z.infer<typeof ZReplyRequest>;

export const ZNoteRequest = z.object({
  text: z.string().trim().min(1, "must not be empty").max(10_000),
});

export const ZUpdateConversationRequest = z
  .object({
    status: ZConversationStatus.optional(),
    assigneeId: z.uuid({ message: "must be a user id" }).nullable().optional(),
    priority: z.number().int().min(0).max(3).optional(),
    tags: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, {
    message: "send at least one of status, assigneeId, priority, tags",
  });
export type TUpdateConversationRequest = z.infer<typeof ZUpdateConversationRequest>;

export const ZConversationParams = z.object({
  id: z.uuid({ message: "must be a conversation id" }),
});
export const ZMessageParams = ZConversationParams.extend({
  messageId: z.uuid({ message: "must be a message id" }),
});

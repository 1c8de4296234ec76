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
  team: z
    .union([z.literal("none"), z.uuid()], { error: "must be a team id or `none`" })
    .optional()
    .describe("A team id, or `none` for conversations without a team"),
  q: z.string().trim().max(200).optional(),
  ids: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").filter(Boolean) : undefined))
    .pipe(
      z
        .array(z.uuid(), { error: "must be a comma-separated list of conversation ids" })
        .max(200, "must list at most 200 ids")
        .optional(),
    )
    .describe("Only these conversations (how consoles refresh what realtime events name)"),
  sort: z
    .enum(["newest", "urgent"], { error: "must be newest or urgent" })
    .default("newest")
    .describe(
      "`newest` activity first, or `urgent`: highest queue score (SLA time left, level, me-too, negative sentiment, VIP), then longest waiting",
    ),
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
  teamId: z.uuid().nullable(),
  priority: z.number(),
  queueScore: z
    .number()
    .describe("the urgent order's score: SLA urgency 0–100, level ×10, me-too, sentiment, VIP"),
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
    tags: z.array(z.string()).describe("contact tags, e.g. `vip`; routing rules read them"),
    notes: z.string().nullable().describe("the team's notes on this person (never shown to them)"),
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
  signature: z
    .boolean()
    .default(true)
    .describe("Append the agent's signature (e.g. ` ^AB`); it counts towards X's 280"),
  macroId: z
    .uuid({ message: "must be a macro id" })
    .optional()
    .describe("The macro this reply came from: its actions (status, tags) are applied"),
  allowPersonalData: z
    .boolean()
    .optional()
    .describe(
      "send a public reply although it contains personal data (refused with 422 `personal_data_in_reply` otherwise); audited",
    ),
  seenMessageId: z
    .uuid({ message: "must be a message id" })
    .optional()
    .describe(
      "The last message the agent saw before writing: if another agent replied since, the reply is refused with 409 `conversation_changed` naming them",
    ),
  confirm: z
    .boolean()
    .optional()
    .describe("Send although another agent replied since `seenMessageId`"),
});
export type TReplyRequest = z.infer<typeof ZReplyRequest>;

export const ZNoteRequest = z.object({
  text: z.string().trim().min(1, "must not be empty").max(10_000),
});

export const ZUpdateConversationRequest = z
  .object({
    status: ZConversationStatus.optional(),
    assigneeId: z.uuid({ message: "must be a user id" }).nullable().optional(),
    teamId: z.uuid({ message: "must be a team id" }).nullable().optional(),
    priority: z.number().int().min(0).max(3).optional(),
    tags: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, {
    message: "send at least one of status, assigneeId, teamId, priority, tags",
  });
export type TUpdateConversationRequest = z.infer<typeof ZUpdateConversationRequest>;

export const ZConversationParams = z.object({
  id: z.uuid({ message: "must be a conversation id" }),
});
export const ZMessageParams = ZConversationParams.extend({
  messageId: z.uuid({ message: "must be a message id" }),
});

export const ZBulkAction = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("assign"),
      assigneeId: z.uuid({ message: "must be a user id" }).nullable(),
    }),
    z.object({
      type: z.literal("team"),
      teamId: z.uuid({ message: "must be a team id" }).nullable(),
    }),
    z.object({ type: z.literal("tag"), tag: z.string().trim().toLowerCase().min(1).max(64) }),
    z.object({ type: z.literal("untag"), tag: z.string().trim().toLowerCase().min(1).max(64) }),
    z.object({ type: z.literal("status"), status: ZConversationStatus }),
    z.object({ type: z.literal("solve") }),
  ],
  { error: "type must be assign, team, tag, untag, status or solve" },
);
export type TBulkAction = z.infer<typeof ZBulkAction>;

export const ZBulkRequest = z.object({
  ids: z
    .array(z.uuid({ message: "must be conversation ids" }))
    .min(1, "must name at least one conversation")
    .max(500, "must name at most 500 conversations"),
  action: ZBulkAction,
});
export type TBulkRequest = z.infer<typeof ZBulkRequest>;

export const ZBulkResponse = z.object({
  results: z.array(
    z.object({
      id: z.uuid(),
      ok: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
  updated: z.number(),
});

export const ZContactParams = z.object({ id: z.uuid({ message: "must be a contact id" }) });

export const ZUpdateContactRequest = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(200).optional(),
    tags: z
      .array(z.string().trim().toLowerCase().min(1, "must not be empty").max(64))
      .max(50, "must list at most 50 tags")
      .optional(),
    notes: z.string().max(10_000, "must be at most 10000 characters").nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one of name, tags, notes" });
export type TUpdateContactRequest = z.infer<typeof ZUpdateContactRequest>;

export const ZContact = z.object({
  id: z.uuid(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
});

import { z } from "zod";

/** Request and response shapes of the community API, each schema next to its type. */

const ZText = (field: string, min: number, max: number) =>
  z
    .string({ error: "is required" })
    .refine((v) => v.trim().length >= min, { message: `must have at least ${min} characters` })
    .refine((v) => v.length <= max, { message: `must be at most ${max} characters (${field})` });

export const ZTitle = ZText("title", 8, 200);
export const ZBody = ZText("body", 1, 30_000);
export const ZCommentBody = ZText("comment", 1, 3_000);
export const ZTags = z
  .array(z.string().max(40, "each tag must be at most 40 characters"))
  .max(5, "at most 5 tags")
  .default([]);

export const ZQuestionStatus = z.enum(["open", "solved", "closed", "duplicate"]);

/** Why the team closes a question that is not a duplicate. */
export const CLOSE_REASONS = [
  "off_topic",
  "needs_details",
  "outdated",
  "answered_privately",
  "other",
] as const;
export const ZCloseReason = z.enum(CLOSE_REASONS, {
  error: `must be one of ${CLOSE_REASONS.join(", ")}`,
});
export type TCloseReason = z.infer<typeof ZCloseReason>;

export const ZFlagReason = z.enum(["spam", "offensive", "personal_data", "off_topic", "duplicate"]);
export const ZPostType = z.enum(["question", "answer", "comment"]);

export const ZIdParams = z.object({ id: z.uuid({ message: "must be a UUID" }) });

export const ZAuthor = z
  .object({
    id: z.uuid(),
    name: z.string(),
    team: z.boolean().describe("The author works for the company (agent, moderator or admin)."),
  })
  .meta({ id: "CommunityAuthor" });

export const ZBoard = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    position: z.number().int(),
    kind: z.enum(["questions", "ideas"]),
    url: z.string(),
    questionCount: z.number().int().optional(),
  })
  .meta({ id: "CommunityBoard" });

export const ZCreateBoardRequest = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower case letters, digits and hyphens")
    .max(60),
  name: ZText("name", 2, 80),
  description: z.string().max(500).default(""),
  position: z.number().int().min(0).max(10_000).default(0),
  /** `ideas` makes it an ideas board (see /api/v1/ideas); fixed once created. */
  kind: z.enum(["questions", "ideas"]).default("questions"),
});
export type TCreateBoardRequest = z.infer<typeof ZCreateBoardRequest>;

export const ZUpdateBoardRequest = ZCreateBoardRequest.omit({ kind: true }).partial();
export type TUpdateBoardRequest = z.infer<typeof ZUpdateBoardRequest>;

export const ZComment = z
  .object({
    id: z.uuid(),
    answerId: z.uuid().nullable(),
    body: z.string(),
    bodyHtml: z.string(),
    author: ZAuthor,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    edited: z.boolean(),
    deleted: z.boolean(),
    hidden: z.boolean(),
    pendingReview: z.boolean(),
  })
  .meta({ id: "CommunityComment" });

export const ZAnswer = z
  .object({
    id: z.uuid(),
    questionId: z.uuid(),
    externalId: z.string().nullable(),
    body: z.string(),
    bodyHtml: z.string(),
    author: ZAuthor,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    edited: z.boolean(),
    score: z.number().int(),
    upvotes: z.number().int(),
    downvotes: z.number().int(),
    accepted: z.boolean(),
    myVote: z.number().int().nullable(),
    deleted: z.boolean(),
    hidden: z.boolean(),
    pendingReview: z.boolean(),
    comments: z.array(ZComment),
  })
  .meta({ id: "CommunityAnswer" });

const ZBoardRef = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });

export const ZQuestionSummary = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    externalId: z.string().nullable(),
    url: z.string(),
    title: z.string(),
    excerpt: z.string(),
    board: ZBoardRef,
    tags: z.array(z.string()),
    status: ZQuestionStatus,
    author: ZAuthor,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    lastActivityAt: z.iso.datetime(),
    edited: z.boolean(),
    upvotes: z.number().int(),
    meTooCount: z.number().int().describe("People who have the same question; raises priority."),
    answerCount: z.number().int(),
    hasAcceptedAnswer: z.boolean(),
    hidden: z.boolean(),
    locked: z.boolean(),
    pendingReview: z.boolean(),
  })
  .meta({ id: "CommunityQuestionSummary" });

const ZQuestionRef = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  url: z.string(),
});

export const ZQuestionDetail = ZQuestionSummary.extend({
  body: z.string(),
  bodyHtml: z.string(),
  language: z.string(),
  deleted: z.boolean(),
  duplicateOf: ZQuestionRef.nullable(),
  closedAt: z.iso.datetime().nullable(),
  closeReason: ZCloseReason.nullable().describe("Set while the team has it closed"),
  closeNote: z.string().nullable(),
  acceptedAnswerId: z.uuid().nullable(),
  acceptedBy: ZAuthor.nullable(),
  acceptedAt: z.iso.datetime().nullable(),
  myVote: z.number().int().nullable(),
  meToo: z.boolean(),
  following: z.boolean(),
  comments: z.array(ZComment),
  answers: z.array(ZAnswer).describe("The accepted answer first, then by score and age."),
  permissions: z.object({
    edit: z.boolean(),
    delete: z.boolean(),
    accept: z.boolean(),
    closeAsDuplicate: z.boolean(),
    moderate: z.boolean(),
  }),
}).meta({ id: "CommunityQuestion" });
export type TQuestionDetail = z.infer<typeof ZQuestionDetail>;

export const ZListQuestionsQuery = z.object({
  board: z.string().max(60).optional(),
  tag: z.string().max(40).optional(),
  status: ZQuestionStatus.optional(),
  unanswered: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  sort: z.enum(["activity", "newest", "priority", "votes"]).default("activity"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TListQuestionsQuery = z.infer<typeof ZListQuestionsQuery>;

export const ZCreateQuestionRequest = z.object({
  board: z.string().min(1, "is required").max(60).describe("Board slug or id"),
  title: ZTitle,
  body: ZBody,
  tags: ZTags,
});
export type TCreateQuestionRequest = z.infer<typeof ZCreateQuestionRequest>;

export const ZUpdateQuestionRequest = z
  .object({
    title: ZTitle.optional(),
    body: ZBody.optional(),
    tags: ZTags.optional(),
    board: z.string().min(1).max(60).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "send at least one of title, body, tags, board",
  });
export type TUpdateQuestionRequest = z.infer<typeof ZUpdateQuestionRequest>;

export const ZCreateAnswerRequest = z.object({ body: ZBody });
export const ZUpdateAnswerRequest = ZCreateAnswerRequest;
export const ZCreateCommentRequest = z.object({ body: ZCommentBody });

export const ZRevision = z
  .object({
    id: z.uuid(),
    editor: ZAuthor,
    createdAt: z.iso.datetime(),
    previousTitle: z.string().nullable(),
    previousBody: z.string(),
    previousTags: z.array(z.string()).nullable(),
  })
  .meta({ id: "CommunityRevision" });

export const ZVoteRequest = z.object({
  value: z.union([z.literal(1), z.literal(-1)], { error: "must be 1 or -1" }),
});
export const ZVoteResponse = z.object({
  upvotes: z.number().int(),
  downvotes: z.number().int(),
  score: z.number().int(),
  myVote: z.number().int().nullable(),
});

export const ZMeTooResponse = z.object({
  meTooCount: z.number().int(),
  meToo: z.boolean(),
  following: z.boolean(),
});

export const ZAcceptRequest = z.object({ answerId: z.uuid({ message: "must be a UUID" }) });

export const ZCloseRequest = z.discriminatedUnion("reason", [
  z.object({
    reason: z.literal("duplicate"),
    duplicateOf: z.uuid({ message: "must be the id of the original question" }),
  }),
  z.object({
    reason: z.literal("closed"),
    closeReason: ZCloseReason.default("other").describe("Why the team closes it"),
    note: z
      .string()
      .trim()
      .max(500)
      .optional()
      .describe("The team's words to the community, shown on the question"),
  }),
]);
export type TCloseRequest = z.infer<typeof ZCloseRequest>;

export const ZObjectionRequest = z.object({ note: z.string().max(2000).optional() });

export const ZModerationRequest = z
  .object({ hidden: z.boolean().optional(), locked: z.boolean().optional() })
  .refine((v) => v.hidden !== undefined || v.locked !== undefined, {
    message: "send hidden and/or locked",
  });

export const ZCreateFlagRequest = z.object({
  postType: ZPostType,
  postId: z.uuid({ message: "must be a UUID" }),
  reason: ZFlagReason,
  note: z.string().max(1000).optional(),
});
export type TCreateFlagRequest = z.infer<typeof ZCreateFlagRequest>;

export const ZFlag = z
  .object({
    id: z.uuid(),
    kind: z.enum(["flag", "held_for_review", "duplicate_objection", "sockpuppet_signal"]),
    postType: ZPostType,
    postId: z.uuid(),
    question: z.object({ id: z.uuid(), title: z.string(), url: z.string() }),
    reason: ZFlagReason.nullable(),
    note: z.string().nullable(),
    reporter: ZAuthor.nullable(),
    status: z.enum(["open", "resolved"]),
    resolution: z.enum(["hide", "lock", "dismiss", "approve"]).nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "CommunityFlag" });

export const ZResolveFlagRequest = z.object({
  action: z.enum(["hide", "lock", "dismiss", "approve"]),
});

export const ZTrustRequest = z.object({ trusted: z.boolean() });

export const ZSimilarRequest = z.object({
  title: z.string({ error: "is required" }).trim().min(1, "is required").max(300),
  body: z.string().max(30_000).optional(),
  limit: z.number().int().min(1).max(20).default(5),
});
export type TSimilarRequest = z.infer<typeof ZSimilarRequest>;

export const ZSimilarItem = z
  .object({
    id: z.uuid(),
    externalId: z.string().nullable(),
    title: z.string(),
    url: z.string(),
    score: z.number(),
    solved: z.boolean(),
  })
  .meta({ id: "SimilarQuestion" });

export const ZSimilarResponse = z.object({
  items: z.array(ZSimilarItem),
  /** Published knowledge-base articles for the same text, best first (see docs/knowledge-base.md). */
  articles: z
    .array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        url: z.string(),
        language: z.enum(["de", "en"]),
        score: z.number(),
      }),
    )
    .optional(),
});

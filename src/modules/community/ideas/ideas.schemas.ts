import { z } from "zod";
import { ZAuthor, ZBody, ZTitle } from "../community.schemas.ts";

/** Request and response shapes of the ideas API, each schema next to its type. */

export const IDEA_STATUSES = [
  "new",
  "under_review",
  "planned",
  "in_progress",
  "done",
  "declined",
] as const;
export const ZIdeaStatus = z.enum(IDEA_STATUSES);

export const ZIdeaSummary = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    url: z.string(),
    title: z.string(),
    excerpt: z.string(),
    status: ZIdeaStatus,
    votes: z.number().int(),
    board: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    author: ZAuthor,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Idea" });
export type TIdeaSummary = z.infer<typeof ZIdeaSummary>;

export const ZIdeaStatusChange = z
  .object({
    id: z.uuid(),
    from: ZIdeaStatus,
    to: ZIdeaStatus,
    comment: z.string(),
    commentHtml: z.string(),
    by: ZAuthor,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "IdeaStatusChange" });

export const ZIdeaDetail = ZIdeaSummary.extend({
  body: z.string(),
  bodyHtml: z.string(),
  myVote: z.boolean().describe("Whether the signed-in person voted for it"),
  history: z.array(ZIdeaStatusChange).describe("Status changes, oldest first"),
  permissions: z.object({ vote: z.boolean(), changeStatus: z.boolean() }),
}).meta({ id: "IdeaDetail" });
export type TIdeaDetail = z.infer<typeof ZIdeaDetail>;

export const ZListIdeasQuery = z.object({
  board: z.string().max(60).optional().describe("Board slug or id"),
  status: ZIdeaStatus.optional(),
  sort: z.enum(["votes", "newest"]).default("votes"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type TListIdeasQuery = z.infer<typeof ZListIdeasQuery>;

export const ZCreateIdeaRequest = z.object({
  board: z.string().min(1, "is required").max(60).describe("Ideas board slug or id"),
  title: ZTitle,
  body: ZBody,
});
export type TCreateIdeaRequest = z.infer<typeof ZCreateIdeaRequest>;

export const ZChangeIdeaStatusRequest = z.object({
  status: ZIdeaStatus,
  comment: z
    .string({ error: "is required" })
    .refine((v) => v.trim().length >= 2, {
      message: "is required: say why (at least 2 characters)",
    })
    .refine((v) => v.length <= 3_000, { message: "must be at most 3000 characters" }),
});
export type TChangeIdeaStatusRequest = z.infer<typeof ZChangeIdeaStatusRequest>;

export const ZIdeaVoteResponse = z.object({ votes: z.number().int(), myVote: z.boolean() });

export const ZIdeaNotification = z
  .object({
    id: z.uuid(),
    kind: z.literal("idea_status"),
    idea: z.object({ id: z.uuid(), title: z.string(), url: z.string() }),
    from: ZIdeaStatus,
    to: ZIdeaStatus,
    comment: z.string(),
    actorName: z.string(),
    read: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "IdeaNotification" });

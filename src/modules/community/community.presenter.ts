import type {
  AnswerRow,
  BoardRow,
  CommentRow,
  FlagRow,
  QuestionRow,
  RevisionRow,
  UserRow,
} from "../../db/schema/index.ts";
import { markdownToText, snippet } from "../../lib/markdown.ts";
import { slugify } from "../../lib/slug.ts";
import { isStaff } from "./community.policy.ts";
import type { AuthorRef, QuestionWithRefs } from "./community.repository.ts";

/** The canonical path of a question page: /community/q/<number>-<slug>. */
export function questionPath(q: Pick<QuestionRow, "number" | "title">): string {
  const slug = slugify(q.title);
  return `/community/q/${q.number}${slug ? `-${slug}` : ""}`;
}

export const boardPath = (b: Pick<BoardRow, "slug">) =>
  `/community/b/${encodeURIComponent(b.slug)}`;
export const tagPath = (tag: string) => `/community/t/${encodeURIComponent(tag)}`;
export const userPath = (id: string) => `/community/u/${id}`;

export function presentAuthor(a: AuthorRef | Pick<UserRow, "id" | "name" | "role">) {
  return { id: a.id, name: a.name, team: isStaff(a.role) };
}

export type PresentedAuthor = ReturnType<typeof presentAuthor>;

export function presentBoard(b: BoardRow, questionCount?: number) {
  return {
    id: b.id,
    slug: b.slug,
    name: b.name,
    description: b.description,
    position: b.position,
    kind: b.kind === "ideas" ? ("ideas" as const) : ("questions" as const),
    url: boardPath(b),
    ...(questionCount !== undefined ? { questionCount } : {}),
  };
}

export function presentQuestionSummary({ question: q, board, author }: QuestionWithRefs) {
  return {
    id: q.id,
    number: q.number,
    externalId: q.externalId,
    url: questionPath(q),
    title: q.title,
    excerpt: snippet(markdownToText(q.body), 200),
    board: { id: board.id, slug: board.slug, name: board.name },
    tags: q.tags,
    status: q.status,
    author: presentAuthor(author),
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
    lastActivityAt: q.lastActivityAt.toISOString(),
    edited: edited(q),
    upvotes: q.upvotes,
    meTooCount: q.meTooCount,
    answerCount: q.answerCount,
    hasAcceptedAnswer: q.acceptedAnswerId !== null,
    hidden: q.hiddenAt !== null,
    locked: q.lockedAt !== null,
    pendingReview: q.pendingReview,
  };
}

/** Creation sets both timestamps to the same instant; only edits move `updatedAt`. */
const edited = (p: { createdAt: Date; updatedAt: Date }) =>
  p.updatedAt.getTime() !== p.createdAt.getTime();

export function presentComment(c: CommentRow, author: AuthorRef) {
  return {
    id: c.id,
    answerId: c.answerId,
    body: c.body,
    bodyHtml: c.bodyHtml,
    author: presentAuthor(author),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    edited: edited(c),
    deleted: c.deletedAt !== null,
    hidden: c.hiddenAt !== null,
    pendingReview: c.pendingReview,
  };
}

export type PresentedComment = ReturnType<typeof presentComment>;

export function presentAnswer(
  a: AnswerRow,
  author: AuthorRef,
  ctx: { acceptedId: string | null; myVote: number | null; comments: PresentedComment[] },
) {
  return {
    id: a.id,
    questionId: a.questionId,
    externalId: a.externalId,
    body: a.body,
    bodyHtml: a.bodyHtml,
    author: presentAuthor(author),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    edited: edited(a),
    score: a.upvotes - a.downvotes,
    upvotes: a.upvotes,
    downvotes: a.downvotes,
    accepted: a.id === ctx.acceptedId,
    myVote: ctx.myVote,
    deleted: a.deletedAt !== null,
    hidden: a.hiddenAt !== null,
    pendingReview: a.pendingReview,
    comments: ctx.comments,
  };
}

export function presentRevision(r: RevisionRow, editor: AuthorRef) {
  return {
    id: r.id,
    editor: presentAuthor(editor),
    createdAt: r.createdAt.toISOString(),
    previousTitle: r.previousTitle,
    previousBody: r.previousBody,
    previousTags: r.previousTags,
  };
}

export function presentFlag(
  f: FlagRow,
  reporter: AuthorRef | null,
  question: { title: string; number: number },
) {
  return {
    id: f.id,
    kind: f.kind as "flag" | "held_for_review" | "duplicate_objection" | "sockpuppet_signal",
    postType: f.postType,
    postId: f.postId,
    question: { id: f.questionId, title: question.title, url: questionPath(question) },
    reason: f.reason,
    note: f.note,
    reporter: reporter?.id ? presentAuthor(reporter) : null,
    status: f.status,
    resolution: f.resolution,
    createdAt: f.createdAt.toISOString(),
  };
}

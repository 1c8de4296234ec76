import type {
  AnswerRow,
  CommentRow,
  QuestionRow,
  UserRole,
  UserRow,
} from "../../db/schema/index.ts";
import { AppError, forbidden } from "../../lib/errors.ts";

/**
 * Who may do what in the community, in one place. Operations call these before they
 * change anything.
 */
const STAFF: readonly UserRole[] = ["agent", "moderator", "admin"];
const MODERATORS: readonly UserRole[] = ["moderator", "admin"];

export const isStaff = (role: UserRole) => STAFF.includes(role);
export const isModerator = (role: UserRole) => MODERATORS.includes(role);

type Post = Pick<
  QuestionRow | AnswerRow | CommentRow,
  "authorId" | "deletedAt" | "deletedById" | "hiddenAt"
>;

export const communityPolicy = {
  /** Staff see everything; authors see their own held, hidden or deleted posts. */
  canSee(viewer: UserRow | null, post: Post & { pendingReview: boolean }): boolean {
    if (!post.deletedAt && !post.hiddenAt && !post.pendingReview) return true;
    if (!viewer) return false;
    return isStaff(viewer.role) || viewer.id === post.authorId;
  },

  /** Authors edit their own live posts while the question is not locked; staff always. */
  canEdit(user: UserRow, post: Post, question: Pick<QuestionRow, "lockedAt">): boolean {
    if (isStaff(user.role)) return true;
    return user.id === post.authorId && !post.deletedAt && !post.hiddenAt && !question.lockedAt;
  },

  /** Authors delete their own posts; moderators any. */
  canDelete(user: UserRow, post: Post): boolean {
    return isModerator(user.role) || user.id === post.authorId;
  },

  /** Moderators restore anything; authors only what they deleted themselves. */
  canRestore(user: UserRow, post: Post): boolean {
    if (isModerator(user.role)) return true;
    return user.id === post.authorId && post.deletedById === user.id;
  },

  /** The asker or staff choose the accepted answer. */
  canAccept(user: UserRow, question: Pick<QuestionRow, "authorId">): boolean {
    return isStaff(user.role) || user.id === question.authorId;
  },

  /** Staff and trusted members close questions as duplicates. */
  canCloseAsDuplicate(user: UserRow, trusted: boolean): boolean {
    return isStaff(user.role) || trusted;
  },

  canModerate(user: UserRow): boolean {
    return isModerator(user.role);
  },

  /** New posts wait for review: first posts of new members, and links from untrusted ones. */
  holdForReview(
    user: UserRow,
    ctx: { trusted: boolean; publishedPosts: number; hasLink: boolean },
  ) {
    if (isStaff(user.role) || ctx.trusted) return false;
    return ctx.publishedPosts === 0 || ctx.hasLink;
  },
};

export function assertCan(allowed: boolean, message: string): void {
  if (!allowed) throw forbidden(message);
}

/** Voting on or joining your own post is refused with a code the client can show. */
export const ownPost = (what: string) =>
  new AppError(403, "own_post", `You cannot ${what} your own post.`);

/** Writes to a locked question (answers, comments, votes) are refused. */
export function assertOpenForContributions(question: Pick<QuestionRow, "lockedAt" | "deletedAt">) {
  if (question.deletedAt) throw new AppError(409, "question_deleted", "This question was deleted.");
  if (question.lockedAt) {
    throw new AppError(423, "question_locked", "This question is locked; it takes no new posts.");
  }
}

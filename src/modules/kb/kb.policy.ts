import type { ArticleStatus, KbArticleRow, UserRole, UserRow } from "../../db/schema/index.ts";
import { AppError, forbidden } from "../../lib/errors.ts";

/**
 * Who may do what in the knowledge base. The team (agents and up) writes and submits
 * for review; moderators and admins publish and archive. Readers see published,
 * due articles only.
 */
const WRITERS: readonly UserRole[] = ["agent", "moderator", "admin"];
const PUBLISHERS: readonly UserRole[] = ["moderator", "admin"];

/** The workflow: draft → review → published → archived, and back where it makes sense. */
const TRANSITIONS: Record<ArticleStatus, readonly ArticleStatus[]> = {
  draft: ["review", "published"],
  review: ["draft", "published"],
  published: ["draft", "archived"],
  archived: ["draft", "published"],
};

export const isWriter = (role: UserRole) => WRITERS.includes(role);
export const isPublisher = (role: UserRole) => PUBLISHERS.includes(role);

export function isPublic(a: Pick<KbArticleRow, "status" | "publishAt">, now = new Date()) {
  return a.status === "published" && (!a.publishAt || a.publishAt <= now);
}

/** Readers may open public articles and archived ones (which point to their successor). */
export function isReadable(a: Pick<KbArticleRow, "status" | "publishAt">) {
  return isPublic(a) || a.status === "archived";
}

export const kbPolicy = {
  canSee(viewer: Pick<UserRow, "role"> | null, article: KbArticleRow): boolean {
    return isReadable(article) || Boolean(viewer && isWriter(viewer.role));
  },

  assertCanWrite(user: UserRow): void {
    if (!isWriter(user.role)) throw forbidden("Only the team writes knowledge-base articles.");
  },

  /** Checks the move is part of the workflow and the user may make it. */
  assertCanMove(user: UserRow, from: ArticleStatus, to: ArticleStatus): void {
    if (!isWriter(user.role)) throw forbidden("Only the team changes knowledge-base articles.");
    if (from === to) return;
    if (!TRANSITIONS[from].includes(to)) {
      throw new AppError(
        409,
        "invalid_transition",
        `An article in ${from} cannot move to ${to}; allowed: ${TRANSITIONS[from].join(", ")}.`,
        [{ field: "status", message: `cannot move from ${from} to ${to}` }],
      );
    }
    const live = (s: ArticleStatus) => s === "published" || s === "archived";
    if ((live(to) || live(from)) && !isPublisher(user.role)) {
      throw forbidden("Only moderators and admins publish, unpublish or archive articles.");
    }
  },
};

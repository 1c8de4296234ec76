import type { IdeaRow, UserRow } from "../../../db/schema/index.ts";
import { AppError, forbidden } from "../../../lib/errors.ts";
import { isStaff } from "../community.policy.ts";

/** Votes are closed once the team has decided: done or declined. */
const CLOSED = new Set<IdeaRow["status"]>(["done", "declined"]);

/** Who may do what on the ideas board, in one place. */
export const ideasPolicy = {
  canVote(user: UserRow | null, idea: Pick<IdeaRow, "authorId" | "status">): boolean {
    return Boolean(user) && user!.id !== idea.authorId && !CLOSED.has(idea.status);
  },

  /** Throws the reason a person may not vote (own idea, closed idea). */
  assertCanVote(user: UserRow, idea: Pick<IdeaRow, "authorId" | "status">) {
    if (user.id === idea.authorId)
      throw new AppError(403, "own_post", "You cannot vote for your own idea.");
    if (CLOSED.has(idea.status))
      throw new AppError(409, "idea_closed", `The idea is ${idea.status}; votes are closed.`);
  },

  canChangeStatus(user: UserRow | null): boolean {
    return Boolean(user) && isStaff(user!.role);
  },

  assertCanChangeStatus(user: UserRow) {
    if (!isStaff(user.role)) throw forbidden("Only the team changes an idea's status.");
  },
};

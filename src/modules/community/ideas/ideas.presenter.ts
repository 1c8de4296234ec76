import type { IdeaStatusChangeRow } from "../../../db/schema/index.ts";
import { markdownToText, snippet } from "../../../lib/markdown.ts";
import { slugify } from "../../../lib/slug.ts";
import { presentAuthor } from "../community.presenter.ts";
import type { AuthorRef } from "../community.repository.ts";
import type { IdeaWithRefs } from "./ideas.repository.ts";
import type { TIdeaSummary } from "./ideas.schemas.ts";

export function ideaPath(i: { number: number; title: string }): string {
  const slug = slugify(i.title);
  return `/community/i/${i.number}${slug ? `-${slug}` : ""}`;
}

export function presentIdeaSummary({ idea, board, author }: IdeaWithRefs): TIdeaSummary {
  return {
    id: idea.id,
    number: idea.number,
    url: ideaPath(idea),
    title: idea.title,
    excerpt: snippet(markdownToText(idea.body), 200),
    status: idea.status,
    votes: idea.votes,
    board: { id: board.id, slug: board.slug, name: board.name },
    author: presentAuthor(author),
    createdAt: idea.createdAt.toISOString(),
    updatedAt: idea.updatedAt.toISOString(),
  };
}

export function presentStatusChange(change: IdeaStatusChangeRow, by: AuthorRef) {
  return {
    id: change.id,
    from: change.fromStatus,
    to: change.toStatus,
    comment: change.comment,
    commentHtml: change.commentHtml,
    by: presentAuthor(by),
    createdAt: change.createdAt.toISOString(),
  };
}

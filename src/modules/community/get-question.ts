import type { QuestionRow, UserRow } from "../../db/schema/index.ts";
import { notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { communityPolicy, isModerator, isStaff } from "./community.policy.ts";
import {
  type PresentedComment,
  presentAnswer,
  presentAuthor,
  presentComment,
  presentQuestionSummary,
  questionPath,
} from "./community.presenter.ts";
import type { QuestionWithRefs } from "./community.repository.ts";
import type { TCloseReason, TQuestionDetail } from "./community.schemas.ts";

/**
 * A question with everything its page shows, as the viewer may see it: the accepted
 * answer first, then answers by score and age; posts the viewer may not see left out.
 */
export async function getQuestion(
  services: Services,
  viewer: UserRow | null,
  ref: { id: string } | { number: number },
): Promise<{ detail: TQuestionDetail; row: QuestionWithRefs }> {
  const { posts, engagement, moderation } = services.community;
  // Given the id, answers and comments are read alongside the question (one round trip
  // less on the page's critical path); they are only used once the question is visible.
  const early =
    "id" in ref ? Promise.all([posts.listAnswers(ref.id), posts.listComments(ref.id)]) : undefined;
  early?.catch(() => {});
  const row =
    "id" in ref ? await posts.findQuestion(ref.id) : await posts.findQuestionByNumber(ref.number);
  if (!row || !communityPolicy.canSee(viewer, row.question)) throw notFound("Question");
  const q = row.question;

  const [[answerRows, commentRows], duplicateOf, acceptedBy] = await Promise.all([
    early ?? Promise.all([posts.listAnswers(q.id), posts.listComments(q.id)]),
    q.duplicateOfId ? posts.findQuestionRow(q.duplicateOfId) : undefined,
    q.acceptedById ? services.accounts.findUserById(q.acceptedById) : undefined,
  ]);
  const answersVisible = answerRows.filter((a) => communityPolicy.canSee(viewer, a.answer));
  const [myAnswerVotes, myQuestionVotes, meToo, following, trusted] = viewer
    ? await Promise.all([
        engagement.myVotes(
          viewer.id,
          "answer",
          answersVisible.map((a) => a.answer.id),
        ),
        engagement.myVotes(viewer.id, "question", [q.id]),
        engagement.hasMeToo(q.id, viewer.id),
        engagement.isFollowing(q.id, viewer.id),
        moderation.isTrusted(viewer.id),
      ])
    : [new Map<string, number>(), new Map<string, number>(), false, false, false];

  const commentsByParent = new Map<string, PresentedComment[]>();
  for (const { comment, author } of commentRows) {
    if (!communityPolicy.canSee(viewer, comment)) continue;
    const key = comment.answerId ?? "question";
    const list = commentsByParent.get(key) ?? [];
    list.push(presentComment(comment, author));
    commentsByParent.set(key, list);
  }

  const presentedAnswers = answersVisible.map(({ answer, author }) =>
    presentAnswer(answer, author, {
      acceptedId: q.acceptedAnswerId,
      myVote: myAnswerVotes.get(answer.id) ?? null,
      comments: commentsByParent.get(answer.id) ?? [],
    }),
  );
  // The accepted answer leads; the rest keep the repository's score-then-age order.
  presentedAnswers.sort((a, b) => Number(b.accepted) - Number(a.accepted));

  const detail: TQuestionDetail = {
    ...presentQuestionSummary(row),
    body: q.body,
    bodyHtml: q.bodyHtml,
    language: q.language,
    deleted: q.deletedAt !== null,
    duplicateOf: duplicateOf ? questionRef(duplicateOf) : null,
    closedAt: q.closedAt?.toISOString() ?? null,
    closeReason: q.status === "closed" ? ((q.closeReason as TCloseReason | null) ?? "other") : null,
    closeNote: q.status === "closed" ? q.closeNote : null,
    acceptedAnswerId: q.acceptedAnswerId,
    acceptedBy: acceptedBy ? presentAuthor(acceptedBy) : null,
    acceptedAt: q.acceptedAt?.toISOString() ?? null,
    myVote: myQuestionVotes.get(q.id) ?? null,
    meToo,
    following,
    comments: commentsByParent.get("question") ?? [],
    answers: presentedAnswers,
    permissions: {
      edit: viewer ? communityPolicy.canEdit(viewer, q, q) : false,
      delete: viewer ? communityPolicy.canDelete(viewer, q) : false,
      accept: viewer ? communityPolicy.canAccept(viewer, q) : false,
      closeAsDuplicate: viewer ? communityPolicy.canCloseAsDuplicate(viewer, trusted) : false,
      moderate: viewer ? isModerator(viewer.role) : false,
    },
  };
  return { detail, row };
}

export const questionRef = (q: Pick<QuestionRow, "id" | "number" | "title">) => ({
  id: q.id,
  number: q.number,
  title: q.title,
  url: questionPath(q),
});

export const viewerIsStaff = (viewer: UserRow | null) => (viewer ? isStaff(viewer.role) : false);

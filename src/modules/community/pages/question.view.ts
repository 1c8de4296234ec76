import { html, jsonForScript, raw, type SafeHtml } from "../../../lib/html.ts";
import { markdownToText, snippet } from "../../../lib/markdown.ts";
import type { TQuestionDetail } from "../community.schemas.ts";
import type { SimilarQuestion } from "../find-similar-questions.ts";
import { formatDate } from "./i18n.ts";
import { authorLink, type PageContext, renderPage } from "./layout.ts";
import { statusBadge, tagList } from "./list.views.ts";
import { postPagePath, type QuestionActions } from "./post-actions.view.ts";

type Answer = TQuestionDetail["answers"][number];
type Comment = TQuestionDetail["comments"][number];

const csrfField = (ctx: PageContext) =>
  ctx.csrfToken ? html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">` : "";

function voteForm(
  ctx: PageContext,
  post: {
    type: "question" | "answer";
    id: string;
    score: number;
    myVote: number | null;
    questionNumber: number;
  },
): SafeHtml {
  const { t } = ctx;
  return html`<form class="vote" method="post" action="/community/actions/vote" data-js="vote"
    data-api="/api/v1/community/${post.type}s/${post.id}/vote">
  ${csrfField(ctx)}
  <input type="hidden" name="postType" value="${post.type}">
  <input type="hidden" name="postId" value="${post.id}">
  <input type="hidden" name="question" value="${post.questionNumber}">
  <button type="submit" name="value" value="1" aria-pressed="${post.myVote === 1 ? "true" : "false"}"
    title="${post.type === "question" ? t.upvoteQuestion : t.upvote}"><span aria-hidden="true">▲</span><span class="visually-hidden">${post.type === "question" ? t.upvoteQuestion : t.upvote}</span></button>
  <output class="score" aria-live="polite" aria-label="${t.score}">${post.score}</output>
  ${
    post.type === "answer"
      ? html`<button type="submit" name="value" value="-1" aria-pressed="${post.myVote === -1 ? "true" : "false"}" title="${t.downvote}"><span aria-hidden="true">▼</span><span class="visually-hidden">${t.downvote}</span></button>`
      : ""
  }
</form>`;
}

function comments(
  ctx: PageContext,
  q: TQuestionDetail,
  list: Comment[],
  actions?: QuestionActions,
): SafeHtml {
  if (!list.length) return html``;
  return html`<section class="comments" aria-label="${ctx.t.comments}"><ul>${list.map(
    (c) =>
      html`<li id="comment-${c.id}">${raw(c.bodyHtml)}<span class="meta">– ${authorLink(ctx, c.author)}, <time datetime="${c.createdAt}">${formatDate(new Date(c.createdAt), ctx.locale)}</time>${c.edited ? html` · <a href="${postPagePath(q.number, "history", { type: "comment", id: c.id })}">${ctx.t.edited}</a>` : ""}</span>${actions?.comment(c) ?? ""}</li>`,
  )}</ul></section>`;
}

/** The knowledge-base side of a question page (see modules/kb). */
export interface QuestionHelpLinks {
  article: { title: string; url: string } | null;
  /** Staff may turn the accepted answer into an article (a form post). */
  canPromote: boolean;
  labels: { helpArticle: string; promote: string };
}

function helpLinks(ctx: PageContext, q: TQuestionDetail, help: QuestionHelpLinks | undefined) {
  if (!help) return html``;
  if (help.article)
    return html`<p class="help-article">${help.labels.helpArticle} <a href="${help.article.url}">${help.article.title}</a></p>`;
  if (!help.canPromote) return html``;
  return html`<form method="post" action="/community/q/${q.number}/promote">${
    ctx.csrfToken ? html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">` : ""
  }<button type="submit">${help.labels.promote}</button></form>`;
}

function answerBlock(
  ctx: PageContext,
  q: TQuestionDetail,
  a: Answer,
  help?: QuestionHelpLinks,
  actions?: QuestionActions,
): SafeHtml {
  const { t } = ctx;
  return html`<article class="answer${a.accepted ? " accepted" : ""}${a.author.team ? " by-team" : ""}" id="answer-${a.id}" aria-labelledby="answer-${a.id}-by">
  ${voteForm(ctx, { type: "answer", id: a.id, score: a.score, myVote: a.myVote, questionNumber: q.number })}
  <div class="post">
    ${a.accepted ? html`<p class="accepted-note"><strong>${t.acceptedAnswer}</strong>${q.acceptedBy ? html` · ${t.acceptedBy(q.acceptedBy.name)}` : ""}</p>` : ""}
    ${a.pendingReview ? html`<p class="notice">${t.pending}</p>` : ""}
    ${a.hidden ? html`<p class="notice">${t.hidden}</p>` : ""}
    <div class="body">${raw(a.bodyHtml)}</div>
    ${a.accepted ? helpLinks(ctx, q, help) : ""}
    <p class="meta" id="answer-${a.id}-by">${t.answered} ${authorLink(ctx, a.author)} · <time datetime="${a.createdAt}">${formatDate(new Date(a.createdAt), ctx.locale)}</time>${a.edited ? html` · <a href="${postPagePath(q.number, "history", { type: "answer", id: a.id })}">${t.edited}</a>` : ""}</p>
    ${comments(ctx, q, a.comments, actions)}
    ${actions?.answer(a) ?? ""}
  </div>
</article>`;
}

/** schema.org QAPage: how search engines understand a question with answers. */
export function qaPageJsonLd(q: TQuestionDetail, publicUrl: string) {
  const person = (a: { name: string; id: string }) => ({
    "@type": "Person",
    name: a.name,
    url: `${publicUrl}/community/u/${a.id}`,
  });
  const answer = (a: Answer) => ({
    "@type": "Answer",
    text: markdownToText(a.body),
    dateCreated: a.createdAt,
    upvoteCount: a.score,
    url: `${publicUrl}${q.url}#answer-${a.id}`,
    author: person(a.author),
  });
  const accepted = q.answers.find((a) => a.accepted);
  return {
    "@context": "https://schema.org",
    "@type": "QAPage",
    mainEntity: {
      "@type": "Question",
      name: q.title,
      text: markdownToText(q.body),
      answerCount: q.answers.length,
      upvoteCount: q.upvotes,
      dateCreated: q.createdAt,
      dateModified: q.updatedAt,
      author: person(q.author),
      ...(accepted ? { acceptedAnswer: answer(accepted) } : {}),
      suggestedAnswer: q.answers.filter((a) => !a.accepted).map(answer),
    },
  };
}

export function questionPage(
  ctx: PageContext,
  q: TQuestionDetail,
  related: SimilarQuestion[],
  opts: {
    answerError?: string;
    answerDraft?: string;
    help?: QuestionHelpLinks;
    /** The signed-in viewer's controls (see post-actions.view.ts); none when signed out. */
    actions?: QuestionActions | undefined;
  } = {},
): string {
  const { t } = ctx;
  const canonical = `${ctx.publicUrl}${q.url}`;
  const description = snippet(markdownToText(q.body), 160);
  const accepted = q.answers.filter((a) => a.accepted);
  const others = q.answers.filter((a) => !a.accepted);
  const head = html`<meta property="og:type" content="article">
<meta property="og:site_name" content="${ctx.siteName}">
<meta property="og:title" content="${q.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${canonical}">
<meta property="og:locale" content="${ctx.locale === "de" ? "de_DE" : "en_GB"}">
<meta name="twitter:card" content="summary">
<script type="application/ld+json">${jsonForScript(qaPageJsonLd(q, ctx.publicUrl))}</script>`;
  const canContribute = q.status !== "duplicate" && !q.locked && !q.deleted;
  const next = encodeURIComponent(q.url);

  const main = html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/community">${t.community}</a> › <a href="/community/b/${q.board.slug}">${q.board.name}</a></nav>
<article class="question" aria-labelledby="question-title">
  <h1 id="question-title">${q.title}</h1>
  <p class="meta">${q.status !== "open" ? statusBadge(ctx, q.status) : ""} ${t.asked} ${authorLink(ctx, q.author)} · <time datetime="${q.createdAt}">${formatDate(new Date(q.createdAt), ctx.locale)}</time>${q.edited ? html` · <a href="${postPagePath(q.number, "history", { type: "question", id: q.id })}">${t.edited}</a>` : ""}</p>
  ${q.duplicateOf ? html`<p class="notice" role="note">${t.duplicateOf} <a href="${q.duplicateOf.url}">${q.duplicateOf.title}</a></p>` : ""}
  ${q.locked ? html`<p class="notice" role="note">${t.locked}</p>` : ""}
  ${q.status === "closed" ? html`<p class="notice" role="note">${t.closedBecause[q.closeReason ?? "other"]}${q.closeNote ? html` ${q.closeNote}` : ""}</p>` : ""}
  ${q.pendingReview ? html`<p class="notice" role="note">${t.pending}</p>` : ""}
  ${q.hidden ? html`<p class="notice" role="note">${t.hidden}</p>` : ""}
  <div class="question-main">
    ${voteForm(ctx, { type: "question", id: q.id, score: q.upvotes, myVote: q.myVote, questionNumber: q.number })}
    <div class="post">
      <div class="body">${raw(q.bodyHtml)}</div>
      ${tagList(q.tags, t.tags)}
      <form class="me-too" method="post" action="/community/actions/me-too" data-js="me-too" data-api="/api/v1/community/questions/${q.id}/me-too">
        ${csrfField(ctx)}
        <input type="hidden" name="questionId" value="${q.id}">
        <input type="hidden" name="question" value="${q.number}">
        <button type="submit" aria-pressed="${q.meToo ? "true" : "false"}" title="${t.meTooHint}" data-label-on="${t.meTooDone}" data-label-off="${t.meToo}">${q.meToo ? t.meTooDone : t.meToo}</button>
        <output class="me-too-count" aria-live="polite" data-one="${t.meTooCount(1)}" data-many="${t.meTooCount(2).replace("2", "{n}")}" data-zero="${t.meTooCount(0)}">${t.meTooCount(q.meTooCount)}</output>
      </form>
      ${comments(ctx, q, q.comments, opts.actions)}
      ${opts.actions?.question ?? ""}
    </div>
  </div>
</article>
<section class="answers" aria-labelledby="answers-h">
  <h2 id="answers-h">${t.answers(q.answers.length)}</h2>
  ${q.answers.length === 0 ? html`<p class="empty">${t.noAnswers}</p>` : ""}
  ${accepted.map((a) => answerBlock(ctx, q, a, opts.help, opts.actions))}
  ${accepted.length && others.length ? html`<h3>${t.otherAnswers}</h3>` : ""}
  ${others.map((a) => answerBlock(ctx, q, a, undefined, opts.actions))}
</section>
${
  canContribute
    ? ctx.user
      ? html`<section aria-labelledby="your-answer-h"><h2 id="your-answer-h">${t.yourAnswer}</h2>
<form class="stacked" method="post" action="/community/q/${q.number}/answers">
  ${csrfField(ctx)}
  ${opts.answerError ? html`<p class="error" role="alert" id="answer-error">${opts.answerError}</p>` : ""}
  <label for="answer-body">${t.yourAnswer}</label>
  <textarea id="answer-body" name="body" rows="8" required maxlength="30000"${opts.answerError ? html` aria-invalid="true" aria-describedby="answer-error"` : ""}>${opts.answerDraft ?? ""}</textarea>
  <button type="submit">${t.postAnswer}</button>
</form></section>`
      : html`<p><a class="button" href="/signin?next=${next}">${t.signInToAnswer}</a></p>`
    : opts.answerError
      ? html`<p class="error" role="alert" id="answer-error">${opts.answerError}</p>`
      : ""
}
${
  related.length
    ? html`<aside aria-labelledby="related-h"><h2 id="related-h">${t.related}</h2><ul class="results">${related.map(
        (r) =>
          html`<li><a href="${r.url}">${r.title}</a>${r.solved ? html` <span class="badge status-solved">${t.solvedMark}</span>` : ""}</li>`,
      )}</ul></aside>`
    : ""
}`;
  return renderPage(ctx, {
    title: q.title,
    description,
    canonical,
    head,
    main,
    ...(q.hidden || q.pendingReview || q.deleted ? { noindex: true } : {}),
  });
}

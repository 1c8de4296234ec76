import type { FieldProblem } from "../../../lib/errors.ts";
import { html, raw, type SafeHtml } from "../../../lib/html.ts";
import { markdownToText, snippet } from "../../../lib/markdown.ts";
import { followForm } from "../pages/follow.view.ts";
import { formatDate } from "../pages/i18n.ts";
import { authorLink, type PageContext, renderPage } from "../pages/layout.ts";
import { IDEA_MESSAGES } from "./ideas.i18n.ts";
import { IDEA_STATUSES, type TIdeaDetail, type TIdeaSummary } from "./ideas.schemas.ts";

type Status = TIdeaSummary["status"];
const CLOSED: readonly Status[] = ["done", "declined"];

const ti = (ctx: PageContext) => IDEA_MESSAGES[ctx.locale];
const csrfField = (ctx: PageContext) =>
  ctx.csrfToken ? html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">` : "";

export const ideaStatusBadge = (ctx: PageContext, status: Status) =>
  html`<span class="badge idea-${status}">${ti(ctx).status[status]}</span>`;

/**
 * The vote control: a form that posts without JavaScript (the same vote again takes it
 * back); community.js sends it to the API instead and updates the count in place.
 */
function voteBox(
  ctx: PageContext,
  idea: Pick<TIdeaSummary, "id" | "votes" | "status" | "author" | "url">,
  voted: boolean,
): SafeHtml {
  const t = ti(ctx);
  const count = html`<output class="idea-votes" aria-label="${t.votesLabel}">${idea.votes}</output><span class="help">${t.votesLabel}</span>`;
  let control: SafeHtml | string = "";
  if (!ctx.user)
    control = html`<a href="/signin?next=${encodeURIComponent(idea.url)}">${t.signInToVote}</a>`;
  else if (ctx.user.id === idea.author.id) control = html`<span class="help">${t.ownIdea}</span>`;
  else if (CLOSED.includes(idea.status))
    control = html`<span class="help">${t.votingClosed}</span>`;
  else
    control = html`<button type="submit" aria-pressed="${voted ? "true" : "false"}" data-label-on="${t.voted}" data-label-off="${t.vote}">${voted ? t.voted : t.vote}</button>`;
  return html`<form class="idea-vote" method="post" action="/community/actions/idea-vote" data-js="idea-vote" data-api="/api/v1/ideas/${idea.id}/vote">
  ${csrfField(ctx)}
  <input type="hidden" name="ideaId" value="${idea.id}">
  <input type="hidden" name="back" value="${ctx.url}">
  ${count}
  ${control}
</form>`;
}

export interface IdeasBoardData {
  board: { slug: string; name: string; description: string };
  items: TIdeaSummary[];
  voted: Set<string>;
  status: Status | undefined;
  sort: "votes" | "newest";
  canonical: string;
  pager: SafeHtml;
}

export function ideasBoardPage(ctx: PageContext, d: IdeasBoardData): string {
  const { t } = ctx;
  const it = ti(ctx);
  const base = `/community/b/${encodeURIComponent(d.board.slug)}`;
  const link = (status: Status | undefined, sort: string) => {
    const q = new URLSearchParams();
    if (status) q.set("status", status);
    if (sort !== "votes") q.set("sort", sort);
    const s = q.toString();
    return `${base}${s ? `?${s}` : ""}`;
  };
  const current = (on: boolean) => (on ? html` aria-current="page"` : "");
  const main = html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/community">${t.community}</a></nav>
<h1>${d.board.name}</h1>
${d.board.description ? html`<p class="lead">${d.board.description}</p>` : ""}
<p><a class="button" href="/community/ideas/new?board=${d.board.slug}">${it.submitIdea}</a></p>
<nav class="sort" aria-label="${it.filterStatus}"><span>${it.filterStatus}:</span>
  <a href="${link(undefined, d.sort)}"${current(!d.status)}>${it.allStatuses}</a>
  ${IDEA_STATUSES.map((s) => html`<a href="${link(s, d.sort)}"${current(d.status === s)}>${it.status[s]}</a> `)}
</nav>
<nav class="sort" aria-label="${t.sort}"><span>${t.sort}:</span>
  <a href="${link(d.status, "votes")}"${current(d.sort === "votes")}>${it.sortVotes}</a>
  <a href="${link(d.status, "newest")}"${current(d.sort === "newest")}>${it.sortNewest}</a>
</nav>
${
  d.items.length
    ? html`<ol class="ideas">${d.items.map(
        (i) => html`<li class="idea-item">
  ${voteBox(ctx, i, d.voted.has(i.id))}
  <div class="summary">
    <h2><a href="${i.url}">${i.title}</a></h2>
    ${ideaStatusBadge(ctx, i.status)}
    <p>${i.excerpt}</p>
    <p class="meta">${authorLink(ctx, i.author)} · <time datetime="${i.createdAt}">${formatDate(new Date(i.createdAt), ctx.locale)}</time></p>
  </div>
</li>`,
      )}</ol>`
    : html`<p class="empty">${it.noIdeas}</p>`
}
${d.pager}`;
  return renderPage(ctx, {
    title: d.board.name,
    description: d.board.description || it.ideas,
    canonical: d.canonical,
    main,
  });
}

export function ideaPage(
  ctx: PageContext,
  idea: TIdeaDetail,
  opts: {
    problems?: FieldProblem[];
    draft?: { status: string; comment: string };
    /** Whether the signed-in viewer follows the idea. */
    following?: boolean;
  } = {},
): string {
  const { t } = ctx;
  const it = ti(ctx);
  const problem = (field: string) => opts.problems?.find((p) => p.field === field)?.message;
  const errorText = (field: string) =>
    problem(field) ? html`<p class="error" id="status-${field}-error">${problem(field)}</p>` : "";
  const history = idea.history.length
    ? html`<ol class="history">${idea.history.map(
        (h) => html`<li id="status-${h.id}">
  <p><strong>${it.changedTo(it.status[h.from], it.status[h.to])}</strong> · ${authorLink(ctx, h.by)} · <time datetime="${h.createdAt}">${formatDate(new Date(h.createdAt), ctx.locale)}</time></p>
  <div class="body">${raw(h.commentHtml)}</div>
</li>`,
      )}</ol>`
    : html`<p class="empty">${it.noHistory}</p>`;
  const draftStatus = opts.draft?.status ?? idea.status;
  const staffForm = idea.permissions.changeStatus
    ? html`<section aria-labelledby="change-status-h"><h2 id="change-status-h">${it.changeStatus}</h2>
${opts.problems?.length ? html`<p class="error" role="alert">${t.formErrors}</p>` : ""}
<form class="stacked" method="post" action="/community/i/${idea.number}/status">
  ${csrfField(ctx)}
  <label for="status">${it.newStatus}</label>
  <select id="status" name="status"${problem("status") ? html` aria-invalid="true" aria-describedby="status-status-error"` : ""}>
    ${IDEA_STATUSES.map((s) => html`<option value="${s}"${s === draftStatus ? html` selected` : ""}>${it.status[s]}</option>`)}
  </select>
  ${errorText("status")}
  <label for="status-comment">${it.statusComment}</label>
  <textarea id="status-comment" name="comment" rows="4" required maxlength="3000" aria-describedby="status-comment-help${problem("comment") ? " status-comment-error" : ""}"${problem("comment") ? html` aria-invalid="true"` : ""}>${opts.draft?.comment ?? ""}</textarea>
  <p class="help" id="status-comment-help">${it.statusCommentHelp}</p>
  ${errorText("comment")}
  <button type="submit">${it.saveStatus}</button>
</form></section>`
    : "";
  const main = html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/community">${t.community}</a> › <a href="/community/b/${idea.board.slug}">${idea.board.name}</a></nav>
<article class="idea" aria-labelledby="idea-title">
  <h1 id="idea-title">${idea.title}</h1>
  <p class="meta">${ideaStatusBadge(ctx, idea.status)} ${it.submitted} ${authorLink(ctx, idea.author)} · <time datetime="${idea.createdAt}">${formatDate(new Date(idea.createdAt), ctx.locale)}</time></p>
  <div class="question-main">
    ${voteBox(ctx, idea, idea.myVote)}
    <div class="post"><div class="body">${raw(idea.bodyHtml)}</div>
    ${followForm(ctx, { type: "idea", target: idea.id, following: opts.following ?? false, api: `/api/v1/ideas/${idea.id}/follow` })}</div>
  </div>
</article>
<section aria-labelledby="history-h"><h2 id="history-h">${it.history}</h2>${history}</section>
${staffForm}`;
  return renderPage(ctx, {
    title: idea.title,
    description: snippet(markdownToText(idea.body), 160),
    canonical: `${ctx.publicUrl}${idea.url}`,
    main,
  });
}

export interface SubmitIdeaValues {
  board: string;
  title: string;
  body: string;
}

export function submitIdeaPage(
  ctx: PageContext,
  boards: { slug: string; name: string }[],
  values: SubmitIdeaValues,
  problems: FieldProblem[] = [],
): string {
  const { t } = ctx;
  const it = ti(ctx);
  const problem = (field: string) => problems.find((p) => p.field === field)?.message;
  const invalid = (field: string) =>
    problem(field)
      ? html` aria-invalid="true" aria-describedby="${field}-error ${field}-help"`
      : html` aria-describedby="${field}-help"`;
  const errorText = (field: string) =>
    problem(field) ? html`<p class="error" id="${field}-error">${problem(field)}</p>` : "";
  const next = `/community/ideas/new${values.board ? `?board=${values.board}` : ""}`;
  const main = ctx.user
    ? html`<h1>${it.submitTitle}</h1>
${problems.length ? html`<p class="error" role="alert">${t.formErrors}</p>` : ""}
<form class="stacked" method="post" action="/community/ideas/new">
  ${csrfField(ctx)}
  <label for="board">${t.board}</label>
  <select id="board" name="board" required${invalid("board")}>
    ${boards.map((b) => html`<option value="${b.slug}"${b.slug === values.board ? html` selected` : ""}>${b.name}</option>`)}
  </select>
  <p class="help" id="board-help"></p>
  ${errorText("board")}
  <label for="title">${t.title}</label>
  <input id="title" name="title" required minlength="8" maxlength="200" value="${values.title}"${invalid("title")}>
  <p class="help" id="title-help">${it.titleHelp}</p>
  ${errorText("title")}
  <label for="body">${t.body}</label>
  <textarea id="body" name="body" rows="8" required maxlength="30000"${invalid("body")}>${values.body}</textarea>
  <p class="help" id="body-help">${it.bodyHelp}</p>
  ${errorText("body")}
  <button type="submit">${it.submitIdea}</button>
</form>`
    : html`<h1>${it.submitTitle}</h1><p><a class="button" href="/signin?next=${encodeURIComponent(next)}">${it.signInToSubmit}</a></p>`;
  return renderPage(ctx, { title: it.submitTitle, noindex: true, main });
}

export interface NotificationItem {
  url: string;
  title: string;
  to: Status;
  comment: string;
  actorName: string;
  read: boolean;
  createdAt: string;
}

export function notificationsPage(ctx: PageContext, items: NotificationItem[]): string {
  const { t } = ctx;
  const it = ti(ctx);
  const main = html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/community">${t.community}</a></nav>
<h1>${it.notifications}</h1>
${
  items.length
    ? html`<ol class="history notifications">${items.map(
        (n) => html`<li class="${n.read ? "read" : "unread"}">
  <p><a href="${n.url}">${it.notification(n.title, it.status[n.to], n.actorName)}</a> · <time datetime="${n.createdAt}">${formatDate(new Date(n.createdAt), ctx.locale)}</time></p>
  <p>${snippet(n.comment, 300)}</p>
</li>`,
      )}</ol>`
    : html`<p class="empty">${it.noNotifications}</p>`
}`;
  return renderPage(ctx, { title: it.notifications, noindex: true, main });
}

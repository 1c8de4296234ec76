import { html, type SafeHtml } from "../../../lib/html.ts";
import type { PresentedAuthor } from "../community.presenter.ts";
import { tagPath } from "../community.presenter.ts";
import type { SimilarQuestion } from "../find-similar-questions.ts";
import { IDEA_MESSAGES } from "../ideas/ideas.i18n.ts";
import { formatDate } from "./i18n.ts";
import { authorLink, type PageContext, renderPage } from "./layout.ts";

/** The fields of a question summary that lists show. */
export interface ListedQuestion {
  url: string;
  title: string;
  excerpt: string;
  status: "open" | "solved" | "closed" | "duplicate";
  tags: string[];
  author: PresentedAuthor;
  board: { slug: string; name: string };
  lastActivityAt: string;
  createdAt: string;
  upvotes: number;
  meTooCount: number;
  answerCount: number;
}

export const statusBadge = (ctx: PageContext, status: ListedQuestion["status"]) =>
  html`<span class="badge status-${status}">${ctx.t.status[status]}</span>`;

export function tagList(tags: string[], label: string): SafeHtml {
  if (!tags.length) return html``;
  return html`<ul class="tags" aria-label="${label}">${tags.map(
    (t) => html`<li><a href="${tagPath(t)}" rel="tag">${t}</a></li>`,
  )}</ul>`;
}

export function questionList(
  ctx: PageContext,
  items: ListedQuestion[],
  headingLevel = 3,
): SafeHtml {
  const { t } = ctx;
  if (!items.length) return html`<p class="empty">${t.noQuestions}</p>`;
  return html`<ol class="questions">${items.map(
    (q) => html`<li class="question-item">
  <div class="counts" aria-hidden="false">
    <span>${t.votes(q.upvotes)}</span>
    <span class="${q.status === "solved" ? "solved" : ""}">${t.answers(q.answerCount)}</span>
    ${q.meTooCount ? html`<span>${t.meTooCount(q.meTooCount)}</span>` : ""}
  </div>
  <div class="summary">
    ${headingLevel === 2 ? html`<h2><a href="${q.url}">${q.title}</a></h2>` : html`<h3><a href="${q.url}">${q.title}</a></h3>`}
    ${q.status !== "open" ? statusBadge(ctx, q.status) : ""}
    <p>${q.excerpt}</p>
    ${tagList(q.tags, t.tags)}
    <p class="meta">${authorLink(ctx, q.author)} · <time datetime="${q.lastActivityAt}">${formatDate(new Date(q.lastActivityAt), ctx.locale)}</time></p>
  </div>
</li>`,
  )}</ol>`;
}

export function pager(
  ctx: PageContext,
  basePath: string,
  params: URLSearchParams,
  page: number,
  hasMore: boolean,
): SafeHtml {
  if (page <= 1 && !hasMore) return html``;
  const link = (p: number) => {
    const q = new URLSearchParams(params);
    if (p > 1) q.set("page", String(p));
    else q.delete("page");
    const s = q.toString();
    return `${basePath}${s ? `?${s}` : ""}`;
  };
  return html`<nav class="pager" aria-label="${ctx.t.page(page)}">
  ${page > 1 ? html`<a rel="prev" href="${link(page - 1)}">${ctx.t.previous}</a>` : ""}
  <span>${ctx.t.page(page)}</span>
  ${hasMore ? html`<a rel="next" href="${link(page + 1)}">${ctx.t.next}</a>` : ""}
</nav>`;
}

export interface HomeData {
  /** The public service teams and whether they answer now ("back at …" otherwise). */
  teams?: { name: string; open: boolean; state: string }[];
  boards: {
    url: string;
    name: string;
    description: string;
    kind: "questions" | "ideas";
    questionCount?: number;
  }[];
  recent: ListedQuestion[];
  unanswered: ListedQuestion[];
  tags: { tag: string; n: number }[];
}

export function homePage(ctx: PageContext, data: HomeData): string {
  const { t } = ctx;
  return renderPage(ctx, {
    title: t.community,
    description: `${ctx.siteName} ${t.community}: ${data.boards.map((b) => b.name).join(", ")}`,
    canonical: `${ctx.publicUrl}/community`,
    main: html`<h1>${ctx.siteName} ${t.community}</h1>
${
  data.teams?.length
    ? html`<ul class="team-status" aria-label="${t.serviceTeam}">${data.teams.map(
        (team) =>
          html`<li class="${team.open ? "open" : "closed"}"><a href="/team"><strong>${team.name}</strong></a>: ${team.state}</li>`,
      )}</ul>`
    : ""
}
<section aria-labelledby="boards-h"><h2 id="boards-h">${t.boards}</h2>
<ul class="boards">${data.boards.map(
      (b) =>
        html`<li><a href="${b.url}"><strong>${b.name}</strong></a> <span class="count">${b.kind === "ideas" ? IDEA_MESSAGES[ctx.locale].ideasCount(b.questionCount ?? 0) : t.questions(b.questionCount ?? 0)}</span><p>${b.description}</p></li>`,
    )}</ul></section>
<div class="columns">
<section aria-labelledby="recent-h"><h2 id="recent-h">${t.recent}</h2>${questionList(ctx, data.recent)}</section>
<section aria-labelledby="unanswered-h"><h2 id="unanswered-h">${t.unanswered}</h2>${questionList(ctx, data.unanswered)}</section>
</div>
${
  data.tags.length
    ? html`<section aria-labelledby="tags-h"><h2 id="tags-h">${t.popularTags}</h2><ul class="tags">${data.tags.map(
        (x) =>
          html`<li><a href="${tagPath(x.tag)}" rel="tag">${x.tag}</a> <span class="count">${x.n}</span></li>`,
      )}</ul></section>`
    : ""
}`,
  });
}

export interface ListPageData {
  heading: string;
  description: string;
  canonical: string;
  items: ListedQuestion[];
  pager: SafeHtml;
  sortLinks?: { label: string; href: string; current: boolean }[];
  noindex?: boolean;
  /** The follow button of a board or tag page. */
  follow?: SafeHtml;
}

export function listPage(ctx: PageContext, data: ListPageData): string {
  return renderPage(ctx, {
    title: data.heading,
    description: data.description,
    canonical: data.canonical,
    ...(data.noindex ? { noindex: true } : {}),
    main: html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/community">${ctx.t.community}</a></nav>
<h1>${data.heading}</h1>
${data.description ? html`<p class="lead">${data.description}</p>` : ""}
${data.follow ?? ""}
${
  data.sortLinks
    ? html`<nav class="sort" aria-label="${ctx.t.sort}"><span>${ctx.t.sort}:</span> ${data.sortLinks.map(
        (s) =>
          s.current
            ? html`<a href="${s.href}" aria-current="page">${s.label}</a> `
            : html`<a href="${s.href}">${s.label}</a> `,
      )}</nav>`
    : ""
}
${questionList(ctx, data.items, 2)}
${data.pager}`,
  });
}

export function searchPage(ctx: PageContext, q: string, items: SimilarQuestion[]): string {
  const { t } = ctx;
  return renderPage(ctx, {
    title: q ? t.searchResults(q) : t.search,
    noindex: true,
    main: html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/community">${t.community}</a></nav>
<h1>${q ? t.searchResults(q) : t.search}</h1>
<form role="search" action="/community/search" method="get" class="stacked">
  <label for="q">${t.searchLabel}</label>
  <input id="q" type="search" name="q" value="${q}" required maxlength="300">
  <button type="submit">${t.search}</button>
</form>
${
  q
    ? items.length
      ? html`<ol class="results">${items.map(
          (i) =>
            html`<li><a href="${i.url}">${i.title}</a>${i.solved ? html` <span class="badge status-solved">${t.solvedMark}</span>` : ""}</li>`,
        )}</ol>`
      : html`<p class="empty">${t.noResults} <a href="/community/ask?title=${q}">${t.ask}</a></p>`
    : ""
}`,
  });
}

export interface ProfileData {
  /** What others write to mention this member (`@handle`); null before their first post. */
  handle: string | null;
  name: string;
  team: boolean;
  memberSince: string;
  stats: { questions: number; answers: number; accepted: number };
  questions: ListedQuestion[];
  answers: { url: string; title: string; createdAt: string }[];
  canonical: string;
  /** Points, rank and badges, rendered by the reputation module. */
  reputation?: SafeHtml;
}

export function profilePage(ctx: PageContext, p: ProfileData): string {
  const { t } = ctx;
  return renderPage(ctx, {
    title: p.name,
    description: `${p.name} · ${t.profile}`,
    canonical: p.canonical,
    main: html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/community">${t.community}</a></nav>
<h1>${p.name}${p.team ? html` <span class="badge team" title="${t.teamTitle}">${t.team}</span>` : ""}</h1>
<p class="lead">${p.handle ? html`<span class="handle">@${p.handle}</span> · ` : ""}${t.memberSince(formatDate(new Date(p.memberSince), ctx.locale))}</p>
${p.reputation ?? ""}
<dl class="stats">
  <div><dt>${t.statsQuestions}</dt><dd>${p.stats.questions}</dd></div>
  <div><dt>${t.statsAnswers}</dt><dd>${p.stats.answers}</dd></div>
  <div><dt>${t.statsAccepted}</dt><dd>${p.stats.accepted}</dd></div>
</dl>
<section aria-labelledby="pq"><h2 id="pq">${t.recentQuestions}</h2>${questionList(ctx, p.questions)}</section>
<section aria-labelledby="pa"><h2 id="pa">${t.recentAnswers}</h2>
${
  p.answers.length
    ? html`<ul class="results">${p.answers.map(
        (a) =>
          html`<li><a href="${a.url}">${a.title}</a> · <time datetime="${a.createdAt}">${formatDate(new Date(a.createdAt), ctx.locale)}</time></li>`,
      )}</ul>`
    : html`<p class="empty">${t.noAnswers}</p>`
}
</section>`,
  });
}

export function notFoundPage(ctx: PageContext): string {
  return renderPage(ctx, {
    title: ctx.t.notFound,
    noindex: true,
    main: html`<h1>${ctx.t.notFound}</h1><p>${ctx.t.notFoundText}</p><p><a href="/community">${ctx.t.back}</a></p>`,
  });
}

import type { KbArticleRow, KbCategoryRow } from "../../../db/schema/index.ts";
import { html, jsonForScript, raw, type SafeHtml } from "../../../lib/html.ts";
import { markdownToText, snippet } from "../../../lib/markdown.ts";
import { formatDate } from "../../community/pages/i18n.ts";
import { type PageContext, type PageOptions, renderPage } from "../../community/pages/layout.ts";
import { isPublic } from "../kb.policy.ts";
import { articlePath, categoryPath } from "../kb.presenter.ts";
import { HELP_MESSAGES } from "./i18n.ts";

const h = (ctx: PageContext) => HELP_MESSAGES[ctx.locale];
const categoryName = (ctx: PageContext, c: KbCategoryRow) =>
  ctx.locale === "en" ? c.nameEn : c.nameDe;
const csrfField = (ctx: PageContext) =>
  ctx.csrfToken ? html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">` : "";

function page(ctx: PageContext, opts: Omit<PageOptions, "section">): string {
  const t = h(ctx);
  return renderPage(ctx, {
    ...opts,
    section: { name: t.help, home: "/help", search: "/help/search", searchLabel: t.searchLabel },
  });
}

function articleList(ctx: PageContext, items: KbArticleRow[]): SafeHtml {
  if (!items.length) return html`<p class="empty">${h(ctx).noArticles}</p>`;
  return html`<ul class="results">${items.map(
    (a) =>
      html`<li><a href="${articlePath(a)}" hreflang="${a.language}">${a.title}</a>${a.summary ? html`<p class="snippet">${a.summary}</p>` : ""}</li>`,
  )}</ul>`;
}

export function helpHomePage(
  ctx: PageContext,
  data: { categories: KbCategoryRow[]; popular: KbArticleRow[] },
): string {
  const t = h(ctx);
  const main = html`<h1>${t.home}</h1>
<p class="lead">${t.intro}</p>
${
  data.categories.length
    ? html`<section aria-labelledby="categories-h"><h2 id="categories-h">${t.categories}</h2><ul class="boards">${data.categories.map(
        (c) => html`<li><a href="${categoryPath(c)}">${categoryName(ctx, c)}</a></li>`,
      )}</ul></section>`
    : ""
}
<section aria-labelledby="popular-h"><h2 id="popular-h">${t.popular}</h2>${articleList(ctx, data.popular)}</section>
<p><a class="button" href="/community/ask">${t.askCommunity}</a></p>`;
  return page(ctx, {
    title: t.home,
    description: t.intro,
    canonical: `${ctx.publicUrl}/help`,
    main,
  });
}

export function helpCategoryPage(
  ctx: PageContext,
  data: { category: KbCategoryRow; articles: KbArticleRow[] },
): string {
  const t = h(ctx);
  const name = categoryName(ctx, data.category);
  const main = html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/help">${t.home}</a></nav>
<h1>${name}</h1>
${articleList(ctx, data.articles)}`;
  return page(ctx, {
    title: name,
    canonical: `${ctx.publicUrl}${categoryPath(data.category)}`,
    main,
  });
}

export function helpSearchPage(
  ctx: PageContext,
  data: {
    q: string;
    articles: KbArticleRow[];
    questions: { title: string; url: string }[];
    searchId: string | null;
  },
): string {
  const t = h(ctx);
  const suffix = data.searchId ? `?search=${data.searchId}` : "";
  const main = html`<h1>${data.q ? t.searchResults(data.q) : t.searchLabel}</h1>
<form class="search-big" role="search" action="/help/search" method="get">
  <label for="help-q">${t.searchLabel}</label>
  <input id="help-q" type="search" name="q" value="${data.q}">
</form>
${
  data.q && !data.articles.length
    ? html`<p class="empty">${t.noResults} <a href="/community/ask?title=${encodeURIComponent(data.q)}">${t.askCommunity}</a></p>`
    : html`<ul class="results">${data.articles.map(
        (a) =>
          html`<li><a href="${articlePath(a)}${suffix}" hreflang="${a.language}">${a.title}</a>${a.summary ? html`<p class="snippet">${a.summary}</p>` : ""}</li>`,
      )}</ul>`
}
${
  data.questions.length
    ? html`<section aria-labelledby="questions-h"><h2 id="questions-h">${t.relatedQuestions}</h2><ul class="results">${data.questions.map(
        (q) => html`<li><a href="${q.url}">${q.title}</a></li>`,
      )}</ul></section>`
    : ""
}`;
  return page(ctx, { title: t.searchLabel, main, noindex: true });
}

/** schema.org Article, or FAQPage for question-and-answer articles. */
export function articleJsonLd(a: KbArticleRow, ctx: PageContext) {
  const url = `${ctx.publicUrl}${articlePath(a)}`;
  if (a.faq) {
    return {
      "@context": "https://schema.org",
      "@type": "FAQPage",
      inLanguage: a.language,
      url,
      mainEntity: [
        {
          "@type": "Question",
          name: a.title,
          acceptedAnswer: { "@type": "Answer", text: markdownToText(a.body) },
        },
      ],
    };
  }
  return {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: a.title,
    description: a.summary || snippet(markdownToText(a.body), 160),
    inLanguage: a.language,
    datePublished: (a.publishAt ?? a.createdAt).toISOString(),
    dateModified: a.updatedAt.toISOString(),
    mainEntityOfPage: url,
    author: { "@type": "Organization", name: ctx.siteName },
    publisher: { "@type": "Organization", name: ctx.siteName },
  };
}

export interface ArticlePageData {
  article: KbArticleRow;
  category: KbCategoryRow | null;
  translations: KbArticleRow[];
  successor: KbArticleRow | null;
  attribution: { name: string; questionUrl: string } | null;
  myFeedback: { helpful: boolean } | null;
  thanks: boolean;
  canPublish: boolean;
}

export function helpArticlePage(ctx: PageContext, d: ArticlePageData): string {
  const t = h(ctx);
  const a = d.article;
  const canonical = `${ctx.publicUrl}${articlePath(a)}`;
  const description = a.summary || snippet(markdownToText(a.body), 160);
  const translations = d.translations.filter((x) => x.id !== a.id && isPublic(x));
  const head = html`<meta property="og:type" content="article">
<meta property="og:site_name" content="${ctx.siteName}">
<meta property="og:title" content="${a.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${canonical}">
<meta property="og:locale" content="${a.language === "de" ? "de_DE" : "en_GB"}">
<meta name="twitter:card" content="summary">
${translations.map((x) => html`<link rel="alternate" hreflang="${x.language}" href="${ctx.publicUrl}${articlePath(x)}">`)}
<script type="application/ld+json">${jsonForScript(articleJsonLd(a, ctx))}</script>`;
  const scheduled = a.status === "published" && !isPublic(a) && a.publishAt;
  const feedback = d.thanks
    ? html`<p class="notice" role="status">${t.thanks}</p>`
    : html`<form class="stacked helpful" method="post" action="/help/${a.number}/feedback">
  ${csrfField(ctx)}
  <fieldset>
    <legend>${t.helpfulQuestion}</legend>
    ${d.myFeedback ? html`<p class="meta">${t.yourAnswer(d.myFeedback.helpful)}</p>` : ""}
    <label for="helpful-reason">${t.reason}</label>
    <textarea id="helpful-reason" name="reason" rows="2" maxlength="1000"></textarea>
    <button type="submit" name="helpful" value="yes">${t.yes}</button>
    <button type="submit" name="helpful" value="no">${t.no}</button>
  </fieldset>
</form>`;
  const main = html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/help">${t.home}</a>${d.category ? html` › <a href="${categoryPath(d.category)}">${categoryName(ctx, d.category)}</a>` : ""}</nav>
<article class="kb-article" lang="${a.language}" aria-labelledby="article-title">
  <h1 id="article-title">${a.title}</h1>
  ${
    !isPublic(a) && a.status !== "archived"
      ? html`<p class="notice" role="note">${t.status[a.status]}${scheduled ? html` · ${t.scheduled(formatDate(a.publishAt!, ctx.locale))}` : ""} · ${t.notPublic}</p>`
      : ""
  }
  ${
    a.status === "archived"
      ? html`<p class="notice" role="note">${t.archived}${d.successor ? html` ${t.successor} <a rel="next" href="${articlePath(d.successor)}">${d.successor.title}</a>` : ""}</p>`
      : ""
  }
  <p class="meta">${t.updated} <time datetime="${a.updatedAt.toISOString()}">${formatDate(a.updatedAt, ctx.locale)}</time> · ${t.views(a.viewCount)}${
    translations.length
      ? html` · ${t.otherLanguage} ${translations.map((x) => html`<a href="${articlePath(x)}" hreflang="${x.language}" lang="${x.language}">${x.title}</a>`)}`
      : ""
  }</p>
  <div class="body">${raw(a.bodyHtml)}</div>
  ${
    d.attribution
      ? html`<p class="meta attribution">${t.promotedFrom} ${d.attribution.name} – <a href="${d.attribution.questionUrl}">${t.inCommunity}</a></p>`
      : ""
  }
  ${
    d.canPublish && (a.status === "draft" || a.status === "review")
      ? html`<form method="post" action="/help/${a.number}/publish">${csrfField(ctx)}<button type="submit">${t.publish}</button></form>`
      : ""
  }
</article>
${isPublic(a) ? feedback : ""}`;
  return page(ctx, {
    title: a.title,
    description,
    canonical,
    head,
    main,
    ...(isPublic(a) ? {} : { noindex: true }),
  });
}

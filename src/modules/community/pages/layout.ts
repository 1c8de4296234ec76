import type { UserRow } from "../../../db/schema/index.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { isModerator } from "../community.policy.ts";
import type { PresentedAuthor } from "../community.presenter.ts";
import { userPath } from "../community.presenter.ts";
import { IDEA_MESSAGES } from "../ideas/ideas.i18n.ts";
import { ACTION_MESSAGES } from "./actions.i18n.ts";
import { type Locale, MESSAGES, type Messages } from "./i18n.ts";

/** What every page needs to know about the request. */
export interface PageContext {
  locale: Locale;
  t: Messages;
  user: UserRow | null;
  csrfToken: string | null;
  publicUrl: string;
  /** Path and query of this request, for the language switch. */
  url: string;
  siteName: string;
  /** Reputation rank names by user id, shown beside members' names where known. */
  ranks?: ReadonlyMap<string, string>;
}

export function makeContext(input: Omit<PageContext, "t">): PageContext {
  return { ...input, t: MESSAGES[input.locale] };
}

export interface PageOptions {
  title: string;
  description?: string;
  /** Absolute canonical URL. */
  canonical?: string;
  head?: SafeHtml;
  main: SafeHtml;
  /** Extra scripts (the ask page's). */
  noindex?: boolean;
  /** Another public area using this layout (the help centre): its name, home and search. */
  section?: { name: string; home: string; search: string; searchLabel: string };
}

function switchLanguageUrl(ctx: PageContext): string {
  const other = ctx.locale === "de" ? "en" : "de";
  const url = new URL(ctx.url, "http://x");
  url.searchParams.set("lang", other);
  return `${url.pathname}${url.search}`;
}

export function renderPage(ctx: PageContext, page: PageOptions): string {
  const { t } = ctx;
  const next = encodeURIComponent(ctx.url);
  const section = page.section ?? {
    name: t.community,
    home: "/community",
    search: "/community/search",
    searchLabel: t.searchLabel,
  };
  return `<!doctype html>${
    html`<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${ctx.siteName} ${section.name}</title>
${page.description ? html`<meta name="description" content="${page.description}">` : ""}
${page.canonical ? html`<link rel="canonical" href="${page.canonical}">` : ""}
${page.noindex ? html`<meta name="robots" content="noindex">` : ""}
<link rel="alternate" hreflang="de" href="${ctx.publicUrl}${withLang(ctx.url, "de")}">
<link rel="alternate" hreflang="en" href="${ctx.publicUrl}${withLang(ctx.url, "en")}">
<link rel="stylesheet" href="/community/assets/community.css">
<script src="/community/assets/community.js" defer></script>
${page.head ?? ""}
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header class="site">
  <nav aria-label="${section.name}">
    <a class="brand" href="${section.home}">${ctx.siteName} ${section.name}</a>
    <form class="search" role="search" action="${section.search}" method="get">
      <label for="site-search" class="visually-hidden">${section.searchLabel}</label>
      <input id="site-search" type="search" name="q" placeholder="${t.searchPlaceholder}">
      <button type="submit">${t.search}</button>
    </form>
    <a href="/community/leaderboard">${t.leaderboard}</a>
    <a href="/community/rewards">${t.rewards}</a>
    <a class="button" href="/community/ask">${t.ask}</a>
    ${
      ctx.user
        ? html`${isModerator(ctx.user.role) ? html`<a href="/community/moderation">${ACTION_MESSAGES[ctx.locale].queueTitle}</a> ` : ""}<a href="/community/notifications">${IDEA_MESSAGES[ctx.locale].notifications}</a> <a href="${userPath(ctx.user.id)}">${ctx.user.name}</a>`
        : html`<a href="/signin?next=${next}">${t.signIn}</a>`
    }
    <a href="${switchLanguageUrl(ctx)}" hreflang="${ctx.locale === "de" ? "en" : "de"}" lang="${ctx.locale === "de" ? "en" : "de"}">${t.switchTo}</a>
  </nav>
</header>
<main id="main" tabindex="-1">
${page.main}
</main>
<footer class="site"><p>${t.footer}</p></footer>
</body>
</html>`.value
  }`;
}

export function withLang(url: string, lang: Locale): string {
  const u = new URL(url, "http://x");
  u.searchParams.set("lang", lang);
  return `${u.pathname}${u.search}`;
}

export function authorLink(ctx: PageContext, author: PresentedAuthor): SafeHtml {
  const rank = author.team ? undefined : ctx.ranks?.get(author.id);
  return html`<a class="author" href="${userPath(author.id)}">${author.name}</a>${
    author.team
      ? html` <span class="badge team" title="${ctx.t.teamTitle}">${ctx.t.team}</span>`
      : ""
  }${rank ? html` <span class="badge rank">${rank}</span>` : ""}`;
}

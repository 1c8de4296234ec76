import { html, type SafeHtml } from "../../../lib/html.ts";
import { userPath } from "../../community/community.presenter.ts";
import { type PageContext, renderPage } from "../../community/pages/layout.ts";
import type { LeaderboardEntry, LeaderboardPeriod } from "../get-leaderboard.ts";
import type { getReputationSummary } from "../get-reputation.ts";

type Summary = Awaited<ReturnType<typeof getReputationSummary>>;

const MESSAGES = {
  de: {
    points: "Punkte",
    rank: "Rang",
    badges: "Abzeichen",
    noBadges: "Noch keine Abzeichen.",
    nextRank: (name: string, points: number, days: number) =>
      `Nächster Rang: ${name}${points ? ` – noch ${points} Punkte` : ""}${days ? ` – noch ${days} Tage Mitgliedschaft` : ""}`,
    leaderboard: "Bestenliste",
    periods: { week: "Diese Woche", month: "Dieser Monat", all: "Gesamt" },
    allBoards: "Alle Bereiche",
    board: "Bereich",
    show: "Anzeigen",
    member: "Mitglied",
    nobody: "Noch niemand hat in diesem Zeitraum Punkte gesammelt.",
    rewards: "Prämien",
    rewardsLead:
      "Aktive Mitglieder lösen ihre Punkte gegen Prämien ein. Das Team prüft jede Anfrage.",
    price: (n: number) => `${n} Punkte`,
    topHelpers: (n: number) => `Für die Top ${n} Helfer des Monats`,
    inStock: (n: number) => `${n} verfügbar`,
    outOfStock: "Vergriffen",
    request: "Anfragen",
    signInToRequest: "Anmelden, um Prämien anzufragen",
    yourPoints: (n: number) => `Du hast ${n} Punkte.`,
    yourRequests: "Deine Anfragen",
    requested: "Deine Anfrage ist eingegangen. Das Team meldet sich.",
    status: {
      requested: "angefragt",
      approved: "genehmigt",
      shipped: "verschickt",
      declined: "abgelehnt",
    },
    noRewards: "Zurzeit gibt es keine Prämien.",
  },
  en: {
    points: "Points",
    rank: "Rank",
    badges: "Badges",
    noBadges: "No badges yet.",
    nextRank: (name: string, points: number, days: number) =>
      `Next rank: ${name}${points ? ` – ${points} more points` : ""}${days ? ` – ${days} more days of membership` : ""}`,
    leaderboard: "Leaderboard",
    periods: { week: "This week", month: "This month", all: "All time" },
    allBoards: "All boards",
    board: "Board",
    show: "Show",
    member: "Member",
    nobody: "Nobody has earned points in this period yet.",
    rewards: "Rewards",
    rewardsLead: "Active members redeem their points for rewards. The team reviews every request.",
    price: (n: number) => `${n} points`,
    topHelpers: (n: number) => `For the top ${n} helpers of the month`,
    inStock: (n: number) => `${n} available`,
    outOfStock: "Out of stock",
    request: "Request",
    signInToRequest: "Sign in to request rewards",
    yourPoints: (n: number) => `You have ${n} points.`,
    yourRequests: "Your requests",
    requested: "Your request was received. The team will get back to you.",
    status: {
      requested: "requested",
      approved: "approved",
      shipped: "shipped",
      declined: "declined",
    },
    noRewards: "There are no rewards at the moment.",
  },
};

const m = (ctx: PageContext) => MESSAGES[ctx.locale];

/** Points, rank and badges on a member's profile. */
export function reputationSection(ctx: PageContext, s: Summary): SafeHtml {
  const t = m(ctx);
  return html`<section class="reputation" aria-labelledby="rep">
<h2 id="rep" class="visually-hidden">${t.rank}</h2>
<dl class="stats">
  <div><dt>${t.points}</dt><dd data-testid="points">${s.points}</dd></div>
  <div><dt>${t.rank}</dt><dd><span class="badge rank">${s.rank.name}</span></dd></div>
</dl>
${s.nextRank ? html`<p class="meta">${t.nextRank(s.nextRank.rank.name, s.nextRank.pointsNeeded, s.nextRank.daysNeeded)}</p>` : ""}
<h3>${t.badges}</h3>
${
  s.badges.length
    ? html`<ul class="badges">${s.badges.map(
        (b) =>
          html`<li class="earned-badge" title="${b.badge.description}"><span aria-hidden="true">${b.badge.icon}</span> <strong>${b.badge.name}</strong> <span class="meta">${b.badge.description}</span></li>`,
      )}</ul>`
    : html`<p class="empty">${t.noBadges}</p>`
}
</section>`;
}

export function leaderboardPage(
  ctx: PageContext,
  p: {
    period: LeaderboardPeriod;
    board: string | null;
    boards: { slug: string; name: string }[];
    items: LeaderboardEntry[];
  },
): string {
  const t = m(ctx);
  const href = (period: string) =>
    `/community/leaderboard?period=${period}${p.board ? `&board=${encodeURIComponent(p.board)}` : ""}`;
  return renderPage(ctx, {
    title: t.leaderboard,
    canonical: `${ctx.publicUrl}/community/leaderboard`,
    main: html`<h1>${t.leaderboard}</h1>
<nav class="sorts" aria-label="${t.leaderboard}">${(["week", "month", "all"] as const).map(
      (period) =>
        html`<a href="${href(period)}"${period === p.period ? html` aria-current="page"` : ""}>${t.periods[period]}</a> `,
    )}</nav>
<form method="get" action="/community/leaderboard">
  <input type="hidden" name="period" value="${p.period}">
  <label for="lb-board">${t.board}</label>
  <select id="lb-board" name="board">
    <option value="">${t.allBoards}</option>
    ${p.boards.map((b) => html`<option value="${b.slug}"${b.slug === p.board ? html` selected` : ""}>${b.name}</option>`)}
  </select>
  <button type="submit">${t.show}</button>
</form>
${
  p.items.length
    ? html`<table class="leaderboard"><thead><tr><th scope="col">#</th><th scope="col">${t.member}</th><th scope="col">${t.rank}</th><th scope="col">${t.points}</th></tr></thead><tbody>${p.items.map(
        (e) =>
          html`<tr><td>${e.position}</td><td><a href="${userPath(e.userId)}">${e.name}</a></td><td><span class="badge rank">${e.rank.name}</span></td><td>${e.points}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${t.nobody}</p>`
}`,
  });
}

export interface RewardView {
  id: string;
  name: string;
  description: string;
  imageUrl: string | null;
  stock: number;
  pricePoints: number | null;
  topHelpersOfMonth: number | null;
}

export function rewardsPage(
  ctx: PageContext,
  p: {
    rewards: RewardView[];
    points: number | null;
    requests: {
      rewardName: string;
      status: keyof (typeof MESSAGES)["en"]["status"];
      message: string | null;
    }[];
    notice: string | null;
    error: string | null;
  },
): string {
  const t = m(ctx);
  const csrf = ctx.csrfToken
    ? html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`
    : "";
  return renderPage(ctx, {
    title: t.rewards,
    canonical: `${ctx.publicUrl}/community/rewards`,
    main: html`<h1>${t.rewards}</h1>
<p class="lead">${t.rewardsLead}</p>
${p.notice ? html`<p class="notice" role="status">${p.notice}</p>` : ""}
${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
${p.points !== null ? html`<p data-testid="my-points">${t.yourPoints(p.points)}</p>` : html`<p><a href="/signin?next=%2Fcommunity%2Frewards">${t.signInToRequest}</a></p>`}
${
  p.rewards.length
    ? html`<ul class="rewards">${p.rewards.map(
        (r) => html`<li class="reward" data-reward="${r.id}">
  ${r.imageUrl ? html`<img src="${r.imageUrl}" alt="" width="120" height="120" loading="lazy">` : ""}
  <h2>${r.name}</h2>
  <p>${r.description}</p>
  <p class="meta">${r.pricePoints !== null ? t.price(r.pricePoints) : ""}${r.topHelpersOfMonth !== null ? html` ${t.topHelpers(r.topHelpersOfMonth)}` : ""} · ${r.stock > 0 ? t.inStock(r.stock) : t.outOfStock}</p>
  ${
    ctx.user && r.stock > 0
      ? html`<form method="post" action="/community/rewards/${r.id}/request">${csrf}<button type="submit">${t.request}</button></form>`
      : ""
  }
</li>`,
      )}</ul>`
    : html`<p class="empty">${t.noRewards}</p>`
}
${
  p.requests.length
    ? html`<section aria-labelledby="my-requests"><h2 id="my-requests">${t.yourRequests}</h2><ul class="results">${p.requests.map(
        (r) =>
          html`<li><strong>${r.rewardName}</strong>: <span class="status">${t.status[r.status]}</span>${r.message ? html` – ${r.message}` : ""}</li>`,
      )}</ul></section>`
    : ""
}`,
  });
}

export const requestedNotice = (ctx: PageContext) => m(ctx).requested;

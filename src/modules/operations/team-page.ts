import {
  formatWhen as formatInstant,
  type HoursLocale,
  hoursLocale,
} from "../../lib/opening-hours/index.ts";
import type { TTeamStatus } from "./operations.schemas.ts";

export type PageLocale = HoursLocale;

const formatWhen = (iso: string, zone: string, locale: PageLocale, now: Date) =>
  formatInstant(new Date(iso), zone, locale, now);

/**
 * The reader's language from `?lang=` or Accept-Language: German or English, and for
 * English the US 12-hour clock only when asked for en-US. German when nothing fits.
 */
export function pickLocale(acceptLanguage: string | undefined, lang?: string): PageLocale {
  const fromTag = hoursLocale;
  if (lang) {
    const chosen = fromTag(lang);
    if (chosen) return chosen;
  }
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    const chosen = fromTag(r.tag);
    if (chosen) return chosen;
  }
  return "de-DE";
}

const TEXT = {
  de: {
    title: "Unser Service-Team",
    intro: "Wann wir für dich da sind.",
    open: "Jetzt online",
    openUntil: (t: string) => `Jetzt online, bis ${t}`,
    closed: "Gerade nicht besetzt",
    backAt: (t: string) => `Wieder da: ${t}`,
    noHours: "Zurzeit keine Servicezeiten geplant.",
    holiday: (name: string) => `Heute ist Feiertag (${name}).`,
    none: "Es sind noch keine Teams eingerichtet.",
    zone: "Zeitzone",
    refresh: "Aktualisieren",
  },
  en: {
    title: "Our service team",
    intro: "When we are there for you.",
    open: "Online now",
    openUntil: (t: string) => `Online now, until ${t}`,
    closed: "Not staffed right now",
    backAt: (t: string) => `Back at ${t}`,
    noHours: "No service hours planned at the moment.",
    holiday: (name: string) => `Today is a public holiday (${name}).`,
    none: "No teams have been set up yet.",
    zone: "Time zone",
    refresh: "Refresh",
  },
};

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** "Online now, until 18:00" or "Not staffed right now. Back at Mon 08:00", in the reader's language. */
export function teamStateText(s: TTeamStatus, locale: PageLocale, now: Date): string {
  const text = TEXT[locale.startsWith("de") ? "de" : "en"];
  return s.open
    ? s.nextClosing
      ? text.openUntil(formatWhen(s.nextClosing, s.timeZone, locale, now))
      : text.open
    : s.nextOpening
      ? `${text.closed}. ${text.backAt(formatWhen(s.nextOpening, s.timeZone, locale, now))}`
      : `${text.closed}. ${text.noHours}`;
}

/**
 * The server-rendered /team page: readable without JavaScript. The reader refreshes it
 * with a link; a timed reload would pull the page away from someone still reading it
 * (WCAG 2.2.1, axe's `meta-refresh`).
 */
/** A team member as the public may see them (names and photos by the agent's consent). */
export interface PublicAgent {
  name: string;
  initials: string;
  photoUrl: string | null;
}

export function renderTeamPage(
  statuses: TTeamStatus[],
  locale: PageLocale,
  now: Date,
  people: ReadonlyMap<string, PublicAgent[]> = new Map(),
): string {
  const lang = locale.startsWith("de") ? "de" : "en";
  const text = TEXT[lang];
  const items = statuses.map((s) => {
    const state = teamStateText(s, locale, now);
    const holiday = s.holiday ? `<p class="note">${escapeHtml(text.holiday(s.holiday))}</p>` : "";
    return `<li class="team ${s.open ? "open" : "closed"}" data-team-id="${s.id}">
  <h2>${escapeHtml(s.name)}</h2>
  <p class="state"><span class="dot" aria-hidden="true"></span>${escapeHtml(state)}</p>${holiday}
  <p class="zone">${text.zone}: ${escapeHtml(s.timeZone)}</p>${peopleList(people.get(s.id) ?? [])}
</li>`;
  });
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
ul{list-style:none;padding:0}.team{border:1px solid #ddd;border-radius:.5rem;padding:1rem;margin:1rem 0}
h2{margin:0 0 .5rem;font-size:1.2rem}.state{font-weight:600;margin:0}.zone,.note{color:#555;margin:.4rem 0 0}
.dot{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;margin-right:.5rem;background:#999}
.open .dot{background:#1a7f37}
.people{display:flex;flex-wrap:wrap;gap:.75rem;margin:.75rem 0 0}.person{display:flex;align-items:center;gap:.4rem}
.person img,.person .initials{width:2.5rem;height:2.5rem;border-radius:50%}
.person .initials{display:inline-flex;align-items:center;justify-content:center;background:#4a4a4a;color:#fff;font-weight:600}
</style>
</head>
<body>
<main>
<h1>${text.title}</h1>
<p>${text.intro} <a href="">${text.refresh}</a></p>
${items.length ? `<ul>\n${items.join("\n")}\n</ul>` : `<p>${text.none}</p>`}
</main>
</body>
</html>
`;
}

function peopleList(people: PublicAgent[]): string {
  if (!people.length) return "";
  const items = people.map(
    (p) =>
      `<li class="person">${
        p.photoUrl
          ? `<img src="${escapeHtml(p.photoUrl)}" alt="" width="40" height="40" loading="lazy">`
          : `<span class="initials" aria-hidden="true">${escapeHtml(p.initials)}</span>`
      }<span>${escapeHtml(p.name)}</span></li>`,
  );
  return `\n  <ul class="people">${items.join("")}</ul>`;
}

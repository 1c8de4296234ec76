import { memoizeString } from "./memoize.ts";

/**
 * A tiny, safe HTML templating helper for server-rendered pages: every interpolated
 * value is escaped unless it is already `SafeHtml` (from `html` or `raw`).
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return new SafeHtml(out);
}

/** Marks trusted markup (sanitised Markdown output, our own JSON) as safe. */
export const raw = (value: string) => new SafeHtml(value);

/** JSON for a `<script>` element: `<` is escaped so no text can close the element. */
export function jsonForScript(value: unknown): SafeHtml {
  return raw(
    JSON.stringify(value)
      .replace(/</g, "\\u003c")
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029"),
  );
}

/** Picks de or en from `?lang=`, a saved choice, then Accept-Language; else the fallback. */
export function pickLocale(
  query: string | undefined,
  saved: string | undefined,
  acceptLanguage: string | undefined,
  fallback: "de" | "en",
): "de" | "en" {
  for (const v of [query, saved]) if (v === "de" || v === "en") return v;
  return (acceptLanguage && preferredLocale(acceptLanguage)) || fallback;
}

/** German or English, whichever `Accept-Language` ranks first (parsed once per header). */
const preferredLocale = memoizeString((acceptLanguage: string): "de" | "en" | undefined => {
  const ranked = acceptLanguage
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { lang: (tag ?? "").toLowerCase().slice(0, 2), q: q ? Number(q) : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const hit = ranked.find((x) => x.lang === "de" || x.lang === "en");
  return hit?.lang as "de" | "en" | undefined;
});

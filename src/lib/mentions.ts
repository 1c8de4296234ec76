import { slugify } from "./slug.ts";

/**
 * `@handle` mentions in community posts. A handle is 2-30 characters of ASCII letters,
 * digits, `_`, `-` and `.`, starting with a letter or digit; it is compared without
 * case. Mentions inside code (fenced blocks, inline code) and e-mail addresses do not
 * count.
 */

export const HANDLE_PATTERN = /^[a-z0-9][a-z0-9_.-]{1,29}$/i;
const MENTION = /(^|[^\w@.\-/])@([a-z0-9][a-z0-9_.-]{1,29})/gi;

/** The distinct handles mentioned in a Markdown text, lower case, in order of appearance. */
export function parseMentions(markdown: string): string[] {
  const text = markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?(^\1[^\n]*$|(?![\s\S]))/gm, " ")
    .replace(/`[^`\n]*`/g, " ");
  return [...new Set(mentionSpans(text).map((m) => m.handle))];
}

/**
 * Where plain text mentions someone: the `@` at `start`, the mention ending before `end`,
 * and the handle in lower case (the text is not Markdown-aware: callers pass text outside
 * code).
 */
export function mentionSpans(text: string): { start: number; end: number; handle: string }[] {
  const spans: { start: number; end: number; handle: string }[] = [];
  for (const match of text.matchAll(MENTION)) {
    // "Thanks @anna." — a trailing dot or hyphen ends the sentence, not the handle.
    const written = match[2]!.replace(/[.-]+$/, "");
    const handle = written.toLowerCase();
    if (!HANDLE_PATTERN.test(handle)) continue;
    const start = match.index + match[1]!.length;
    spans.push({ start, end: start + 1 + written.length, handle });
  }
  return spans;
}

/** Handles mentioned in `after` but not in `before` (an edit notifies only those). */
export function addedMentions(before: string, after: string): string[] {
  const old = new Set(parseMentions(before));
  return parseMentions(after).filter((h) => !old.has(h));
}

/** A handle proposed from a name: "Jörg Müller" → "joerg_mueller" (at least 2 chars). */
export function handleFromName(name: string): string {
  const base = slugify(name, 24).replace(/-/g, "_");
  return base.length >= 2 ? base : `member${base}`;
}

/** The `n`-th alternative when a handle is taken: "anna", "anna2", "anna3", … */
export function handleCandidate(base: string, n: number): string {
  return n <= 1 ? base : `${base.slice(0, 30 - String(n).length)}${n}`;
}

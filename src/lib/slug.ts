/**
 * URL slugs for community pages: lower case ASCII words joined by hyphens, German umlauts
 * spelled out (ä → ae, ß → ss) so "Kündigung" reads as "kuendigung", not "kundigung".
 */
const SPELLED: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", æ: "ae", œ: "oe" };

export function slugify(text: string, maxLength = 80): string {
  const ascii = text
    .toLowerCase()
    .replace(/[äöüßæœ]/g, (c) => SPELLED[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  const words = ascii.split(/[^a-z0-9]+/).filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) break;
    slug = next;
  }
  // A single very long word still gives a slug, cut hard.
  if (!slug && words[0]) slug = words[0].slice(0, maxLength);
  return slug;
}

/** Tags: lower case, letters (any script), digits and single hyphens; at most 40 chars. */
export function normalizeTag(tag: string): string {
  return tag
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}

/** Unique normalised tags in first-seen order, empty ones dropped. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizeTag).filter(Boolean))];
}

/** `/community/q/123-some-title` → 123 and the slug part (maybe empty). */
export function parseIdSlug(value: string): { id: number; slug: string } | undefined {
  const match = /^(\d{1,12})(?:-(.*))?$/.exec(value);
  if (!match) return undefined;
  const id = Number(match[1]);
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  return { id, slug: match[2] ?? "" };
}

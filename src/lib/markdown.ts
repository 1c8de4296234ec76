import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Community posts are written in Markdown and shown as HTML. Raw HTML in the source is
 * not interpreted (markdown-it `html: false`), and the output is sanitised again with an
 * allowlist, so a post can never carry script, styles or event handlers onto the page.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

const ALLOWED_TAGS = [
  "p",
  "br",
  "strong",
  "em",
  "del",
  "s",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
];

export function renderMarkdown(source: string): string {
  const html = md.render(source);
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ["href", "title", "rel", "target"],
      th: ["align"],
      td: ["align"],
      ol: ["start"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
    // User links must not pass reputation or open a window that can reach back.
    transformTags: {
      a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener", target: "_blank" }),
      // Headings inside a post sit below the page's own h1/h2.
      h1: "h3",
      h2: "h4",
    },
    allowedSchemesAppliedToAttributes: ["href"],
  }).trim();
}

/** The text of a post without markup, for descriptions, snippets and search. */
export function markdownToText(source: string): string {
  const html = md.render(source);
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

const LINK = /\bhttps?:\/\/|\bwww\.[a-z0-9-]+\.[a-z]{2,}|\[[^\]]*\]\([^)]+\)/i;

/** True when the post links somewhere; new users' posts with links wait for review. */
export function containsLink(source: string): boolean {
  return LINK.test(source);
}

/** A snippet of at most `max` characters, cut at a word boundary, with an ellipsis. */
export function snippet(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { mentionSpans } from "./mentions.ts";

/**
 * Community posts are written in Markdown and shown as HTML. Raw HTML in the source is
 * not interpreted (markdown-it `html: false`), and the output is sanitised again with an
 * allowlist, so a post can never carry script, styles or event handlers onto the page.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

/** Where a mention of a member links: their profile, found by handle. */
export const mentionPath = (handle: string) => `/community/u/@${encodeURIComponent(handle)}`;

type Token = ReturnType<typeof md.parseInline>[number];

/**
 * `@handle` of a known member becomes a link to their profile. Only text outside code
 * and outside other links is looked at (code spans and blocks are other token types).
 */
md.core.ruler.push("mentions", (state) => {
  const known = (state.env as RenderOptions | undefined)?.mentions;
  if (!known?.size) return;
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const out: Token[] = [];
    let inLink = 0;
    for (const token of block.children) {
      if (token.type === "link_open") inLink++;
      if (token.type === "link_close") inLink--;
      const spans =
        token.type === "text" && inLink === 0
          ? mentionSpans(token.content).filter((m) => known.has(m.handle))
          : [];
      if (!spans.length) {
        out.push(token);
        continue;
      }
      let at = 0;
      const text = (content: string) => {
        const t = new state.Token("text", "", 0);
        t.content = content;
        return t;
      };
      for (const span of spans) {
        if (span.start > at) out.push(text(token.content.slice(at, span.start)));
        const open = new state.Token("link_open", "a", 1);
        open.attrs = [["href", mentionPath(span.handle)]];
        const close = new state.Token("link_close", "a", -1);
        out.push(open, text(token.content.slice(span.start, span.end)), close);
        at = span.end;
      }
      if (at < token.content.length) out.push(text(token.content.slice(at)));
    }
    block.children = out;
  }
});

export interface RenderOptions {
  /** Handles (lower case) of members that `@handle` in the text links to. */
  mentions?: ReadonlySet<string>;
}

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

export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  const html = md.render(source, { ...options });
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ["href", "title", "rel", "target", "class"],
      th: ["align"],
      td: ["align"],
      ol: ["start"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
    // User links must not pass reputation or open a window that can reach back.
    transformTags: {
      // Mentions stay in this window: they are the community's own profile links.
      a: (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
        const href = attribs.href ?? "";
        return href.startsWith("/community/u/@")
          ? { tagName, attribs: { href, class: "mention" } }
          : { tagName, attribs: { ...attribs, rel: "nofollow ugc noopener", target: "_blank" } };
      },
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

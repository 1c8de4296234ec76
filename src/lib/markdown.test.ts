import { describe, expect, it } from "vitest";
import { containsLink, markdownToText, renderMarkdown, snippet } from "./markdown.ts";

describe("renderMarkdown", () => {
  it("renders Markdown and keeps raw HTML as text", () => {
    const html = renderMarkdown("**fett** <b onclick=x>roh</b>\n\n- a\n- b");
    expect(html).toContain("<strong>fett</strong>");
    expect(html).toContain("&lt;b onclick=x&gt;");
    expect(html).toContain("<li>a</li>");
  });
  it("drops dangerous link schemes and marks links as user content", () => {
    expect(renderMarkdown("[x](javascript:alert(1))")).not.toContain("href");
    const link = renderMarkdown("[Hilfe](https://example.com)");
    expect(link).toContain('href="https://example.com"');
    expect(link).toContain('rel="nofollow ugc noopener"');
  });
  it("demotes headings below the page's own", () => {
    expect(renderMarkdown("# Titel")).toBe("<h3>Titel</h3>");
  });
});

describe("mentions in rendered posts", () => {
  const known = new Set(["anna_alpha", "ben"]);
  it("links @handle of known members to their profile, in this window", () => {
    const html = renderMarkdown("Danke @Anna_Alpha. Frag **@ben**!", { mentions: known });
    expect(html).toBe(
      '<p>Danke <a href="/community/u/@anna_alpha" class="mention">@Anna_Alpha</a>. Frag <strong><a href="/community/u/@ben" class="mention">@ben</a></strong>!</p>',
    );
  });
  it("leaves unknown handles, code, e-mail addresses and link texts alone", () => {
    const html = renderMarkdown(
      "@cleo und `@ben` und ben@ben.de und [@ben](https://example.com)\n\n```\n@anna_alpha\n```",
      { mentions: known },
    );
    expect(html).not.toContain("mention");
    expect(html).toContain("@cleo");
    expect(renderMarkdown("Hallo @ben")).toBe("<p>Hallo @ben</p>");
  });
});

describe("text helpers", () => {
  it("strips markup for descriptions", () => {
    expect(markdownToText("**A** & <b>")).toBe("A & <b>");
  });
  it("finds links in several spellings", () => {
    expect(containsLink("siehe https://x.de")).toBe(true);
    expect(containsLink("siehe www.example.com")).toBe(true);
    expect(containsLink("[hier](/pfad)")).toBe(true);
    expect(containsLink("kein Link, nur 3.5 Punkte")).toBe(false);
  });
  it("cuts snippets at a word boundary", () => {
    expect(snippet("kurz", 10)).toBe("kurz");
    expect(snippet("eins zwei drei vier fünf", 12)).toBe("eins zwei…");
  });
});

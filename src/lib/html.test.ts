import { describe, expect, it } from "vitest";
import { html, jsonForScript, pickLocale, raw } from "./html.ts";

describe("html", () => {
  it("escapes interpolations, keeps SafeHtml, flattens arrays, drops empty values", () => {
    const name = `<img src=x onerror="alert('x')">`;
    const out = html`<p title="${name}">${name}${raw("<b>ok</b>")}${[1, html`<i>${"&"}</i>`]}${null}${false}</p>`;
    expect(out.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;<b>ok</b>1<i>&amp;</i></p>',
    );
  });
  it("keeps script-closing text out of JSON in script elements", () => {
    expect(jsonForScript({ t: "</script><script>" }).value).toBe(
      '{"t":"\\u003c/script>\\u003cscript>"}',
    );
  });
});

describe("pickLocale", () => {
  it("prefers ?lang, then the saved choice, then Accept-Language by weight", () => {
    expect(pickLocale("en", "de", "de-DE", "de")).toBe("en");
    expect(pickLocale(undefined, "de", "en-US", "en")).toBe("de");
    expect(pickLocale(undefined, undefined, "fr-FR, en;q=0.5, de;q=0.8", "en")).toBe("de");
    expect(pickLocale(undefined, undefined, "de-AT,de;q=0.9", "en")).toBe("de");
  });
  it("falls back when nothing matches or values are junk", () => {
    expect(pickLocale("xx", undefined, "fr, es", "de")).toBe("de");
    expect(pickLocale(undefined, undefined, "en;q=0", "de")).toBe("de");
    expect(pickLocale(undefined, undefined, undefined, "en")).toBe("en");
  });
});

import type { FollowTarget } from "../../../db/schema/index.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import type { PageContext } from "./layout.ts";

/** What a follow button acts on, and the JSON API community.js sends it to. */
export interface FollowControl {
  type: FollowTarget;
  /** Board slug, tag, or idea id: what the form posts as `target`. */
  target: string;
  following: boolean;
  api: string;
}

/**
 * Follow / unfollow as a plain form that posts to /community/actions/follow (a toggle)
 * and comes back to this page; community.js sends it to the API instead and flips the
 * button in place. Signed-out visitors get a sign-in link.
 */
export function followForm(ctx: PageContext, f: FollowControl): SafeHtml {
  const { t } = ctx;
  if (!ctx.user)
    return html`<p class="follow"><a href="/signin?next=${encodeURIComponent(ctx.url)}">${t.signInToFollow}</a></p>`;
  const hint = `follow-hint-${f.type}`;
  return html`<form class="follow" method="post" action="/community/actions/follow" data-js="follow" data-api="${f.api}">
  <input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ""}">
  <input type="hidden" name="type" value="${f.type}">
  <input type="hidden" name="target" value="${f.target}">
  <input type="hidden" name="back" value="${ctx.url}">
  <button type="submit" class="secondary" aria-pressed="${f.following ? "true" : "false"}" aria-describedby="${hint}"
    data-label-on="${t.following[f.type]}" data-label-off="${t.follow[f.type]}">${f.following ? t.following[f.type] : t.follow[f.type]}</button>
  <span class="help" id="${hint}">${t.followHint[f.type]}</span>
</form>`;
}

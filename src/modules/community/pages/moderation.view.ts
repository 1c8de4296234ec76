import { html, type SafeHtml } from "../../../lib/html.ts";
import type { PresentedAuthor } from "../community.presenter.ts";
import { ACTION_MESSAGES } from "./actions.i18n.ts";
import { formatDate } from "./i18n.ts";
import { authorLink, type PageContext, renderPage } from "./layout.ts";
import { csrfField } from "./post-actions.view.ts";

/** One open review item with the post it is about. */
export interface QueueItem {
  id: string;
  kind: "flag" | "held_for_review" | "duplicate_objection" | "sockpuppet_signal";
  postType: "question" | "answer" | "comment";
  reason: "spam" | "offensive" | "personal_data" | "off_topic" | "duplicate" | null;
  note: string | null;
  reporter: PresentedAuthor | null;
  createdAt: string;
  question: { number: number; title: string; url: string; boardSlug: string; locked: boolean };
  /** The post's text as plain text, shortened; null when the post is gone. */
  excerpt: string | null;
  author: PresentedAuthor | null;
  postUrl: string;
}

const ACTIONS = ["approve", "hide", "dismiss", "lock"] as const;

/** The moderators' review queue: reported and held posts with their decisions. */
export function moderationPage(
  ctx: PageContext,
  items: QueueItem[],
  boards: { slug: string; name: string }[],
  /** Links to the previous and next page of the queue (50 items each). */
  pages: SafeHtml | "" = "",
): string {
  const m = ACTION_MESSAGES[ctx.locale];
  const { t } = ctx;
  const label = { approve: m.approve, hide: m.hide, dismiss: m.dismiss, lock: m.lockQuestion };
  const item = (i: QueueItem) => html`<li class="queue-item" id="item-${i.id}">
  <article aria-labelledby="item-${i.id}-h">
  <h2 id="item-${i.id}-h"><span class="badge">${m.kinds[i.kind]}</span> ${m.postTypes[i.postType]}: <a href="${i.postUrl}">${i.question.title}</a></h2>
  <p class="meta">${i.reason ? html`<strong>${m.reasons[i.reason]}</strong> · ` : ""}${i.reporter ? html`${m.reportedBy(i.reporter.name)} · ` : ""}<time datetime="${i.createdAt}">${formatDate(new Date(i.createdAt), ctx.locale)}</time></p>
  ${i.note ? html`<p class="note">${i.note}</p>` : ""}
  ${
    i.excerpt === null
      ? html`<p class="help">${m.postGone}</p>`
      : html`<blockquote>${i.excerpt}</blockquote>${i.author ? html`<p class="meta">${m.byAuthor("")}${authorLink(ctx, i.author)}</p>` : ""}`
  }
  <div class="actions">
    <form class="inline" method="post" action="/community/moderation/${i.id}">${csrfField(ctx)}
      ${ACTIONS.filter((a) => a !== "lock" || !i.question.locked).map(
        (a) => html`<button type="submit" name="action" value="${a}">${label[a]}</button> `,
      )}
    </form>
    ${
      i.postType === "question" && boards.length > 1
        ? html`<form class="inline" method="post" action="/community/q/${i.question.number}/move">${csrfField(ctx)}
      <input type="hidden" name="back" value="/community/moderation">
      <label for="move-${i.id}">${m.moveTo}</label>
      <select id="move-${i.id}" name="board">${boards.map(
        (b) =>
          html`<option value="${b.slug}"${b.slug === i.question.boardSlug ? html` selected` : ""}>${b.name}</option>`,
      )}</select>
      <button type="submit">${m.move}</button>
    </form>`
        : ""
    }
  </div>
  </article>
</li>`;
  const main = html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/community">${t.community}</a></nav>
<h1>${m.queueTitle}</h1>
<p class="lead">${m.queueIntro}</p>
${items.length ? html`<ol class="queue">${items.map(item)}</ol>` : html`<p class="empty">${m.queueEmpty}</p>`}
${pages}`;
  return renderPage(ctx, { title: m.queueTitle, main, noindex: true });
}

import type { FieldProblem } from "../../../lib/errors.ts";
import { html } from "../../../lib/html.ts";
import { diffLines } from "../../../lib/line-diff.ts";
import type { TQuestionDetail, ZRevision } from "../community.schemas.ts";
import { ACTION_MESSAGES } from "./actions.i18n.ts";
import { formatDate } from "./i18n.ts";
import { authorLink, type PageContext, renderPage } from "./layout.ts";
import { csrfField, type PostType } from "./post-actions.view.ts";

type Revision = import("zod").infer<typeof ZRevision>;
const tx = (ctx: PageContext) => ACTION_MESSAGES[ctx.locale];

/** A post of a question page as its edit and history pages see it. */
export interface PostRef {
  type: PostType;
  id: string;
  /** Where the post is on the question page. */
  anchor: string;
  title: string | null;
  body: string;
  tags: string[] | null;
}

export interface EditValues {
  title: string;
  body: string;
  tags: string;
}

/** The edit form of a question (title, text, tags), an answer or a comment (text). */
export function editPage(
  ctx: PageContext,
  q: Pick<TQuestionDetail, "number" | "title" | "url">,
  post: PostRef,
  values: EditValues,
  problems: FieldProblem[] = [],
): string {
  const { t } = ctx;
  const m = tx(ctx);
  const problem = (f: string) => problems.find((p) => p.field === f)?.message;
  const invalid = (f: string, help?: string) => {
    const ids = [problem(f) ? `edit-${f}-error` : "", help ? `edit-${f}-help` : ""].filter(Boolean);
    return html`${problem(f) ? html` aria-invalid="true"` : ""}${ids.length ? html` aria-describedby="${ids.join(" ")}"` : ""}`;
  };
  const errorText = (f: string) =>
    problem(f) ? html`<p class="error" id="edit-${f}-error">${problem(f)}</p>` : "";
  const heading = { question: m.editQuestion, answer: m.editAnswer, comment: m.editComment }[
    post.type
  ];
  const main = html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/community">${t.community}</a> › <a href="${q.url}">${q.title}</a></nav>
<h1>${heading}</h1>
${problems.length ? html`<p class="error" role="alert">${t.formErrors}</p>` : ""}
<form class="stacked" method="post" action="/community/q/${q.number}/edit">
  ${csrfField(ctx)}
  <input type="hidden" name="postType" value="${post.type}">
  <input type="hidden" name="postId" value="${post.id}">
  ${
    post.type === "question"
      ? html`<label for="edit-title">${t.title}</label>
  <input id="edit-title" name="title" required minlength="8" maxlength="200" value="${values.title}"${invalid("title")}>
  ${errorText("title")}`
      : ""
  }
  <label for="edit-body">${{ question: t.body, answer: t.yourAnswer, comment: m.commentLabel }[post.type]}</label>
  <textarea id="edit-body" name="body" rows="${post.type === "comment" ? 4 : 10}" required maxlength="${post.type === "comment" ? 3000 : 30000}"${invalid("body")}>${values.body}</textarea>
  ${errorText("body")}
  ${
    post.type === "question"
      ? html`<label for="edit-tags">${t.tags}</label>
  <input id="edit-tags" name="tags" maxlength="250" value="${values.tags}"${invalid("tags", "tags")}>
  <p class="help" id="edit-tags-help">${t.tagsHelp}</p>
  ${errorText("tags")}`
      : ""
  }
  <p><button type="submit">${m.save}</button> <a href="${q.url}${post.anchor}">${m.cancel}</a></p>
</form>`;
  return renderPage(ctx, { title: heading, main, noindex: true });
}

/**
 * The revision history of a post, newest first: who edited, when, and what changed
 * (a line diff of the text, and the title and tags when they changed).
 */
export function historyPage(
  ctx: PageContext,
  q: Pick<TQuestionDetail, "number" | "title" | "url">,
  post: PostRef,
  revisions: Revision[],
): string {
  const { t } = ctx;
  const m = tx(ctx);
  // Revision i holds the text before edit i; the text after it is the one before the
  // next newer edit, or the current text for the newest.
  const after = (i: number) =>
    i === 0
      ? { title: post.title, body: post.body, tags: post.tags }
      : {
          title: revisions[i - 1]!.previousTitle,
          body: revisions[i - 1]!.previousBody,
          tags: revisions[i - 1]!.previousTags,
        };
  const items = revisions.map((r, i) => {
    const next = after(i);
    const lines = diffLines(r.previousBody, next.body);
    const titleChanged = post.type === "question" && r.previousTitle !== next.title;
    const tagsChanged =
      post.type === "question" && (r.previousTags ?? []).join(",") !== (next.tags ?? []).join(",");
    const changed = lines.some((l) => l.op !== "same") || titleChanged || tagsChanged;
    return html`<li id="revision-${r.id}">
  <h2>${m.editedBy(r.editor.name)} · <time datetime="${r.createdAt}">${formatDate(new Date(r.createdAt), ctx.locale)} ${new Date(r.createdAt).toISOString().slice(11, 16)} UTC</time></h2>
  <p class="meta">${authorLink(ctx, r.editor)}</p>
  ${titleChanged ? html`<p><strong>${m.titleChange}:</strong> <del>${r.previousTitle ?? ""}</del> → <ins>${next.title ?? ""}</ins></p>` : ""}
  ${tagsChanged ? html`<p><strong>${m.tagsChange}:</strong> <del>${(r.previousTags ?? []).join(", ")}</del> → <ins>${(next.tags ?? []).join(", ")}</ins></p>` : ""}
  ${
    changed
      ? lines.some((l) => l.op !== "same")
        ? html`<pre class="diff">${lines.map((l) =>
            l.op === "same"
              ? html`<span class="same">  ${l.text}</span>\n`
              : l.op === "add"
                ? html`<ins><span class="visually-hidden">${m.added}: </span>+ ${l.text}</ins>\n`
                : html`<del><span class="visually-hidden">${m.removed}: </span>− ${l.text}</del>\n`,
          )}</pre>`
        : ""
      : html`<p class="help">${m.noTextChange}</p>`
  }
</li>`;
  });
  const main = html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/community">${t.community}</a> › <a href="${q.url}">${q.title}</a></nav>
<h1>${m.historyTitle(q.title)}</h1>
<p class="lead">${m.history} ${m.historyOf[post.type]} · <a href="${q.url}${post.anchor}">${m.backToQuestion}</a></p>
${revisions.length ? html`<p class="help">${m.diffLegend}</p><ol class="revisions">${items}</ol>` : html`<p class="empty">${m.noRevisions}</p>`}`;
  return renderPage(ctx, { title: m.historyTitle(q.title), main, noindex: true });
}

import type { FieldProblem } from "../../../lib/errors.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import { CLOSE_REASONS, type TQuestionDetail } from "../community.schemas.ts";
import { ACTION_MESSAGES } from "./actions.i18n.ts";
import { type PageContext, renderPage } from "./layout.ts";

/**
 * The signed-in controls of a question page, as plain HTML forms that post and redirect
 * back (no JavaScript needed): accept, comment, report, edit, delete and restore,
 * duplicates and the objection, and the moderators' lock, hide and move. Only rendered
 * for a signed-in viewer; the anonymous (cached) page never contains them.
 */
type Answer = TQuestionDetail["answers"][number];
type Comment = TQuestionDetail["comments"][number];
export type PostType = "question" | "answer" | "comment";
export const FLAG_REASONS = [
  "spam",
  "offensive",
  "personal_data",
  "off_topic",
  "duplicate",
] as const;

/** What the viewer may do with one post. */
export interface PostPermissions {
  edit: boolean;
  delete: boolean;
  restore: boolean;
  flag: boolean;
  comment: boolean;
}

/** Everything the controls need to know about the viewer, computed in question-actions.ts. */
export interface ActionsModel {
  posts: ReadonlyMap<string, PostPermissions>;
  accept: boolean;
  closeDuplicate: boolean;
  /** Closing for another reason than a duplicate (the team). */
  close: boolean;
  object: boolean;
  reopen: boolean;
  moderate: boolean;
  /** Boards a moderator may move the question to. */
  boards: { slug: string; name: string }[];
}

export interface QuestionActions {
  /** Below the question: its toolbar, comment form, duplicate and moderation controls. */
  question: SafeHtml;
  /** Inside an answer: deleted notice, accept button, toolbar and comment form. */
  answer(a: Answer): SafeHtml;
  /** After a comment's text: its toolbar. */
  comment(c: Comment): SafeHtml;
}

const tx = (ctx: PageContext) => ACTION_MESSAGES[ctx.locale];
export const csrfField = (ctx: PageContext) =>
  ctx.csrfToken ? html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">` : "";

/** A link to a post's edit or history page: the question's, or `?answer=`/`?comment=`. */
export function postPagePath(
  number: number,
  page: "edit" | "history",
  post: { type: PostType; id: string },
) {
  return `/community/q/${number}/${page}${post.type === "question" ? "" : `?${post.type}=${post.id}`}`;
}

const errorFor = (id: string, message: string | undefined) =>
  message ? html`<p class="error" id="${id}-error">${message}</p>` : "";
const invalidAttrs = (id: string, message: string | undefined, help?: string) => {
  const describedBy = [message ? `${id}-error` : "", help ?? ""].filter(Boolean).join(" ");
  return html`${message ? html` aria-invalid="true"` : ""}${describedBy ? html` aria-describedby="${describedBy}"` : ""}`;
};

export function commentForm(
  ctx: PageContext,
  q: Pick<TQuestionDetail, "number">,
  answerId: string | null,
  opts: { draft?: string; error?: string; open?: boolean } = {},
): SafeHtml {
  const m = tx(ctx);
  const id = `comment-body-${answerId ?? "question"}`;
  return html`<details class="action comment-form"${opts.open || opts.error ? html` open` : ""}><summary>${m.addComment}</summary>
<form class="stacked" method="post" action="/community/q/${q.number}/comments">
  ${csrfField(ctx)}
  ${answerId ? html`<input type="hidden" name="answerId" value="${answerId}">` : ""}
  <label for="${id}">${m.commentLabel}</label>
  <textarea id="${id}" name="body" rows="3" required maxlength="3000"${invalidAttrs(id, opts.error)}>${opts.draft ?? ""}</textarea>
  ${errorFor(id, opts.error)}
  <button type="submit">${m.postComment}</button>
</form></details>`;
}

export function flagForm(
  ctx: PageContext,
  q: Pick<TQuestionDetail, "number">,
  post: { type: PostType; id: string },
  opts: { reason?: string; note?: string; problems?: FieldProblem[]; about?: SafeHtml } = {},
): SafeHtml {
  const m = tx(ctx);
  const base = `flag-${post.id}`;
  const problem = (f: string) => opts.problems?.find((p) => p.field === f)?.message;
  return html`<details class="action flag-form"${opts.problems?.length ? html` open` : ""}><summary>${m.report}${opts.about ?? ""}</summary>
<form class="stacked" method="post" action="/community/q/${q.number}/flag">
  ${csrfField(ctx)}
  <input type="hidden" name="postType" value="${post.type}">
  <input type="hidden" name="postId" value="${post.id}">
  <fieldset${invalidAttrs(`${base}-reason`, problem("reason"))}><legend>${m.reason}</legend>
    ${FLAG_REASONS.map(
      (r) =>
        html`<label class="choice"><input type="radio" name="reason" value="${r}" required${opts.reason === r ? html` checked` : ""}> ${m.reasons[r]}</label>`,
    )}
  </fieldset>
  ${errorFor(`${base}-reason`, problem("reason"))}
  <label for="${base}-note">${m.reportNote}</label>
  <textarea id="${base}-note" name="note" rows="2" maxlength="1000"${invalidAttrs(`${base}-note`, problem("note"))}>${opts.note ?? ""}</textarea>
  ${errorFor(`${base}-note`, problem("note"))}
  <button type="submit">${m.sendReport}</button>
</form></details>`;
}

export function closeDuplicateForm(
  ctx: PageContext,
  q: Pick<TQuestionDetail, "number">,
  opts: { value?: string; error?: string } = {},
): SafeHtml {
  const m = tx(ctx);
  return html`<details class="action close-form"${opts.error ? html` open` : ""}><summary>${m.closeDuplicate}</summary>
<form class="stacked" method="post" action="/community/q/${q.number}/close">
  ${csrfField(ctx)}
  <label for="duplicate-of">${m.duplicateTarget}</label>
  <input id="duplicate-of" name="duplicateOf" required maxlength="500" value="${opts.value ?? ""}"${invalidAttrs("duplicate-of", opts.error, "duplicate-of-help")}>
  <p class="help" id="duplicate-of-help">${m.duplicateHelp}</p>
  ${errorFor("duplicate-of", opts.error)}
  <button type="submit">${m.closeDuplicate}</button>
</form></details>`;
}

/** The team's form to close a question for a reason other than a duplicate. */
export function closeQuestionForm(
  ctx: PageContext,
  q: Pick<TQuestionDetail, "number">,
  opts: { reason?: string; note?: string; error?: string } = {},
): SafeHtml {
  const m = tx(ctx);
  const chosen = opts.reason || "other";
  return html`<details class="action close-form"${opts.error ? html` open` : ""}><summary>${m.closeQuestion}</summary>
<form class="stacked" method="post" action="/community/q/${q.number}/close">
  ${csrfField(ctx)}
  <input type="hidden" name="reason" value="closed">
  <label for="close-reason">${m.closeReason}</label>
  <select id="close-reason" name="closeReason">${CLOSE_REASONS.map(
    (r) =>
      html`<option value="${r}"${r === chosen ? html` selected` : ""}>${m.closeReasons[r]}</option>`,
  )}</select>
  <label for="close-note">${m.closeNote}</label>
  <textarea id="close-note" name="note" rows="2" maxlength="500"${invalidAttrs("close-note", opts.error)}>${opts.note ?? ""}</textarea>
  ${errorFor("close-note", opts.error)}
  <button type="submit">${m.closeQuestion}</button>
</form></details>`;
}

/** A one-button form posting to a question action. */
function buttonForm(
  ctx: PageContext,
  action: string,
  label: string | SafeHtml,
  fields: Record<string, string>,
  className = "",
): SafeHtml {
  return html`<form class="inline${className ? ` ${className}` : ""}" method="post" action="${action}">${csrfField(ctx)}${Object.entries(
    fields,
  ).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}<button type="submit">${label}</button></form>`;
}

/** Which post a control is about, for screen readers (several posts have the same controls). */
function about(ctx: PageContext, post: { type: PostType; authorName: string }): SafeHtml {
  const what = tx(ctx).about[post.type](post.authorName);
  return html`<span class="visually-hidden"> (${what})</span>`;
}

function toolbar(
  ctx: PageContext,
  q: TQuestionDetail,
  post: { type: PostType; id: string; deleted: boolean; authorName: string },
  perms: PostPermissions | undefined,
): SafeHtml {
  if (!perms) return html``;
  const m = tx(ctx);
  const suffix = about(ctx, post);
  // Right after a report (the redirect carries ?reported=<id>): say thank you there.
  const reported = new URL(ctx.url, "http://x").searchParams.get("reported") === post.id;
  const deleteAction = `/community/q/${q.number}/delete`;
  const fields = { postType: post.type, postId: post.id };
  const items = [
    perms.edit && !post.deleted
      ? html`<a href="${postPagePath(q.number, "edit", post)}">${m.edit}${suffix}</a>`
      : "",
    perms.delete && !post.deleted
      ? buttonForm(ctx, deleteAction, html`${m.delete}${suffix}`, { ...fields, deleted: "1" })
      : "",
    perms.restore && post.deleted
      ? buttonForm(ctx, deleteAction, html`${m.undelete}${suffix}`, { ...fields, deleted: "0" })
      : "",
    perms.flag && !post.deleted ? flagForm(ctx, q, post, { about: suffix }) : "",
  ].filter((x) => x !== "");
  const thanks = reported ? html`<p class="notice" role="status">${m.reported}</p>` : "";
  if (!items.length) return html`${thanks}`;
  return html`${thanks}<div class="actions">${items}</div>`;
}

export function questionActions(
  ctx: PageContext,
  q: TQuestionDetail,
  model: ActionsModel,
): QuestionActions {
  const m = tx(ctx);
  const base = `/community/q/${q.number}`;
  const deletedNotice = (deleted: boolean) =>
    deleted ? html`<p class="notice" role="note">${m.deleted}</p>` : "";
  const qPerms = model.posts.get(q.id);
  const moderation = model.moderate
    ? html`<section class="moderation" aria-label="${m.moderate}"><h2 class="visually-hidden">${m.moderate}</h2><div class="actions">
  ${buttonForm(ctx, `${base}/moderation`, q.locked ? m.unlock : m.lock, { locked: q.locked ? "0" : "1" })}
  ${buttonForm(ctx, `${base}/moderation`, q.hidden ? m.unhide : m.hide, { hidden: q.hidden ? "0" : "1" })}
  ${
    model.boards.length > 1
      ? html`<form class="inline" method="post" action="${base}/move">${csrfField(ctx)}
    <label for="move-board">${m.moveTo}</label>
    <select id="move-board" name="board">${model.boards.map(
      (b) =>
        html`<option value="${b.slug}"${b.slug === q.board.slug ? html` selected` : ""}>${b.name}</option>`,
    )}</select>
    <button type="submit">${m.move}</button></form>`
      : ""
  }
</div></section>`
    : "";
  const question = html`${deletedNotice(q.deleted)}
${
  model.object
    ? html`<form class="stacked objection" method="post" action="${base}/objection">${csrfField(ctx)}
  <label for="objection-note">${m.objectionNote}</label>
  <textarea id="objection-note" name="note" rows="2" maxlength="2000" aria-describedby="objection-help"></textarea>
  <p class="help" id="objection-help">${m.objectionHelp}</p>
  <button type="submit">${m.objection}</button></form>`
    : ""
}
${toolbar(ctx, q, { type: "question", id: q.id, deleted: q.deleted, authorName: q.author.name }, qPerms)}
<div class="actions">
  ${model.closeDuplicate ? closeDuplicateForm(ctx, q) : ""}
  ${model.close ? closeQuestionForm(ctx, q) : ""}
  ${model.reopen ? buttonForm(ctx, `${base}/reopen`, m.reopen, {}) : ""}
</div>
${qPerms?.comment ? commentForm(ctx, q, null) : ""}
${moderation}`;

  return {
    question,
    answer(a) {
      const perms = model.posts.get(a.id);
      const live = !a.deleted && !a.hidden && !a.pendingReview;
      const post = {
        type: "answer" as const,
        id: a.id,
        deleted: a.deleted,
        authorName: a.author.name,
      };
      const suffix = about(ctx, post);
      const accept =
        model.accept && live
          ? a.accepted
            ? buttonForm(ctx, `${base}/unaccept`, html`${m.unaccept}${suffix}`, {}, "accept")
            : buttonForm(
                ctx,
                `${base}/accept`,
                html`${m.accept}${suffix}`,
                { answerId: a.id },
                "accept",
              )
          : "";
      return html`${deletedNotice(a.deleted)}${accept}${toolbar(ctx, q, post, perms)}${
        perms?.comment ? commentForm(ctx, q, a.id) : ""
      }`;
    },
    comment(c) {
      return html`${c.deleted ? html` <em>(${m.deletedMark})</em>` : ""}${toolbar(
        ctx,
        q,
        { type: "comment", id: c.id, deleted: c.deleted, authorName: c.author.name },
        model.posts.get(c.id),
      )}`;
    },
  };
}

/**
 * A refused form post: what went wrong (naming the field), the form again with what was
 * typed, and the way back. Answered with a 4xx status.
 */
export function actionErrorPage(
  ctx: PageContext,
  problems: FieldProblem[],
  back: { href: string; label: string },
  form: SafeHtml | "" = "",
): string {
  const main = html`<h1>${ctx.t.error}</h1>
<div role="alert"><ul class="problems">${problems.map(
    (p) => html`<li>${p.field ? html`<strong>${p.field}</strong>: ` : ""}${p.message}</li>`,
  )}</ul></div>
${form}
<p><a href="${back.href}">${back.label}</a></p>`;
  return renderPage(ctx, { title: ctx.t.error, main, noindex: true });
}

/** The way back to a question page from one of its error pages. */
export const backToQuestion = (ctx: PageContext, q: Pick<TQuestionDetail, "title" | "url">) => ({
  href: q.url,
  label: `${tx(ctx).backToQuestion}: ${q.title}`,
});

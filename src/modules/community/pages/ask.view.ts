import type { FieldProblem } from "../../../lib/errors.ts";
import { html } from "../../../lib/html.ts";
import { type PageContext, renderPage } from "./layout.ts";

export interface AskFormValues {
  board: string;
  title: string;
  body: string;
  tags: string;
}

/**
 * The ask form: a plain HTML form (works without JavaScript, CSRF token in a hidden
 * field). community.js adds the similar-questions list while the title is typed.
 */
export function askPage(
  ctx: PageContext,
  boards: { slug: string; name: string }[],
  values: AskFormValues,
  problems: FieldProblem[] = [],
): string {
  const { t } = ctx;
  const problem = (field: string) => problems.find((p) => p.field === field)?.message;
  const invalid = (field: string) =>
    problem(field)
      ? html` aria-invalid="true" aria-describedby="${field}-error ${field}-help"`
      : html` aria-describedby="${field}-help"`;
  const errorText = (field: string) =>
    problem(field) ? html`<p class="error" id="${field}-error">${problem(field)}</p>` : "";
  const main = ctx.user
    ? html`<h1>${t.askTitle}</h1>
${problems.length ? html`<p class="error" role="alert">${t.formErrors}</p>` : ""}
<form class="stacked" method="post" action="/community/ask" id="ask-form" data-js="ask">
  <input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ""}">
  <label for="board">${t.board}</label>
  <select id="board" name="board" required${invalid("board")}>
    ${boards.map((b) => html`<option value="${b.slug}"${b.slug === values.board ? html` selected` : ""}>${b.name}</option>`)}
  </select>
  <p class="help" id="board-help"></p>
  ${errorText("board")}
  <label for="title">${t.title}</label>
  <input id="title" name="title" required minlength="8" maxlength="200" value="${values.title}" autocomplete="off"${invalid("title")}>
  <p class="help" id="title-help">${t.titleHelp}</p>
  ${errorText("title")}
  <section id="similar" class="similar" aria-live="polite" hidden data-heading="${t.similarWhileTyping}" data-hint="${t.similarHint}"
    data-me-too="${t.meToo}" data-me-too-done="${t.meTooDone}" data-solved="${t.solvedMark}" data-articles="${t.helpArticles}" data-signed-in="true"></section>
  <label for="body">${t.body}</label>
  <textarea id="body" name="body" rows="10" required maxlength="30000"${invalid("body")}>${values.body}</textarea>
  <p class="help" id="body-help">${t.bodyHelp}</p>
  ${errorText("body")}
  <label for="tags">${t.tags}</label>
  <input id="tags" name="tags" value="${values.tags}"${invalid("tags")}>
  <p class="help" id="tags-help">${t.tagsHelp}</p>
  ${errorText("tags")}
  <button type="submit">${t.submitQuestion}</button>
</form>`
    : html`<h1>${t.askTitle}</h1><p><a class="button" href="/signin?next=${encodeURIComponent("/community/ask")}">${t.signInToAsk}</a></p>`;
  return renderPage(ctx, { title: t.askTitle, noindex: true, main });
}

import { groupDigest } from "../../../lib/digest.ts";
import { escapeHtml } from "../../../lib/html.ts";
import type { OutgoingMail } from "../../../server/mailer.ts";
import { questionPath, userPath } from "../community.presenter.ts";
import { IDEA_MESSAGES } from "../ideas/ideas.i18n.ts";
import { ideaPath } from "../ideas/ideas.presenter.ts";
import type { Locale } from "../pages/i18n.ts";
import type { MailItem, MailRecipient } from "./email-queue.repository.ts";
import { MAIL_MESSAGES } from "./notification-mail.i18n.ts";

interface Line {
  groupKey: string;
  text: string;
  url: string;
}

/** One sentence and link per notice. */
function describe(item: MailItem, userId: string, locale: Locale, baseUrl: string): Line {
  const t = MAIL_MESSAGES[locale];
  const statusNames: Record<string, string> = IDEA_MESSAGES[locale].status;
  if (item.source === "i") {
    return {
      groupKey: `i:${item.idea.id}`,
      text: t.ideaStatus(
        item.idea.title,
        statusNames[item.toStatus] ?? item.toStatus,
        item.actorName,
      ),
      url: baseUrl + ideaPath(item.idea),
    };
  }
  const actor = item.actorName ?? t.someone;
  if (!item.question) {
    return {
      groupKey: `u:${userId}`,
      text: t.badge(item.badgeName ?? ""),
      url: baseUrl + userPath(userId),
    };
  }
  const title = item.question.title;
  const anchor = item.answerId ? `#answer-${item.answerId}` : "";
  const text =
    item.kind === "answer_accepted"
      ? t.answerAccepted(actor, title)
      : item.kind === "mention"
        ? t.mention(actor, title)
        : item.kind === "new_question"
          ? t.newQuestion(actor, title)
          : t.newAnswer(actor, title);
  return {
    groupKey: `q:${item.question.id}`,
    text,
    url: baseUrl + questionPath(item.question) + anchor,
  };
}

export const mailLocale = (r: Pick<MailRecipient, "locale" | "defaultLocale">): Locale =>
  r.locale === "de" || r.locale === "en" ? r.locale : r.defaultLocale === "en" ? "en" : "de";

/**
 * The e-mail for one notice or a day's digest (notices grouped by question or idea), in
 * the person's language, with RFC 8058 one-click unsubscribe headers. Null when none of
 * the notices is left to tell (e.g. the question was deleted meanwhile).
 */
export function composeNotificationMail(input: {
  recipient: MailRecipient;
  items: MailItem[];
  digest: boolean;
  baseUrl: string;
  unsubscribeUrl: string;
}): OutgoingMail | null {
  const { recipient, items, baseUrl } = input;
  if (!items.length) return null;
  const t = MAIL_MESSAGES[mailLocale(recipient)];
  const lines = items.map((i) => describe(i, recipient.userId, mailLocale(recipient), baseUrl));
  const settingsUrl = `${baseUrl}/account`;
  const footer = `${t.footer(settingsUrl)}\n${t.unsubscribe}: ${input.unsubscribeUrl}`;
  let subject: string;
  let text: string;
  let body: string;
  if (input.digest) {
    const groups = groupDigest(lines.map((l) => ({ groupKey: l.groupKey, item: l })));
    subject = t.digestSubject(lines.length, recipient.workspaceName);
    text = `${t.greeting(recipient.name)}\n\n${t.digestIntro}\n\n${groups
      .map((g) => `${g.items.map((l) => `- ${l.text}`).join("\n")}\n  ${g.items[0]!.url}`)
      .join("\n\n")}\n\n-- \n${footer}\n`;
    body = `<p>${escapeHtml(t.greeting(recipient.name))}</p><p>${escapeHtml(t.digestIntro)}</p>${groups
      .map(
        (g) =>
          `<ul>${g.items.map((l) => `<li>${escapeHtml(l.text)}</li>`).join("")}</ul><p><a href="${escapeHtml(g.items[0]!.url)}">${escapeHtml(t.open)}</a></p>`,
      )
      .join("")}`;
  } else {
    const line = lines[0]!;
    subject = line.text;
    text = `${t.greeting(recipient.name)}\n\n${line.text}\n\n${line.url}\n\n-- \n${footer}\n`;
    body = `<p>${escapeHtml(t.greeting(recipient.name))}</p><p>${escapeHtml(line.text)}</p><p><a href="${escapeHtml(line.url)}">${escapeHtml(t.open)}</a></p>`;
  }
  const html = `<!doctype html><html lang="${mailLocale(recipient)}"><body>${body}<hr><p style="font-size:small">${escapeHtml(
    t.footer(settingsUrl),
  )}<br><a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(t.unsubscribe)}</a></p></body></html>`;
  return {
    to: recipient.email,
    subject,
    text,
    html,
    headers: {
      "List-Unsubscribe": `<${input.unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

import type { FastifyPluginAsync } from "fastify";
import { invalidField } from "../../../lib/errors.ts";
import { html } from "../../../lib/html.ts";
import { verifyUnsubscribeToken } from "../../../lib/unsubscribe-token.ts";
import type { Services } from "../../../server/services.ts";
import { renderPage } from "../pages/layout.ts";
import { pageContext, sendHtml } from "../pages/page-context.ts";
import { MAIL_MESSAGES } from "./notification-mail.i18n.ts";
import { unsubscribeFromEmail } from "./notification-settings.ts";

/**
 * The unsubscribe link of notification e-mails (RFC 8058). The token is signed, so
 * neither needs a sign-in: `POST` (what mail programs send on one click, and what the
 * confirm page's button sends) turns e-mail off; `GET` only shows the confirm page, as
 * link scanners open links without meaning to unsubscribe.
 */
export const unsubscribePages: FastifyPluginAsync<{ services: Services }> = async (
  app,
  { services },
) => {
  const userFor = (token: string) => verifyUnsubscribeToken(services.config.secretKey, token);

  app.get<{ Params: { token: string } }>(
    "/unsubscribe/:token",
    { schema: { hide: true } },
    async (request, reply) => {
      const ctx = await pageContext(services, request, reply);
      const t = MAIL_MESSAGES[ctx.locale];
      const valid = userFor(request.params.token) !== null;
      reply.header("x-robots-tag", "noindex");
      const main = valid
        ? html`<h1>${t.unsubscribeTitle}</h1><p>${t.unsubscribeQuestion}</p>
<form method="post" action="/unsubscribe/${request.params.token}"><button type="submit">${t.unsubscribeButton}</button></form>`
        : html`<h1>${t.unsubscribeTitle}</h1><p class="error" role="alert">${t.invalidLink}</p>`;
      return sendHtml(
        reply,
        renderPage(ctx, { title: t.unsubscribeTitle, main, noindex: true }),
        valid ? 200 : 400,
      );
    },
  );

  app.post<{ Params: { token: string } }>(
    "/unsubscribe/:token",
    { schema: { hide: true }, config: { rateLimit: { max: 30, timeWindow: "1 minute" } } },
    async (request, reply) => {
      const userId = userFor(request.params.token);
      if (!userId || !(await unsubscribeFromEmail(services, userId))) {
        throw invalidField("token", "is not a valid unsubscribe token");
      }
      if (!/text\/html/.test(request.headers.accept ?? "")) return { unsubscribed: true };
      const ctx = await pageContext(services, request, reply);
      const t = MAIL_MESSAGES[ctx.locale];
      return sendHtml(
        reply,
        renderPage(ctx, {
          title: t.unsubscribeTitle,
          main: html`<h1>${t.unsubscribeTitle}</h1><p role="status">${t.unsubscribed}</p>`,
          noindex: true,
        }),
      );
    },
  );
};

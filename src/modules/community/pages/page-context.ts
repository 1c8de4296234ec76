import type { FastifyReply, FastifyRequest } from "fastify";
import type { WorkspaceRow } from "../../../db/schema/index.ts";
import { pickLocale } from "../../../lib/html.ts";
import type { Services } from "../../../server/services.ts";
import { communityWorkspace } from "../community-context.ts";
import type { Locale } from "./i18n.ts";
import { makeContext, type PageContext } from "./layout.ts";

const LANG_COOKIE = "hilft_lang";

/** Builds the page context of a request (see `pageLocale` for the language). */
export async function pageContext(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<PageContext> {
  const user = request.auth?.user ?? null;
  const { locale, workspace } = await pageLocale(services, request, reply);
  // Pages differ by person and language; shared caches must not mix them up.
  reply.header("vary", "accept-language, cookie");
  reply.header("cache-control", "private, no-cache");
  return makeContext({
    locale,
    user,
    csrfToken: request.auth?.session?.csrfToken ?? null,
    publicUrl: services.config.publicUrl,
    url: request.url,
    siteName: workspace.name,
  });
}

/**
 * The page's language: ?lang= (remembered in a cookie), else the cookie, else
 * Accept-Language, else the workspace default.
 */
export async function pageLocale(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<{ locale: Locale; workspace: WorkspaceRow }> {
  const workspace = await communityWorkspace(services, request.auth?.user ?? null);
  const query = (request.query as { lang?: unknown } | undefined)?.lang;
  const lang = typeof query === "string" ? query : undefined;
  const locale = pickLocale(
    lang,
    request.cookies[LANG_COOKIE],
    request.headers["accept-language"],
    workspace.defaultLocale === "en" ? "en" : "de",
  );
  if (lang === "de" || lang === "en") {
    reply.setCookie(LANG_COOKIE, lang, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });
  }
  return { locale, workspace };
}

export function sendHtml(reply: FastifyReply, body: string, status = 200) {
  return reply.status(status).type("text/html; charset=utf-8").send(body);
}

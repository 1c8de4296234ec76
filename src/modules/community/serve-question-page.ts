import type { FastifyReply, FastifyRequest } from "fastify";
import { pickContentEncoding } from "../../lib/content-encoding.ts";
import type { Services } from "../../server/services.ts";
import { communityPolicy } from "./community.policy.ts";
import { questionPath } from "./community.presenter.ts";
import { getQuestion } from "./get-question.ts";
import { makeContext } from "./pages/layout.ts";
import { pageLocale, sendHtml } from "./pages/page-context.ts";
import { questionPage } from "./pages/question.view.ts";
import type { PageKey } from "./question-page.repository.ts";
import { CACHEABLE_QUERIES, type CachedPage } from "./question-page-cache.ts";
import { questionPageExtras } from "./question-page-extras.ts";
import { type RelatedQuestionsQueue, relatedForPage } from "./related-questions.ts";

/** Sends a 301 to the canonical question URL (keeping the query) when the path differs. */
export function redirectToCanonical(
  request: FastifyRequest,
  reply: FastifyReply,
  canonical: string,
): boolean {
  const path = request.url.split("?")[0]!;
  if (decodeURIComponent(path) === canonical) return false;
  const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
  reply.redirect(`${canonical}${query}`, 301);
  return true;
}

const isPublic = (key: PageKey) => communityPolicy.canSee(null, { ...key, deletedById: null });

/**
 * The question page for a visitor without a session. A page kept in this instance's
 * cache (`services.questionPages`) is sent without any query, in the encoding the
 * browser takes, or as 304 when the browser's ETag still matches. Otherwise the page
 * version is read first, then the page rendered and kept under that version: a change
 * committed in between notifies a newer version, so the render is dropped again.
 * Returns false when the question is missing or not public: the caller's slow path then
 * answers with the usual 404 page.
 */
export async function serveAnonymousQuestionPage(
  deps: { services: Services; queue: RelatedQuestionsQueue },
  request: FastifyRequest,
  reply: FastifyReply,
  number: number,
): Promise<boolean> {
  const { services, queue } = deps;
  const cache = services.questionPages;
  const { locale, workspace } = await pageLocale(services, request, reply);
  const at = request.url.indexOf("?");
  const query = at < 0 ? "" : request.url.slice(at);
  // Other query strings render fine but are not kept: made-up ones would only push real
  // pages out of the cache.
  const cacheable = (CACHEABLE_QUERIES as readonly string[]).includes(query);

  let page = cacheable ? cache.get(number, locale, query) : undefined;
  if (page && !cache.live) {
    // Not listening right now (reconnecting): the database decides whether it is current.
    const key = await services.community.pages.findPageKey(number);
    if (!key || !isPublic(key) || key.pageVersion !== page.version) page = undefined;
  }
  if (page) {
    if (redirectToCanonical(request, reply, page.canonical)) return true;
    return sendPage(request, reply, page);
  }

  const begun = cache.begin();
  const key = await services.community.pages.findPageKey(number);
  if (!key || !isPublic(key)) return false;
  const canonical = questionPath(key);
  if (redirectToCanonical(request, reply, canonical)) return true;
  const entry = { number, locale, query, version: key.pageVersion, canonical };
  if (cacheable && request.headers["if-none-match"] === cache.etagFor(entry)) {
    return notModified(reply, cache.etagFor(entry));
  }
  const ctx = makeContext({
    locale,
    user: null,
    csrfToken: null,
    publicUrl: services.config.publicUrl,
    url: request.url,
    siteName: workspace.name,
  });
  const [{ detail }, related] = await Promise.all([
    getQuestion(services, null, { id: key.id }),
    relatedForPage(services, queue, key),
  ]);
  const html = questionPage(ctx, detail, related, await questionPageExtras(services, ctx, detail));
  if (!cacheable) {
    reply.header("vary", "accept-language, cookie").header("cache-control", "private, no-cache");
    sendHtml(reply, html);
    return true;
  }
  return sendPage(request, reply, await cache.set(begun, entry, html));
}

function cacheHeaders(reply: FastifyReply, etag: string) {
  // The same URL differs by language, encoding and session: shared caches must not mix
  // them up, and browsers revalidate (cheap: 304 without a query).
  reply
    .header("vary", "accept-encoding, accept-language, cookie")
    .header("cache-control", "private, no-cache")
    .header("etag", etag);
}

function notModified(reply: FastifyReply, etag: string) {
  cacheHeaders(reply, etag);
  reply.status(304).send();
  return true;
}

function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage) {
  if (request.headers["if-none-match"] === page.etag) return notModified(reply, page.etag);
  cacheHeaders(reply, page.etag);
  const encoding = pickContentEncoding(request.headers["accept-encoding"]);
  if (encoding !== "identity") reply.header("content-encoding", encoding);
  reply.status(200).type("text/html; charset=utf-8").send(page.body[encoding]);
  return true;
}

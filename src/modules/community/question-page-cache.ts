import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { LruCache } from "../../lib/lru-cache.ts";
import type { Services } from "../../server/services.ts";
import { communityPolicy } from "./community.policy.ts";
import { questionPath } from "./community.presenter.ts";
import { getQuestion } from "./get-question.ts";
import { pageContext, sendHtml } from "./pages/page-context.ts";
import { questionPage } from "./pages/question.view.ts";
import { questionPageExtras } from "./question-page-extras.ts";
import { type RelatedQuestionsQueue, relatedForPage } from "./related-questions.ts";

/** Rendered pages kept: about 30 KB each at most, so at most ~100 MB. */
const MAX_ENTRIES = 5000;
const MAX_CHARS = 50_000_000;
/**
 * The version covers the question, its answers and comments; names of authors and
 * boards, and titles in the similar list, are not part of it. They change rarely, and a
 * render is kept at most this long.
 */
const TTL_MS = 10 * 60 * 1000;
/** The canonical URL, optionally with a language choice. */
const CACHEABLE_QUERY = /^[^?]*(\?lang=(de|en))?$/;

/** Anonymous question pages, keyed by question, page version, language and URL. */
export class QuestionPageCache {
  private readonly lru = new LruCache<string, { html: string; etag: string }>({
    maxEntries: MAX_ENTRIES,
    maxSize: MAX_CHARS,
    sizeOf: (v) => v.html.length,
    ttlMs: TTL_MS,
  });

  get(key: string) {
    return this.lru.get(key);
  }

  set(key: string, html: string) {
    const entry = { html, etag: etagOf(key) };
    this.lru.set(key, entry);
    return entry;
  }
}

export const etagOf = (key: string) =>
  `W/"q-${createHash("sha1").update(key).digest("base64url").slice(0, 22)}"`;

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

/**
 * The anonymous question page from the cache, or rendered and cached. One indexed
 * lookup decides: the question's page version (bumped by triggers on every change to
 * it, its answers and comments) is part of the key, so a changed question is never
 * served from an old render. Answers 304 when the browser's ETag still matches.
 * Returns false when the question is missing or not public: the caller's slow path
 * then answers with the usual 404 page.
 */
export async function serveCachedQuestionPage(
  deps: { services: Services; queue: RelatedQuestionsQueue; cache: QuestionPageCache },
  request: FastifyRequest,
  reply: FastifyReply,
  number: number,
): Promise<boolean> {
  const { services, queue, cache } = deps;
  const key = await services.community.pages.findPageKey(number);
  if (!key || !communityPolicy.canSee(null, { ...key, deletedById: null })) return false;
  if (redirectToCanonical(request, reply, questionPath(key))) return true;
  const ctx = await pageContext(services, request, reply);
  const cacheKey = `${key.id}|${key.pageVersion}|${ctx.locale}|${request.url}`;
  const etag = etagOf(cacheKey);
  reply.header("etag", etag);
  // Same version, language and URL: the browser's copy is what we would render.
  if (request.headers["if-none-match"] === etag) {
    reply.status(304).send();
    return true;
  }
  let entry = cache.get(cacheKey);
  if (!entry) {
    const [{ detail }, related] = await Promise.all([
      getQuestion(services, null, { id: key.id }),
      relatedForPage(services, queue, key),
    ]);
    const html = questionPage(
      ctx,
      detail,
      related,
      await questionPageExtras(services, ctx, detail),
    );
    // Other query strings render fine but are not kept: made-up ones would only push
    // real pages out of the cache.
    if (!CACHEABLE_QUERY.test(request.url)) {
      sendHtml(reply, html);
      return true;
    }
    entry = cache.set(cacheKey, html);
  }
  sendHtml(reply, entry.html);
  return true;
}

import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { SessionRow, UserRow } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import { hashToken, safeEqual } from "../../lib/tokens.ts";
import { SESSION_TTL_MS } from "../../modules/accounts/start-session.ts";
import type { Services } from "../services.ts";

export const SESSION_COOKIE = "hilft_session";
export const CSRF_COOKIE = "hilft_csrf";
export const CSRF_HEADER = "x-csrf-token";

export interface AuthContext {
  user: UserRow;
  via: "session" | "token";
  session?: SessionRow;
}

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Refresh last-seen and slide the expiry at most this often, not on every request.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

function isSecure(request: FastifyRequest, publicUrl: string): boolean {
  return request.protocol === "https" || publicUrl.startsWith("https://");
}

export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  publicUrl: string,
  token: string,
  csrfToken: string,
) {
  const base = {
    path: "/",
    sameSite: "lax" as const,
    secure: isSecure(request, publicUrl),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  };
  reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  // Readable by the web app, which echoes it in the x-csrf-token header.
  reply.setCookie(CSRF_COOKIE, csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
  reply.clearCookie(CSRF_COOKIE, { path: "/" });
}

/**
 * Resolves who is calling, from `Authorization: Bearer <token>` or the session cookie,
 * and enforces CSRF protection on cookie-authenticated writes: the header (or, for
 * url-encoded HTML form posts, the `_csrf` field) must carry the session's CSRF token. Requests without a session (sign-in, sign-up) must not come from
 * another site, which stops login CSRF.
 */
async function authPlugin(app: FastifyInstance, opts: { services: Services }) {
  const { services } = opts;
  await app.register(cookie);
  app.decorateRequest("auth", null);

  app.addHook("onRequest", async (request) => {
    // Platforms sign their webhooks, and the simulator checks platform tokens itself:
    // hilft's accounts mean nothing there.
    // The unsubscribe link of notification e-mails carries its own signed token (RFC 8058
    // one-click: mail programs post it without cookies or headers of ours).
    if (
      request.url.startsWith("/webhooks/") ||
      request.url.startsWith("/simulator/") ||
      request.url.startsWith("/unsubscribe/")
    )
      return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) {
        throw new AppError(401, "unauthorized", "Authorization header must be 'Bearer <token>'.");
      }
      const found = await services.accounts.findLiveApiToken(hashToken(match[1]!));
      if (!found)
        throw new AppError(401, "invalid_token", "The API token is invalid, expired or revoked.");
      request.auth = { user: found.user, via: "token" };
      if (
        !found.token.lastUsedAt ||
        Date.now() - found.token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS
      ) {
        await services.accounts.markApiTokenUsed(found.token.id);
      }
      return;
    }

    const cookieValue = request.cookies[SESSION_COOKIE];
    if (cookieValue) {
      const found = await services.accounts.findLiveSession(hashToken(cookieValue));
      if (found) {
        request.auth = { user: found.user, via: "session", session: found.session };
        if (Date.now() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
          await services.accounts.touchSession(
            found.session.id,
            new Date(Date.now() + SESSION_TTL_MS),
          );
        }
      }
    }

    if (SAFE_METHODS.has(request.method)) return;
    if (request.auth?.via === "session") {
      const sent = request.headers[CSRF_HEADER];
      // Plain HTML forms (no JavaScript) cannot set headers: they send the token in a
      // `_csrf` field, checked once the body is parsed (preValidation below).
      if (sent === undefined && isFormPost(request)) {
        formCsrfPending.add(request);
        return;
      }
      if (typeof sent !== "string" || !safeEqual(sent, request.auth.session!.csrfToken)) {
        throw csrfFailed();
      }
      return;
    }
    // No session: refuse writes that a browser marks as coming from another site.
    if (request.headers["sec-fetch-site"] === "cross-site") {
      throw new AppError(403, "csrf_failed", "Cross-site requests are not accepted.");
    }
  });

  // Runs on every request: a callback, not a promise, for the common case of nothing to do.
  app.addHook("preValidation", (request, _reply, done) => {
    if (!formCsrfPending.has(request)) return done();
    formCsrfPending.delete(request);
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof sent !== "string" || !safeEqual(sent, request.auth!.session!.csrfToken)) {
      return done(csrfFailed());
    }
    done();
  });
}

const formCsrfPending = new WeakSet<FastifyRequest>();

const isFormPost = (request: FastifyRequest) =>
  /^application\/x-www-form-urlencoded\b/i.test(request.headers["content-type"] ?? "");

const csrfFailed = () =>
  new AppError(
    403,
    "csrf_failed",
    `Cookie-authenticated writes need the ${CSRF_HEADER} header (or, for HTML forms, a _csrf field) with the session's CSRF token.`,
  );

export default fp(authPlugin, { name: "auth" });

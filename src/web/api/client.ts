/**
 * A small typed fetch wrapper for the hilft JSON API. Every failure becomes an ApiError,
 * so pages only have to handle one kind of error.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly retryAfterSeconds: number | null = null,
    /** `details` as the server sent them, when they are not field problems (e.g. a 409's). */
    readonly data: unknown = undefined,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const CSRF_COOKIE = "hilft_csrf";
export const CSRF_HEADER = "x-csrf-token";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let lastCsrfToken: string | null = null;

/** Remembers the token from the last session or sign-in response, in case cookies are unreadable. */
export function rememberCsrfToken(token: string | null | undefined): void {
  lastCsrfToken = token ?? null;
}

function readCookie(name: string): string | null {
  if (typeof document === "undefined") return null;
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function currentCsrfToken(): string | null {
  return readCookie(CSRF_COOKIE) || lastCsrfToken;
}

export type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  body?: unknown;
  /** Sent as is with its own content type (a photo), instead of a JSON body. */
  raw?: Blob;
  query?: Query;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function parseDetails(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (d): d is FieldProblem =>
      typeof d === "object" &&
      d !== null &&
      typeof (d as FieldProblem).field === "string" &&
      typeof (d as FieldProblem).message === "string",
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = response.statusText || "Request failed";
  let details: FieldProblem[] = [];
  let data: unknown;
  try {
    const body = (await response.json()) as {
      error?: { code?: unknown; message?: unknown; details?: unknown };
    };
    if (typeof body.error?.code === "string") code = body.error.code;
    if (typeof body.error?.message === "string") message = body.error.message;
    details = parseDetails(body.error?.details);
    data = body.error?.details;
  } catch {
    // Not JSON (e.g. a proxy error page): keep the status-based code.
  }
  if (response.status === 429 && code === `http_429`) code = "rate_limited";
  const retryAfter = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
  return new ApiError(
    response.status,
    code,
    message,
    details,
    Number.isFinite(retryAfter) ? retryAfter : null,
    data,
  );
}

async function send(
  method: string,
  path: string,
  options: RequestOptions,
  csrfToken = currentCsrfToken(),
): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.raw) headers["content-type"] = options.raw.type;
  else if (options.body !== undefined) headers["content-type"] = "application/json";
  if (UNSAFE_METHODS.has(method)) {
    // Sent on sign-in too: a still-valid session cookie makes the server demand it.
    if (csrfToken) headers[CSRF_HEADER] = csrfToken;
  }
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network_error", "The server could not be reached.");
  }
}

/** Asks the server for the session's CSRF token; used once when it rejected the one we sent. */
async function fetchCsrfToken(): Promise<string | null> {
  const response = await send("GET", "/api/v1/auth/session", {});
  if (!response.ok) return null;
  const body = (await response.json()) as { csrfToken?: unknown };
  if (typeof body.csrfToken !== "string") return null;
  rememberCsrfToken(body.csrfToken);
  return body.csrfToken;
}

export async function apiRequest<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  let response = await send(method, path, options);
  if (!response.ok) {
    let error = await toApiError(response);
    const fresh = error.code === "csrf_failed" ? await fetchCsrfToken() : null;
    if (fresh) {
      response = await send(method, path, options, fresh);
      if (!response.ok) error = await toApiError(response);
    }
    if (!response.ok) throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>("GET", path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>("POST", path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>("PATCH", path, { ...options, body }),
  put: <T>(path: string, raw: Blob, options?: RequestOptions) =>
    apiRequest<T>("PUT", path, { ...options, raw }),
  delete: <T = void>(path: string, options?: RequestOptions) =>
    apiRequest<T>("DELETE", path, options),
};

/**
 * A failed call to a platform. `retryable` says whether sending again is safe: only when
 * the platform certainly did not act (rate limit, server error before acting, refused
 * connection). A timeout after the request left is not retryable: it may have arrived.
 */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "PlatformError";
  }
}

const SAFE_NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET_BEFORE_SEND",
]);

/** POSTs JSON and returns the parsed answer, or throws a classified PlatformError. */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  describe: (status: number, body: unknown) => string,
  timeoutMs = 15_000,
): Promise<unknown> {
  return callJson(url, withJsonBody("POST", body, headers), describe, timeoutMs);
}

/**
 * PUTs JSON. Use it for calls that set a state (hide a reply): sending the same state
 * twice does no harm, so every failure may be retried.
 */
export function putJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  describe: (status: number, body: unknown) => string,
  timeoutMs = 15_000,
): Promise<unknown> {
  return idempotent(url, callJson(url, withJsonBody("PUT", body, headers), describe, timeoutMs));
}

function withJsonBody(method: string, body: unknown, headers: Record<string, string>) {
  return {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

/** GETs JSON (reading never changes anything, so every failure may be retried). */
export function getJson(
  url: string,
  headers: Record<string, string>,
  describe: (status: number, body: unknown) => string,
  timeoutMs = 15_000,
): Promise<unknown> {
  return idempotent(url, callJson(url, { method: "GET", headers }, describe, timeoutMs));
}

/** A call that may safely be repeated: a lost answer is retryable too. */
async function idempotent(url: string, call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof PlatformError && err.status === undefined && !err.retryable) {
      throw new PlatformError(`no answer from ${new URL(url).host}`, true);
    }
    throw err;
  }
}

async function callJson(
  url: string,
  init: RequestInit,
  describe: (status: number, body: unknown) => string,
  timeoutMs: number,
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code ?? "";
    if (SAFE_NETWORK_CODES.has(code)) {
      throw new PlatformError(`could not reach ${new URL(url).host} (${code})`, true);
    }
    throw new PlatformError(
      `no answer from ${new URL(url).host} (${(err as Error).name}); the message may or may not have arrived`,
      false,
    );
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // keep the text
  }
  if (res.ok) return parsed;
  const retryAfter = Number(res.headers.get("retry-after"));
  throw new PlatformError(
    describe(res.status, parsed),
    res.status === 429 || res.status >= 500,
    res.status,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
  );
}

import { createHmac } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { signFacebook, signX } from "../lib/webhook-signatures.ts";
import { serialize } from "./serialize.ts";

/**
 * Delivers webhook events to a hilft server the way the platforms do: the body
 * serialised once and signed over exactly those bytes, POSTed to `/webhooks/x` or
 * `/webhooks/facebook`, and sent again unchanged when the server fails (5xx, 429,
 * timeout, connection error). A 2xx is an acknowledgement; any other 4xx is final.
 */

export interface DeliverableEvent {
  platform: "x" | "facebook";
  body: object;
  expectedMessages?: number;
  /** Delivery time in ms after the start (from a scenario); used unless `rate` is given. */
  at?: number;
}

export interface DeliverySecrets {
  x: { consumerSecret: string };
  facebook: { appSecret: string };
}

export interface DeliveryProgress {
  done: number;
  total: number;
  acknowledged: number;
  failed: number;
  retries: number;
}

export interface DeliverOptions {
  /** Base URL of the hilft server, e.g. `http://localhost:3000`. */
  target: string;
  events: readonly DeliverableEvent[];
  secrets: DeliverySecrets;
  /** Events per second, evenly spaced; without it each event's `at` is honoured. */
  rate?: number;
  /** Requests in flight at most (default 16). */
  concurrency?: number;
  /** Tries per event including the first (default 5), and the backoff between them. */
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  onProgress?: (progress: DeliveryProgress) => void;
  signal?: AbortSignal;
}

export interface DeliveryFailure {
  index: number;
  platform: DeliverableEvent["platform"];
  status: number | null;
  error: string;
}

export interface DeliveryResult {
  /** Events delivered (each counted once, however many tries it took). */
  sent: number;
  /** Events the server acknowledged with a 2xx. */
  acknowledged: number;
  /** Events never acknowledged: a 4xx, or every try failed. */
  failed: number;
  /** HTTP requests made, and how many of them were repeats. */
  attempts: number;
  retries: number;
  /** Messages hilft must now hold: the sum over acknowledged events. */
  expectedMessages: number;
  /** Final outcome per event: HTTP status, or "network". */
  statuses: Record<string, number>;
  /** Round trips of acknowledged requests. */
  latencyMs: { p50: number; p99: number; max: number };
  durationMs: number;
  /** The first 20 failures, to show what went wrong. */
  failures: DeliveryFailure[];
}

const RETRYABLE = (status: number) => status >= 500 || status === 429 || status === 408;

/** The request X or Meta would send for this event. */
export function signedRequest(
  event: DeliverableEvent,
  secrets: DeliverySecrets,
): { path: string; headers: Record<string, string>; payload: string } {
  const payload = serialize(event.body);
  if (event.platform === "x") {
    return {
      path: "/webhooks/x",
      payload,
      headers: {
        "content-type": "application/json; charset=utf-8",
        "x-twitter-webhooks-signature": signX(secrets.x.consumerSecret, payload),
      },
    };
  }
  const secret = secrets.facebook.appSecret;
  return {
    path: "/webhooks/facebook",
    payload,
    headers: {
      "content-type": "application/json",
      "user-agent": "facebookexternalua",
      // Meta still sends the SHA-1 header next to the SHA-256 one.
      "x-hub-signature": `sha1=${createHmac("sha1", secret).update(payload).digest("hex")}`,
      "x-hub-signature-256": signFacebook(secret, payload),
    },
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export async function deliver(options: DeliverOptions): Promise<DeliveryResult> {
  const target = options.target.replace(/\/+$/, "");
  const attemptsPerEvent = Math.max(1, options.retry?.attempts ?? 5);
  const baseDelay = options.retry?.baseDelayMs ?? 250;
  const maxDelay = options.retry?.maxDelayMs ?? 5_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const events = options.events;
  const result: DeliveryResult = {
    sent: 0,
    acknowledged: 0,
    failed: 0,
    attempts: 0,
    retries: 0,
    expectedMessages: 0,
    statuses: {},
    latencyMs: { p50: 0, p99: 0, max: 0 },
    durationMs: 0,
    failures: [],
  };
  const latencies: number[] = [];
  const started = performance.now();

  const report = () =>
    options.onProgress?.({
      done: result.acknowledged + result.failed,
      total: events.length,
      acknowledged: result.acknowledged,
      failed: result.failed,
      retries: result.retries,
    });

  const fail = (index: number, event: DeliverableEvent, status: number | null, error: string) => {
    result.failed += 1;
    const key = status === null ? "network" : String(status);
    result.statuses[key] = (result.statuses[key] ?? 0) + 1;
    if (result.failures.length < 20)
      result.failures.push({ index, platform: event.platform, status, error });
  };

  const send = async (index: number, event: DeliverableEvent) => {
    const { path, headers, payload } = signedRequest(event, options.secrets);
    result.sent += 1;
    let lastStatus: number | null = null;
    let lastError = "";
    for (let attempt = 1; attempt <= attemptsPerEvent; attempt++) {
      if (attempt > 1) {
        result.retries += 1;
        await sleep(Math.min(maxDelay, baseDelay * 2 ** (attempt - 2)));
      }
      result.attempts += 1;
      const t0 = performance.now();
      try {
        const signals = [
          AbortSignal.timeout(timeoutMs),
          ...(options.signal ? [options.signal] : []),
        ];
        const response = await fetch(`${target}${path}`, {
          method: "POST",
          headers,
          body: payload,
          signal: AbortSignal.any(signals),
        });
        // Read the answer so the connection can be reused.
        const text = await response.text();
        lastStatus = response.status;
        if (response.ok) {
          latencies.push(performance.now() - t0);
          result.acknowledged += 1;
          result.expectedMessages += event.expectedMessages ?? 0;
          result.statuses[String(response.status)] =
            (result.statuses[String(response.status)] ?? 0) + 1;
          return;
        }
        lastError = `HTTP ${response.status}: ${text.slice(0, 200)}`;
        if (!RETRYABLE(response.status)) break;
      } catch (err) {
        if (options.signal?.aborted) {
          lastError = "aborted";
          break;
        }
        lastStatus = null;
        const cause = (err as { cause?: { code?: string } }).cause?.code;
        lastError = err instanceof Error ? `${err.name}: ${cause ?? err.message}` : String(err);
      }
    }
    fail(index, event, lastStatus, lastError);
  };

  // Start each event at its time, with at most `concurrency` in flight.
  const inFlight = new Set<Promise<void>>();
  for (const [index, event] of events.entries()) {
    if (options.signal?.aborted) break;
    const due = options.rate ? (index * 1000) / options.rate : (event.at ?? 0);
    const wait = due - (performance.now() - started);
    // An abort ends the wait at once (the demo feeder stops with the server).
    if (wait > 1) await sleep(wait, undefined, { signal: options.signal }).catch(() => {});
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const task: Promise<void> = send(index, event).finally(() => {
      inFlight.delete(task);
      report();
    });
    inFlight.add(task);
  }
  await Promise.all(inFlight);

  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  result.latencyMs = {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? 0),
  };
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

import { randomBytes } from "node:crypto";
import type { FastifyRequest } from "fastify";

/** What the platform server remembers: every call it answered, and the faults to inject. */

export type Platform = "x" | "facebook";
export type AuthScheme = "bearer" | "oauth1" | "access_token" | "none";

export interface RecordedCall {
  seq: number;
  platform: Platform;
  method: string;
  /** Path below the simulator's mount point, without the Graph version or query. */
  path: string;
  /** The Graph API version the caller used (`v21.0`), if any. */
  graphVersion: string | null;
  /** Query parameters, without `access_token`. */
  query: Record<string, string>;
  /** Request headers; the authorization value is replaced by its scheme. */
  headers: Record<string, string>;
  auth: AuthScheme;
  /** The parsed body, without `access_token`. */
  body: unknown;
  time: string;
  status: number;
  response: unknown;
  /** The response was an injected fault. */
  fault: boolean;
}

export interface FaultRule {
  remaining: number;
  status: number;
  retryAfter?: number;
  platform?: Platform;
}

export interface XAccount {
  id: string;
  username: string;
  name: string;
}

export interface FacebookPage {
  id: string;
  name: string;
}

const TWEPOCH = 1288834974657n;

export class PlatformState {
  readonly calls: RecordedCall[] = [];
  readonly faults: FaultRule[] = [];
  private seq = 0;
  private idSeq = 0n;
  private lastMs = 0n;

  constructor(
    readonly xAccount: XAccount,
    readonly page: FacebookPage,
  ) {}

  /** A fresh X-style snowflake id (time, worker 1, sequence), as a decimal string. */
  snowflake(): string {
    const now = BigInt(Date.now());
    this.idSeq = now === this.lastMs ? (this.idSeq + 1n) & 0xfffn : 0n;
    this.lastMs = now;
    return (((now - TWEPOCH) << 22n) | (1n << 12n) | this.idSeq).toString();
  }

  /** A Graph-style numeric object id (15-16 digits). */
  graphId(): string {
    return String(
      100_000_000_000_000 + Number(randomBytes(6).readUIntBE(0, 6) % 900_000_000_000_000),
    );
  }

  messageId(): string {
    return `m_${randomBytes(48).toString("base64url")}`;
  }

  fbtraceId(): string {
    return randomBytes(8).toString("base64url").slice(0, 11);
  }

  /** Consumes one fault for this platform, if one is pending. */
  takeFault(platform: Platform): FaultRule | null {
    const rule = this.faults.find(
      (f) => f.remaining > 0 && (!f.platform || f.platform === platform),
    );
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.faults.splice(this.faults.indexOf(rule), 1);
    return rule;
  }

  addFault(rule: FaultRule): void {
    this.faults.push(rule);
  }

  pendingFaults(): number {
    return this.faults.reduce((n, f) => n + f.remaining, 0);
  }

  record(
    request: FastifyRequest,
    entry: {
      platform: Platform;
      path: string;
      graphVersion?: string | null;
      status: number;
      response: unknown;
      fault?: boolean;
    },
  ): RecordedCall {
    const call: RecordedCall = {
      seq: ++this.seq,
      platform: entry.platform,
      method: request.method,
      path: entry.path,
      graphVersion: entry.graphVersion ?? null,
      query: withoutToken(request.query) as Record<string, string>,
      headers: redactHeaders(request.headers),
      auth: authScheme(request),
      body: withoutToken(request.body) ?? null,
      time: new Date().toISOString(),
      status: entry.status,
      response: entry.response,
      fault: entry.fault ?? false,
    };
    this.calls.push(call);
    return call;
  }

  clear(): void {
    this.calls.length = 0;
  }
}

export function createPlatformState(
  options: { xAccount?: Partial<XAccount>; page?: Partial<FacebookPage> } = {},
): PlatformState {
  return new PlatformState(
    { id: "3001", username: "telekom_hilft", name: "Telekom hilft", ...options.xAccount },
    { id: "1001", name: "Telekom hilft", ...options.page },
  );
}

function withoutToken(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const { access_token: _, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** Which credential the caller sent: a header scheme or Graph's `access_token` parameter. */
export function authScheme(request: FastifyRequest): AuthScheme {
  const header = request.headers.authorization;
  if (typeof header === "string") {
    if (/^Bearer\s+\S+/i.test(header)) return "bearer";
    if (/^OAuth\s+\S+/i.test(header)) return "oauth1";
  }
  if (accessTokenParam(request)) return "access_token";
  return "none";
}

export function accessTokenParam(request: FastifyRequest): string | null {
  for (const source of [request.query, request.body]) {
    if (source && typeof source === "object" && !Array.isArray(source)) {
      const token = (source as Record<string, unknown>).access_token;
      if (typeof token === "string" && token) return token;
    }
  }
  return null;
}

function redactHeaders(headers: FastifyRequest["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : String(value);
    if (name === "authorization") {
      out[name] = `${text.split(/\s+/)[0] ?? ""} [redacted]`;
    } else if (name === "cookie" || name === "proxy-authorization") {
      out[name] = "[redacted]";
    } else {
      out[name] = text;
    }
  }
  return out;
}

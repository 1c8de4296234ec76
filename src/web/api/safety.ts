import { api } from "./client.ts";

/** Trust and safety: personal-data incidents, impostors, praise and the audit log. */

export type ChannelKind = "x" | "facebook" | "community" | "email";

export interface Incident {
  id: string;
  messageId: string;
  conversationId: string;
  channel: string;
  channelName: string;
  author: string | null;
  /** Masked: findings replaced by labels such as [IBAN]. */
  text: string;
  types: string[];
  actions: Record<string, string>;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function listIncidents(query: { channel?: ChannelKind; cursor?: string }) {
  return api.get<Page<Incident>>("/api/v1/personal-data/incidents", {
    query: { ...query, limit: 30 },
  });
}

export interface PersonalDataReport {
  month: string;
  total: number;
  byType: { type: string; count: number }[];
}

export function personalDataReport(month?: string) {
  return api.get<PersonalDataReport>("/api/v1/reports/personal-data", { query: { month } });
}

export type ImpostorStatus = "suspected" | "confirmed" | "dismissed";

export interface Impostor {
  id: string;
  channel: string;
  handle: string | null;
  displayName: string | null;
  platformUserId: string | null;
  contactId: string | null;
  status: ImpostorStatus;
  reason: string;
  score: number;
  evidence: ImpostorEvidence;
  seenCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
  decidedAt: string | null;
}

/** What the inbox stored with the first sighting; parts may be missing. */
export interface ImpostorEvidence {
  field?: "handle" | "displayName";
  imitates?: string;
  confusables?: { char: string; codePoint: string; looksLike: string }[];
  distance?: number;
  affixes?: string[];
  mixedScripts?: string[];
  candidate?: { handle: string | null; displayName: string | null; skeleton: string };
  brand?: { value: string; skeleton: string };
  /** The first message, masked. */
  excerpt?: string;
  seenAs?: "author" | "mentioned";
  conversationId?: string;
}

export async function listImpostors(status?: ImpostorStatus): Promise<Impostor[]> {
  const body = await api.get<{ items: Impostor[] }>("/api/v1/admin/impostors", {
    query: { status },
  });
  return body.items;
}

export function decideImpostor(id: string, verb: "confirm" | "dismiss", note?: string) {
  return api.post<Impostor>(
    `/api/v1/admin/impostors/${encodeURIComponent(id)}/${verb}`,
    note ? { note } : {},
  );
}

export interface PraiseItem {
  id: string;
  conversationId: string;
  channel: string;
  author: string | null;
  text: string;
  language: string | null;
  sentimentScore: number | null;
  createdAt: string;
}

export function praiseFeed(query: { channel?: ChannelKind; cursor?: string }) {
  return api.get<Page<PraiseItem>>("/api/v1/praise", { query: { ...query, limit: 30 } });
}

export interface PraiseReport {
  month: string;
  total: number;
  byChannel: { channelId: string; channel: string; name: string; count: number }[];
}

export function praiseReport(month: string) {
  return api.get<PraiseReport>("/api/v1/reports/praise", { query: { month } });
}

export interface AuditEvent {
  id: number;
  action: string;
  actor: { id: string | null; label: string };
  target: { type: string | null; id: string | null };
  data: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
  hash: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** ISO date-times. */
  from?: string;
  to?: string;
}

export function listAudit(filter: AuditFilter, cursor?: number) {
  return api.get<{ items: AuditEvent[]; nextCursor: number | null }>("/api/v1/admin/audit", {
    query: { ...filter, cursor, limit: 50 },
  });
}

export interface AuditVerification {
  ok: boolean;
  count: number;
  broken?: { id: number; reason: string };
}

export function verifyAudit() {
  return api.get<AuditVerification>("/api/v1/admin/audit/verify");
}

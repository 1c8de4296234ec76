import { api } from "./client.ts";

export interface Channel {
  id: string;
  kind: "x" | "facebook" | "community" | "email";
  name: string;
  handle: string | null;
  externalId: string;
  apiBaseUrl: string | null;
  status: "active" | "disabled";
  disabledReason: string | null;
  createdAt: string;
}

export type NewChannel =
  | {
      kind: "x";
      handle: string;
      userId: string;
      consumerSecret: string;
      accessToken: string;
      apiBaseUrl?: string;
    }
  | {
      kind: "facebook";
      pageId: string;
      appSecret: string;
      verifyToken: string;
      pageToken: string;
      apiBaseUrl?: string;
    };

export interface WebhookEvent {
  id: number;
  platform: string;
  status: string;
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  processedAt: string | null;
}

export interface Alert {
  id: string;
  kind: string;
  severity: string;
  message: string;
  createdAt: string;
}

export const listChannels = async () =>
  (await api.get<{ items: Channel[] }>("/api/v1/admin/channels")).items;
export const createChannel = (input: NewChannel) =>
  api.post<Channel>("/api/v1/admin/channels", input);
export const setChannelStatus = (id: string, status: Channel["status"]) =>
  api.patch<Channel>(`/api/v1/admin/channels/${encodeURIComponent(id)}`, { status });
export const listDeadLetters = async () =>
  (
    await api.get<{ items: WebhookEvent[] }>("/api/v1/admin/webhook-events", {
      query: { status: "dead" },
    })
  ).items;
export const replayEvent = (id: number) =>
  api.post<{ id: number }>(`/api/v1/admin/webhook-events/${id}/replay`, {});
export const listAlerts = async () =>
  (await api.get<{ items: Alert[] }>("/api/v1/admin/alerts")).items;

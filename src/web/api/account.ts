import type { Locale, User } from "./auth.ts";
import { api } from "./client.ts";

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  /** The plain token; the server shows it only in this one response. */
  token: string;
}

interface List<T> {
  items: T[];
}

export function updateMe(input: {
  name?: string;
  locale?: Locale | null;
  signature?: string | null;
  timeZone?: string | null;
  skills?: string[];
  showPhotoPublicly?: boolean;
  showFullNamePublicly?: boolean;
}): Promise<User> {
  return api.patch<User>("/api/v1/me", input);
}

/** Uploads a profile photo as it is; the server checks, resizes and stores it. */
export function uploadPhoto(file: Blob): Promise<User> {
  return api.put<User>("/api/v1/me/photo", file);
}

export function removePhoto(): Promise<User> {
  return api.delete<User>("/api/v1/me/photo");
}

export async function listSessions(): Promise<SessionInfo[]> {
  return (await api.get<List<SessionInfo>>("/api/v1/auth/sessions")).items;
}

export function revokeSession(id: string): Promise<void> {
  return api.delete(`/api/v1/auth/sessions/${encodeURIComponent(id)}`);
}

export async function listTokens(): Promise<ApiToken[]> {
  return (await api.get<List<ApiToken>>("/api/v1/tokens")).items;
}

export function createToken(input: {
  name: string;
  expiresInDays?: number;
}): Promise<CreatedApiToken> {
  return api.post<CreatedApiToken>("/api/v1/tokens", input);
}

export function revokeToken(id: string): Promise<void> {
  return api.delete(`/api/v1/tokens/${encodeURIComponent(id)}`);
}

import type { ApiError } from "./client.ts";
import { api, rememberCsrfToken } from "./client.ts";

export type Role = "customer" | "agent" | "moderator" | "admin";
export type Locale = "de" | "en";

export const ROLES: readonly Role[] = ["customer", "agent", "moderator", "admin"];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale | null;
  /** Null: the default (`^` + initials). */
  signature?: string | null;
  /** What is appended to replies; may be empty. */
  effectiveSignature?: string;
  /** IANA zone for times in the console; null follows the browser. */
  timeZone?: string | null;
  skills?: string[];
  showPhotoPublicly?: boolean;
  showFullNamePublicly?: boolean;
  photoUrl?: string | null;
}

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt?: string;
}

/** The current session, or null when nobody is signed in. */
export async function getSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>("/api/v1/auth/session");
    rememberCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if ((error as ApiError).status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signIn(input: { email: string; password: string }): Promise<Session> {
  const session = await api.post<Session>("/api/v1/auth/sign-in", input);
  rememberCsrfToken(session.csrfToken);
  return session;
}

export async function signUp(input: {
  name: string;
  email: string;
  password: string;
  locale?: Locale;
}): Promise<Session> {
  const session = await api.post<Session>("/api/v1/auth/sign-up", input);
  rememberCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  await api.post<void>("/api/v1/auth/sign-out");
  rememberCsrfToken(null);
}

export function requestPasswordReset(input: { email: string; locale?: Locale }): Promise<void> {
  return api.post<void>("/api/v1/auth/password-reset", input);
}

export function confirmPasswordReset(input: { token: string; password: string }): Promise<void> {
  return api.post<void>("/api/v1/auth/password-reset/confirm", input);
}

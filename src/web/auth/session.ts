import { queryOptions, useQuery } from "@tanstack/react-query";
import { getSession, type Role, type Session } from "../api/auth.ts";

export const sessionQuery = queryOptions({
  queryKey: ["session"] as const,
  queryFn: getSession,
  staleTime: 60_000,
});

/** Mirrors the server rule; the server still has the final word (e.g. on common passwords). */
export const PASSWORD_MIN_LENGTH = 10;

/** Who may open which area. The server enforces the same rules on its API. */
export const STAFF_ROLES: readonly Role[] = ["agent", "moderator", "admin"];
export const ADMIN_ROLES: readonly Role[] = ["admin"];

export function canUseConsole(role: Role | undefined): boolean {
  return role !== undefined && STAFF_ROLES.includes(role);
}

export function canAdminister(role: Role | undefined): boolean {
  return role !== undefined && ADMIN_ROLES.includes(role);
}

export function useSessionQuery() {
  return useQuery(sessionQuery);
}

/** The signed-in session (null when signed out); undefined while it loads or could not load. */
export function useSession(): Session | null | undefined {
  return useSessionQuery().data;
}

/** Same-site paths only, so `?next=` can never send someone to another site. */
export function safeNextPath(next: string | undefined | null): string | null {
  if (!next?.startsWith("/")) return null;
  try {
    // Resolving catches "//evil", "/\\evil" and "/\t/evil", which browsers all read as another host.
    const url = new URL(next, window.location.origin);
    return url.origin === window.location.origin ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

export function homeFor(role: Role): string {
  return canUseConsole(role) ? "/console" : "/";
}

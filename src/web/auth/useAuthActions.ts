import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useCallback } from "react";
import { type Session, signOut } from "../api/auth.ts";
import { sessionQuery } from "./session.ts";

/**
 * Replaces the cached session and drops everything else: another person's data must not
 * survive a change of account. The session query itself stays, so its observers update.
 */
function replaceSession(queryClient: QueryClient, session: Session | null): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQuery.queryKey[0] });
  queryClient.setQueryData(sessionQuery.queryKey, session);
}

/** Stores a session that sign-in or sign-up returned, so guards see it without a refetch. */
export function useAcceptSession(): (session: Session) => void {
  const queryClient = useQueryClient();
  return useCallback((session: Session) => replaceSession(queryClient, session), [queryClient]);
}

export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await signOut();
    } finally {
      // Leave protected pages before the session disappears, so they don't flash a redirect.
      await navigate({ to: "/" });
      replaceSession(queryClient, null);
    }
  }, [navigate, queryClient]);
}

import { Navigate, useLocation } from "@tanstack/react-router";
import type { ReactNode } from "react";
import type { Role } from "../api/auth.ts";
import { useSessionQuery } from "../auth/session.ts";
import { ForbiddenPage } from "../pages/forbidden/ForbiddenPage.tsx";
import { LoadFailed, Loading } from "./Layout.tsx";

/**
 * Renders children only for a signed-in user whose role passes `allow`. The server may
 * already have answered this navigation with 403, but the app decides from the session.
 */
export function Guard({
  allow = () => true,
  children,
}: {
  allow?: (role: Role) => boolean;
  children: ReactNode;
}) {
  const query = useSessionQuery();
  const location = useLocation();
  const session = query.data;
  if (session === undefined) {
    return query.isError ? <LoadFailed onRetry={() => void query.refetch()} /> : <Loading />;
  }
  if (session === null) {
    return <Navigate to="/signin" search={{ next: location.href }} replace />;
  }
  if (!allow(session.user.role)) return <ForbiddenPage role={session.user.role} />;
  return <>{children}</>;
}

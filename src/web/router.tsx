import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  type ParsedLocation,
  redirect,
} from "@tanstack/react-router";
import { homeFor, safeNextPath, sessionQuery } from "./auth/session.ts";
import { Layout } from "./components/Layout.tsx";
import { RouteError } from "./components/RouteError.tsx";
import { AccountPage } from "./pages/account/AccountPage.tsx";
import { AdminPage } from "./pages/admin/AdminPage.tsx";
import { ReportsPage } from "./pages/admin/ReportsPage.tsx";
import { ConsolePage, type ConsoleSearch } from "./pages/console/ConsolePage.tsx";
import { isViewKey } from "./pages/console/views.ts";
import { ForgotPasswordPage } from "./pages/forgot-password/ForgotPasswordPage.tsx";
import { HomePage } from "./pages/home/HomePage.tsx";
import { KnowledgePage } from "./pages/knowledge/KnowledgePage.tsx";
import { NotFoundPage } from "./pages/not-found/NotFoundPage.tsx";
import { ResetPasswordPage } from "./pages/reset-password/ResetPasswordPage.tsx";
import { isSafetyTab, SafetyPage, type SafetySearch } from "./pages/safety/SafetyPage.tsx";
import { SignInPage } from "./pages/signin/SignInPage.tsx";
import { SignUpPage } from "./pages/signup/SignUpPage.tsx";

export interface RouterContext {
  queryClient: QueryClient;
}

interface GuardArgs {
  context: RouterContext;
  location: ParsedLocation;
}

/** The session, or undefined if the server could not be asked (pages then show their own state). */
function loadSession(context: RouterContext) {
  return context.queryClient.ensureQueryData(sessionQuery).catch(() => undefined);
}

/** Signed-out visitors of a protected page go to sign-in and come back afterwards. */
async function requireSession({ context, location }: GuardArgs) {
  const session = await loadSession(context);
  if (session === null) {
    throw redirect({ to: "/signin", search: { next: location.href }, replace: true });
  }
}

const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);

const rootRoute = createRootRouteWithContext<RouterContext>()({
  // Knowing the session before the first paint keeps the header from flickering.
  beforeLoad: ({ context }) => loadSession(context),
  component: Layout,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteError,
});

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: "/", component: HomePage });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/signin",
  validateSearch: (search: Record<string, unknown>): { next?: string } => ({
    next: optionalString(search.next),
  }),
  beforeLoad: async ({ context, search }) => {
    const session = await loadSession(context);
    if (session) throw redirect({ href: safeNextPath(search.next) ?? homeFor(session.user.role) });
  },
  component: SignInPage,
});

const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/signup",
  beforeLoad: async ({ context }) => {
    if (await loadSession(context)) throw redirect({ to: "/" });
  },
  component: SignUpPage,
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/forgot-password",
  component: ForgotPasswordPage,
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/reset-password",
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({
    token: optionalString(search.token),
  }),
  component: ResetPasswordPage,
});

const consoleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/console",
  validateSearch: (search: Record<string, unknown>): ConsoleSearch => ({
    view: isViewKey(search.view) ? search.view : undefined,
    // "newest" is kept too: it overrides a saved view's own order.
    sort: search.sort === "urgent" || search.sort === "newest" ? search.sort : undefined,
    q: optionalString(search.q) || undefined,
    c: optionalString(search.c),
  }),
  beforeLoad: requireSession,
  component: ConsolePage,
});

const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin",
  beforeLoad: requireSession,
  component: AdminPage,
});

const safetyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/safety",
  validateSearch: (search: Record<string, unknown>): SafetySearch => ({
    tab: isSafetyTab(search.tab) ? search.tab : undefined,
  }),
  beforeLoad: requireSession,
  component: SafetyPage,
});

const knowledgeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/knowledge",
  beforeLoad: requireSession,
  component: KnowledgePage,
});

const reportsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/admin/reports",
  beforeLoad: requireSession,
  component: ReportsPage,
});

const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/account",
  beforeLoad: requireSession,
  component: AccountPage,
});

const routeTree = rootRoute.addChildren([
  homeRoute,
  signInRoute,
  signUpRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  consoleRoute,
  adminRoute,
  safetyRoute,
  knowledgeRoute,
  reportsRoute,
  accountRoute,
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    // Data freshness is React Query's job; the router should not cache on top of it.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}

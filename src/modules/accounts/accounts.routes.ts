import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../lib/errors.ts";
import { clearSessionCookies, setSessionCookies } from "../../server/plugins/auth.ts";
import { requireRole, requireUser } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { actorOf } from "../audit/record-audit-event.ts";
import { presentApiToken, presentMe, presentSession, presentUser } from "./accounts.presenter.ts";
import {
  ZApiToken,
  ZAuthResponse,
  ZCreateApiTokenRequest,
  ZCreatedApiToken,
  ZIdParams,
  ZListUsersQuery,
  ZMeResponse,
  ZPasswordResetConfirm,
  ZPasswordResetRequest,
  ZSession,
  ZSignInRequest,
  ZSignUpRequest,
  ZUpdateMeRequest,
  ZUpdateUserRequest,
  ZUser,
} from "./accounts.schemas.ts";
import { changeUserRole } from "./change-user-role.ts";
import { createApiToken } from "./create-api-token.ts";
import { createUser } from "./create-user.ts";
import { requestPasswordReset } from "./request-password-reset.ts";
import { resetPassword } from "./reset-password.ts";
import { signIn } from "./sign-in.ts";
import { startSession } from "./start-session.ts";

const ZNoContent = z.null().describe("No content");

/** Per-IP and per-address limits for endpoints that attackers like to hammer. */
const byIpAndEmail = (max: number, timeWindow: string) => ({
  rateLimit: {
    max,
    timeWindow,
    hook: "preHandler" as const,
    keyGenerator: (req: { ip: string; body?: unknown }) =>
      `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? "").toLowerCase()}`,
  },
});

export const accountsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["accounts"];

  async function openSession(
    request: Parameters<typeof setSessionCookies>[0],
    reply: Parameters<typeof setSessionCookies>[1],
    user: Parameters<typeof startSession>[1],
  ) {
    const { token, session } = await startSession(services, user, {
      ip: request.ip,
      userAgent: request.headers["user-agent"] ?? null,
    });
    setSessionCookies(request, reply, services.config.publicUrl, token, session.csrfToken);
    return {
      user: presentUser(user),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  app.post(
    "/auth/sign-up",
    {
      config: byIpAndEmail(10, "10 minutes"),
      schema: {
        tags,
        summary: "Create a customer account and sign in",
        body: ZSignUpRequest,
        response: { 201: ZAuthResponse },
      },
    },
    async (request, reply) => {
      const user = await createUser(services, { ...request.body, role: "customer" });
      return reply.status(201).send(await openSession(request, reply, user));
    },
  );

  app.post(
    "/auth/sign-in",
    {
      config: byIpAndEmail(10, "5 minutes"),
      schema: {
        tags,
        summary: "Sign in with e-mail and password (sets the session cookie)",
        body: ZSignInRequest,
        response: { 200: ZAuthResponse },
      },
    },
    async (request, reply) => {
      const user = await signIn(services, request.body);
      return openSession(request, reply, user);
    },
  );

  app.post(
    "/auth/sign-out",
    { schema: { tags, summary: "End the current session", response: { 204: ZNoContent } } },
    async (request, reply) => {
      const auth = request.auth;
      if (auth?.session) await services.accounts.revokeSession(auth.user.id, auth.session.id);
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/auth/session",
    {
      schema: {
        tags,
        summary: "The current browser session and its CSRF token",
        response: { 200: ZAuthResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const session = request.auth?.session;
      if (!session) throw notFound("A browser session");
      return {
        user: presentUser(user),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      };
    },
  );

  app.get(
    "/auth/sessions",
    {
      schema: {
        tags,
        summary: "My signed-in sessions",
        response: { 200: z.object({ items: z.array(ZSession) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = await services.accounts.listLiveSessions(user.id);
      return { items: rows.map((s) => presentSession(s, request.auth?.session?.id)) };
    },
  );

  app.delete(
    "/auth/sessions/:id",
    {
      schema: {
        tags,
        summary: "Revoke one of my sessions",
        params: ZIdParams,
        response: { 204: ZNoContent },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (!(await services.accounts.revokeSession(user.id, request.params.id))) {
        throw notFound("Session");
      }
      if (request.params.id === request.auth?.session?.id) clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/password-reset",
    {
      config: byIpAndEmail(5, "15 minutes"),
      schema: {
        tags,
        summary:
          "E-mail a password reset link (answers the same whether or not the account exists)",
        body: ZPasswordResetRequest,
        response: { 202: z.object({ accepted: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(services, request.body);
      return reply.status(202).send({ accepted: true as const });
    },
  );

  app.post(
    "/auth/password-reset/confirm",
    {
      config: { rateLimit: { max: 20, timeWindow: "15 minutes" } },
      schema: {
        tags,
        summary: "Set a new password with a reset token; signs out every session",
        body: ZPasswordResetConfirm,
        response: { 204: ZNoContent },
      },
    },
    async (request, reply) => {
      await resetPassword(services, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/me",
    { schema: { tags, summary: "Who am I", response: { 200: ZMeResponse } } },
    async (request) => presentMe(requireUser(request)),
  );

  app.patch(
    "/me",
    {
      schema: {
        tags,
        summary: "Change my name, language, reply signature or time zone",
        body: ZUpdateMeRequest,
        response: { 200: ZUser },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const updated = await services.accounts.updateUser(user.id, request.body);
      if (!updated) throw notFound("User");
      return presentUser(updated);
    },
  );

  app.get(
    "/tokens",
    {
      schema: {
        tags,
        summary: "My personal API tokens",
        response: { 200: z.object({ items: z.array(ZApiToken) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { items: (await services.accounts.listApiTokens(user.id)).map(presentApiToken) };
    },
  );

  app.post(
    "/tokens",
    {
      schema: {
        tags,
        summary: "Create a personal API token (shown once)",
        body: ZCreateApiTokenRequest,
        response: { 201: ZCreatedApiToken },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { token, row } = await createApiToken(services, { userId: user.id, ...request.body });
      return reply.status(201).send({ ...presentApiToken(row), token });
    },
  );

  app.delete(
    "/tokens/:id",
    {
      schema: {
        tags,
        summary: "Revoke one of my API tokens",
        params: ZIdParams,
        response: { 204: ZNoContent },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (!(await services.accounts.revokeApiToken(user.id, request.params.id))) {
        throw notFound("API token");
      }
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/admin/users",
    {
      schema: {
        tags: ["admin"],
        summary: "People in my workspace",
        querystring: ZListUsersQuery,
        response: { 200: z.object({ items: z.array(ZUser) }) },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      const rows = await services.accounts.listUsers({
        workspaceId: admin.workspaceId,
        ...request.query,
      });
      return { items: rows.map(presentUser) };
    },
  );

  app.patch(
    "/admin/users/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "Change a person's role",
        params: ZIdParams,
        body: ZUpdateUserRequest,
        response: { 200: ZUser },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      const user = await changeUserRole(
        services,
        admin,
        { userId: request.params.id, role: request.body.role },
        actorOf(admin, request),
      );
      return presentUser(user);
    },
  );
};

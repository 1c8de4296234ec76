import { randomUUID } from "node:crypto";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Logger } from "pino";
import { migrationsPending } from "../db/migrate.ts";
import { redactUrl } from "../lib/redact-url.ts";
import { accountsRoutes } from "../modules/accounts/accounts.routes.ts";
import { agentPhotosRoutes } from "../modules/agents/agent-photos.routes.ts";
import { agentsRoutes } from "../modules/agents/agents.routes.ts";
import { auditRoutes } from "../modules/audit/audit.routes.ts";
import { channelsRoutes } from "../modules/channels/channels.routes.ts";
import { webhooksRoutes } from "../modules/channels/webhooks.routes.ts";
import { communityRoutes } from "../modules/community/community.routes.ts";
import { engagementRoutes } from "../modules/community/engagement.routes.ts";
import { communityForms } from "../modules/community/forms.routes.ts";
import { ideasPages } from "../modules/community/ideas/ideas.pages.ts";
import { ideasRoutes } from "../modules/community/ideas/ideas.routes.ts";
import { moderationPages } from "../modules/community/moderation.pages.ts";
import { moderationRoutes } from "../modules/community/moderation.routes.ts";
import { followPages } from "../modules/community/notifications/follow.pages.ts";
import { notificationsRoutes } from "../modules/community/notifications/notifications.routes.ts";
import { createNotificationEmailWorker } from "../modules/community/notifications/send-notification-emails.ts";
import { unsubscribePages } from "../modules/community/notifications/unsubscribe.pages.ts";
import { communityPages } from "../modules/community/pages.routes.ts";
import { questionPostForms } from "../modules/community/post-forms.routes.ts";
import { consoleRoutes } from "../modules/console/console.routes.ts";
import { contactsRoutes } from "../modules/inbox/contacts.routes.ts";
import { createDeliveryWorker } from "../modules/inbox/deliver-outbound.ts";
import { eventsRoutes } from "../modules/inbox/events.routes.ts";
import { createContactProfileWorker } from "../modules/inbox/fetch-contact-profiles.ts";
import { inboxRoutes } from "../modules/inbox/inbox.routes.ts";
import { createIngestWorker } from "../modules/inbox/ingest-worker.ts";
import { createRetentionWorker } from "../modules/inbox/purge-webhook-bodies.ts";
import { kbPages } from "../modules/kb/kb.pages.ts";
import { kbRoutes } from "../modules/kb/kb.routes.ts";
import { kbLinksRoutes } from "../modules/kb/kb-links.routes.ts";
import { macrosRoutes } from "../modules/macros/macros.routes.ts";
import { incidentsRoutes } from "../modules/operations/incidents.routes.ts";
import { reportsRoutes } from "../modules/operations/reports.routes.ts";
import { serviceLevelsRoutes } from "../modules/operations/service-levels.routes.ts";
import { createSlaWorker } from "../modules/operations/sla-worker.ts";
import { teamPageRoutes } from "../modules/operations/team-page.routes.ts";
import { teamsRoutes } from "../modules/operations/teams.routes.ts";
import { scheduleSerialVotingCheck } from "../modules/reputation/detect-serial-voting.ts";
import { reputationPages } from "../modules/reputation/reputation.pages.ts";
import { reputationRoutes } from "../modules/reputation/reputation.routes.ts";
import { rewardsRoutes } from "../modules/reputation/rewards.routes.ts";
import { safetyRoutes } from "../modules/safety/safety.routes.ts";
import { workspacesRoutes } from "../modules/workspaces/workspaces.routes.ts";
import { platformPlugin } from "../simulator/platform-server.ts";
import authPlugin from "./plugins/auth.ts";
import errorsPlugin, { sendError } from "./plugins/errors.ts";
import webPlugin from "./plugins/web.ts";
import type { Services } from "./services.ts";

export interface BuildAppOptions {
  services: Services;
  /** A logger to use instead of one built from the config (tests pass a silent one). */
  logger?: Logger;
  /** Directory of the built web app (defaults to dist/web). */
  webDistDir?: string | undefined;
  /** Run the background workers in this process (default true). */
  workers?: boolean;
  /** Mount the platform simulator at /simulator (the demo's channels reply to it). */
  simulator?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Builds the HTTP application without listening; `main.ts` listens, tests `inject`. */
export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const { config } = services;
  const app = Fastify({
    loggerInstance: (opts.logger ?? services.log) as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    // Our own onResponse line below logs requests with secrets stripped from the URL.
    logController: new LogController({ disableRequestLogging: true }),
    // Honour a well-formed incoming id so a request can be followed through a proxy.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Anonymous question pages are kept in memory and dropped when the database notifies a
  // change. After a write through this instance, wait until its notifications are heard,
  // so that the next view here shows the change.
  await services.questionPages.start();
  app.addHook("onClose", () => services.questionPages.stop());
  // The hooks every request runs take callbacks rather than promises: reads (most
  // requests, all public pages) then pass without a trip through the microtask queue.
  app.addHook("onSend", (request, reply, payload, done) => {
    reply.header("x-request-id", request.id);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    if (READ_METHODS.has(request.method)) return done(null, payload);
    services.questionPages.sync().then(() => done(null, payload), done);
  });

  app.addHook("onResponse", (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: redactUrl(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        userId: request.auth?.user.id,
      },
      "request",
    );
    done();
  });

  await app.register(errorsPlugin);
  await app.register(formbody);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => {
      const err = new Error(
        `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} seconds.`,
      ) as Error & { statusCode: number };
      err.statusCode = 429;
      return err;
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "hilft API",
        version: "1",
        description:
          "Social customer care, help community and knowledge base. Authenticate with the " +
          "session cookie (browser; writes need the x-csrf-token header) or `Authorization: Bearer <token>`.",
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "hilft_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  await app.register(authPlugin, { services });

  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      const pending = await migrationsPending(services.database);
      if (pending > 0) {
        return sendError(reply, 503, "not_ready", `${pending} database migration(s) pending.`);
      }
      return { status: "ready", database: services.database.driver };
    } catch (err) {
      app.log.warn({ err }, "readiness check failed");
      return sendError(reply, 503, "not_ready", "The database is not reachable.");
    }
  });

  await app.register(
    async (api) => {
      api.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
      await api.register(accountsRoutes, { services });
      await api.register(channelsRoutes, { services });
      await api.register(inboxRoutes, { services });
      await api.register(contactsRoutes, { services });
      await api.register(agentPhotosRoutes, { services });
      await api.register(agentsRoutes, { services });
      await api.register(macrosRoutes, { services });
      await api.register(eventsRoutes, { services });
      await api.register(consoleRoutes, { services });
      await api.register(safetyRoutes, { services });
      await api.register(auditRoutes, { services });
      await api.register(communityRoutes, { services });
      await api.register(engagementRoutes, { services });
      await api.register(moderationRoutes, { services });
      await api.register(ideasRoutes, { services });
      await api.register(notificationsRoutes, { services });
      await api.register(teamsRoutes, { services });
      await api.register(reportsRoutes, { services });
      await api.register(incidentsRoutes, { services });
      await api.register(reputationRoutes, { services });
      await api.register(rewardsRoutes, { services });
      await api.register(kbRoutes, { services });
      await api.register(kbLinksRoutes, { services });
      await api.register(serviceLevelsRoutes, { services });
      await api.register(workspacesRoutes, { services });
    },
    { prefix: "/api/v1" },
  );

  await app.register(webhooksRoutes, { services });
  await app.register(teamPageRoutes, { services });
  if (opts.simulator) await app.register(platformPlugin, { prefix: "/simulator" });
  // Server-rendered community pages: explicit routes, so they win over the web app.
  await app.register(communityPages, { services });
  await app.register(communityForms, { services });
  await app.register(questionPostForms, { services });
  await app.register(moderationPages, { services });
  await app.register(reputationPages, { services });
  await app.register(kbPages, { services });
  await app.register(ideasPages, { services });
  await app.register(unsubscribePages, { services });
  await app.register(followPages, { services });

  await app.register(webPlugin, { distDir: opts.webDistDir });

  if (opts.workers !== false) {
    // Background work of this instance: ingesting stored webhooks, sending replies,
    // emptying old webhook bodies.
    await services.realtime.start();
    await services.inbox.failStaleSending();
    const workers = [
      createIngestWorker(services),
      createDeliveryWorker(services),
      createContactProfileWorker(services),
      createRetentionWorker(services),
      createSlaWorker(services),
      createNotificationEmailWorker(services),
    ];
    for (const w of workers) w.start();
    const stopSerialVotingCheck = scheduleSerialVotingCheck(services);
    app.addHook("onClose", async () => {
      stopSerialVotingCheck();
      await Promise.all(workers.map((w) => w.stop()));
      await services.realtime.stop();
    });
  }
  return app as unknown as FastifyInstance;
}

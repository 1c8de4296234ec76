import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { conflict, notFound } from "../../lib/errors.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { actorOf, recordAuditEvent } from "../audit/record-audit-event.ts";
import { presentChannel } from "./channels.presenter.ts";
import { ZChannel, ZCreateChannelRequest, ZUpdateChannelRequest } from "./channels.schemas.ts";
import { createChannel } from "./create-channel.ts";

const ZIdParams = z.object({ id: z.uuid({ message: "must be a UUID" }) });

const ZWebhookEvent = z.object({
  id: z.number(),
  platform: z.string(),
  status: z.string(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  processedAt: z.iso.datetime().nullable(),
  /** When the retention task emptied the body; null while it is kept. */
  payloadPurgedAt: z.iso.datetime().nullable(),
});

/** Admins connect channels and look after the ingestion pipeline. */
export const channelsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["admin"];

  app.get(
    "/admin/channels",
    {
      schema: {
        tags,
        summary: "Connected channels (without credentials)",
        response: { 200: z.object({ items: z.array(ZChannel) }) },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      return {
        items: (await services.channels.listByWorkspace(admin.workspaceId)).map(presentChannel),
      };
    },
  );

  app.post(
    "/admin/channels",
    {
      schema: {
        tags,
        summary: "Connect an X account or a Facebook page",
        body: ZCreateChannelRequest,
        response: { 201: ZChannel },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, ["admin"]);
      const channel = await createChannel(
        services,
        admin.workspaceId,
        request.body,
        actorOf(admin, request),
      );
      return reply.status(201).send(presentChannel(channel));
    },
  );

  app.patch(
    "/admin/channels/:id",
    {
      schema: {
        tags,
        summary: "Rename, disable or re-enable a channel",
        params: ZIdParams,
        body: ZUpdateChannelRequest,
        response: { 200: ZChannel },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      const channel = await services.channels.findById(request.params.id);
      if (!channel || channel.workspaceId !== admin.workspaceId) throw notFound("Channel");
      const { status, ...rest } = request.body;
      const updated = await services.channels.update(channel.id, {
        ...rest,
        ...(status
          ? { status, disabledReason: status === "disabled" ? `Disabled by ${admin.name}` : null }
          : {}),
      });
      services.channelDirectory.invalidate();
      services.safetySettings.invalidate(admin.workspaceId);
      // Where credentials are sent (apiBaseUrl) and whether the channel acts are audited.
      await recordAuditEvent(services, actorOf(admin, request), {
        workspaceId: admin.workspaceId,
        action: "channel.updated",
        targetType: "channel",
        targetId: channel.id,
        data: {
          changes: Object.fromEntries(
            Object.entries(request.body).map(([k, v]) => [
              k,
              { from: channel[k as keyof typeof channel] ?? null, to: v ?? null },
            ]),
          ),
        },
      });
      return presentChannel(updated!);
    },
  );

  app.get(
    "/admin/webhook-events",
    {
      schema: {
        tags,
        summary: "Stored webhook deliveries; `status=dead` lists the dead letters",
        querystring: z.object({
          status: z.enum(["pending", "processing", "done", "dead"]).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(ZWebhookEvent) }) },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      const rows = await services.ingest.listEvents(
        admin.workspaceId,
        request.query.status,
        request.query.limit,
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          platform: r.platform,
          status: r.status,
          attempts: r.attempts,
          lastError: r.lastError,
          receivedAt: r.receivedAt.toISOString(),
          processedAt: r.processedAt?.toISOString() ?? null,
          payloadPurgedAt: r.payloadPurgedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    "/admin/webhook-events/:id/replay",
    {
      schema: {
        tags,
        summary: "Process a stored delivery again (idempotent: nothing is stored twice)",
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 202: z.object({ id: z.number(), status: z.string() }) },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, ["admin"]);
      const result = await services.ingest.requeueEvent(admin.workspaceId, request.params.id);
      if (result === "not_found") throw notFound("Webhook event");
      if (result === "purged") {
        throw conflict(
          "webhook_event_purged",
          "This delivery's body was removed by the retention policy; it cannot be replayed.",
        );
      }
      services.signals.emit("webhook-stored");
      return reply.status(202).send({ id: request.params.id, status: "pending" });
    },
  );

  app.get(
    "/admin/alerts",
    {
      schema: {
        tags,
        summary: "Alerts for admins (revoked channels, dead letters)",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                kind: z.string(),
                severity: z.string(),
                message: z.string(),
                createdAt: z.iso.datetime(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      const rows = await services.ingest.listAlerts(admin.workspaceId);
      return {
        items: rows.map((a) => ({
          id: a.id,
          kind: a.kind,
          severity: a.severity,
          message: a.message,
          createdAt: a.createdAt.toISOString(),
        })),
      };
    },
  );
};

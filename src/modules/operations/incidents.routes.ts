import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../lib/errors.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";
import { checkSpike } from "./check-spike.ts";
import {
  presentIncident,
  ZIncident,
  ZOpenIncidentRequest,
  ZUpdateIncidentRequest,
} from "./incidents.schemas.ts";

const LEADS = ["moderator", "admin"] as const;

/** Incident mode: the open incidents (console banner), opening and resolving them. */
export const incidentsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["operations"];

  app.get(
    "/operations/incidents",
    {
      schema: {
        tags,
        summary: "Incidents, newest first; `status=open` for the console banner (staff)",
        querystring: z.object({
          status: z.enum(["open", "resolved"]).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: { 200: z.object({ items: z.array(ZIncident) }) },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      const rows = await services.operations.listIncidents(
        user.workspaceId,
        request.query.status,
        request.query.limit,
      );
      return { items: rows.map(presentIncident) };
    },
  );

  app.post(
    "/operations/incidents",
    {
      preValidation: async (request) => {
        requireRole(request, LEADS);
      },
      schema: {
        tags,
        summary: "Open an incident by hand (moderators, admins)",
        body: ZOpenIncidentRequest,
        response: { 201: ZIncident },
      },
    },
    async (request, reply) => {
      const lead = requireRole(request, LEADS);
      const row = await services.operations.openIncident({
        workspaceId: lead.workspaceId,
        title: request.body.title,
        statusNoteUrl: request.body.statusNoteUrl,
        source: "manual",
        details: {},
        openedBy: lead.id,
      });
      return reply.status(201).send(presentIncident(row!));
    },
  );

  app.patch(
    "/operations/incidents/:id",
    {
      preValidation: async (request) => {
        requireRole(request, LEADS);
      },
      schema: {
        tags,
        summary: "Retitle, link a status note, resolve or reopen (moderators, admins)",
        params: z.object({ id: z.uuid({ message: "must be a UUID" }) }),
        body: ZUpdateIncidentRequest,
        response: { 200: ZIncident },
      },
    },
    async (request) => {
      const lead = requireRole(request, LEADS);
      const { status, ...rest } = request.body;
      const row = await services.operations.updateIncident(lead.workspaceId, request.params.id, {
        ...rest,
        ...(status ? { status, resolvedAt: status === "resolved" ? new Date() : null } : {}),
      });
      if (!row) throw notFound("Incident");
      return presentIncident(row);
    },
  );

  app.post(
    "/operations/spike/check",
    {
      preValidation: async (request) => {
        requireRole(request, LEADS);
      },
      schema: {
        tags,
        summary: "Check for a spike now and open a spike incident if needed (idempotent)",
        body: z
          .object({
            factor: z.number().gt(1).max(100).optional(),
            weeks: z.number().int().min(1).max(12).optional(),
          })
          .default({}),
        response: {
          200: z.object({
            isSpike: z.boolean(),
            count: z.number(),
            baseline: z.number(),
            ratio: z.number(),
            opened: z.boolean(),
            incident: ZIncident.nullable(),
          }),
        },
      },
    },
    async (request) => {
      const lead = requireRole(request, LEADS);
      const r = await checkSpike(services, lead.workspaceId, request.body ?? {});
      return {
        isSpike: r.spike.isSpike,
        count: r.spike.count,
        baseline: r.spike.baseline,
        ratio: r.spike.ratio,
        opened: r.opened,
        incident: r.incident ? presentIncident(r.incident) : null,
      };
    },
  );
};

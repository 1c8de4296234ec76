import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { invalidField, notFound } from "../../lib/errors.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";
import { ONLINE_WITHIN_MS } from "./apply-service-levels.ts";
import {
  presentRule,
  presentSettings,
  ZCreateRoutingRuleRequest,
  ZPresenceRequest,
  ZRoutingRule,
  ZServiceSettings,
  ZServiceSettingsRequest,
  ZUpdateRoutingRuleRequest,
} from "./service-levels.schemas.ts";

const ZIdParams = z.object({ id: z.uuid({ message: "must be a UUID" }) });

/** Routing rules and SLA / automatic-reply settings (admins write, staff read); presence. */
export const serviceLevelsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["operations"];
  const admins = ["admin"] as const;
  const adminOnly = {
    preValidation: async (request: Parameters<typeof requireRole>[0]) => {
      requireRole(request, admins);
    },
  };
  const checkTeam = async (
    workspaceId: string,
    field: string,
    teamId: string | null | undefined,
  ) => {
    if (teamId && !(await services.operations.findTeam(workspaceId, teamId)))
      throw invalidField(field, "is not a team of this workspace");
  };
  const repo = services.serviceLevels;

  app.get(
    "/routing-rules",
    {
      schema: {
        tags,
        summary: "Routing rules in evaluation order (staff)",
        response: { 200: z.object({ items: z.array(ZRoutingRule) }) },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      return { items: (await repo.listRules(user.workspaceId)).map(presentRule) };
    },
  );

  app.post(
    "/routing-rules",
    {
      ...adminOnly,
      schema: {
        tags,
        summary: "Add a routing rule: conditions → team, priority, tags (admins)",
        body: ZCreateRoutingRuleRequest,
        response: { 201: ZRoutingRule },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, admins);
      await checkTeam(admin.workspaceId, "teamId", request.body.teamId);
      const rule = await repo.createRule(admin.workspaceId, request.body);
      services.serviceConfig.invalidate(admin.workspaceId);
      return reply.status(201).send(presentRule(rule));
    },
  );

  app.patch(
    "/routing-rules/:id",
    {
      ...adminOnly,
      schema: {
        tags,
        summary: "Change a routing rule (admins)",
        params: ZIdParams,
        body: ZUpdateRoutingRuleRequest,
        response: { 200: ZRoutingRule },
      },
    },
    async (request) => {
      const admin = requireRole(request, admins);
      await checkTeam(admin.workspaceId, "teamId", request.body.teamId);
      const rule = await repo.updateRule(admin.workspaceId, request.params.id, request.body);
      if (!rule) throw notFound("Routing rule");
      services.serviceConfig.invalidate(admin.workspaceId);
      return presentRule(rule);
    },
  );

  app.delete(
    "/routing-rules/:id",
    {
      ...adminOnly,
      schema: { tags, summary: "Remove a routing rule (admins)", params: ZIdParams },
    },
    async (request, reply) => {
      const admin = requireRole(request, admins);
      if (!(await repo.deleteRule(admin.workspaceId, request.params.id)))
        throw notFound("Routing rule");
      services.serviceConfig.invalidate(admin.workspaceId);
      return reply.status(204).send();
    },
  );

  app.get(
    "/service-settings",
    {
      schema: {
        tags,
        summary: "SLA targets, fallback team and out-of-hours replies (staff)",
        response: { 200: ZServiceSettings },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      return presentSettings(await repo.findSettings(user.workspaceId));
    },
  );

  app.patch(
    "/service-settings",
    {
      ...adminOnly,
      schema: {
        tags,
        summary: "Change SLA targets, fallback team or out-of-hours replies (admins)",
        body: ZServiceSettingsRequest,
        response: { 200: ZServiceSettings },
      },
    },
    async (request) => {
      const admin = requireRole(request, admins);
      const body = request.body;
      await checkTeam(admin.workspaceId, "defaultTeamId", body.defaultTeamId);
      const saved = await repo.saveSettings(admin.workspaceId, {
        ...(body.slaPolicy !== undefined ? { slaPolicy: body.slaPolicy } : {}),
        ...(body.defaultTeamId !== undefined ? { defaultTeamId: body.defaultTeamId } : {}),
        ...(body.autoReplyEnabled !== undefined ? { autoReplyEnabled: body.autoReplyEnabled } : {}),
        ...(body.autoReplyTemplates !== undefined
          ? { autoReplyTemplates: body.autoReplyTemplates }
          : {}),
      });
      services.serviceConfig.invalidate(admin.workspaceId);
      return presentSettings(saved);
    },
  );

  app.put(
    "/presence",
    {
      schema: {
        tags,
        summary: `The agent's presence: the console sends it as a heartbeat; silent for ${ONLINE_WITHIN_MS / 60_000} minutes means offline (staff)`,
        body: ZPresenceRequest,
        response: {
          200: z.object({ status: z.string(), lastSeenAt: z.iso.datetime() }),
        },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      const at = services.clock.now();
      await repo.setPresence(user.id, user.workspaceId, request.body.status, at);
      return { status: request.body.status, lastSeenAt: at.toISOString() };
    },
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../lib/errors.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";
import { createTeam } from "./create-team.ts";
import { getTeamStatus } from "./get-team-status.ts";
import { presentTeam } from "./operations.presenter.ts";
import {
  ZCreateTeamRequest,
  ZSetTeamMemberRequest,
  ZStaffingPlan,
  ZStaffingPlanRequest,
  ZTeam,
  ZTeamStatus,
  ZUpdateTeamRequest,
} from "./operations.schemas.ts";
import { planStaffing } from "./plan-staffing.ts";
import { setTeamMember } from "./set-team-member.ts";
import { updateTeam } from "./update-team.ts";
import { visibleTeams } from "./visible-teams.ts";

/** Public, unauthenticated reads: generous for people, a brake for scrapers. */
const PUBLIC_LIMIT = { rateLimit: { max: 120, timeWindow: "1 minute" } };

const ZIdParams = z.object({ id: z.uuid({ message: "must be a UUID" }) });
const ZMemberParams = ZIdParams.extend({ userId: z.uuid({ message: "must be a UUID" }) });

/** Teams and their opening hours (admins), public open/closed status, staffing plans. */
export const teamsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["operations"];
  const admins = ["admin"] as const;
  const presentOne = async (teamId: string, workspaceId: string) => {
    const team = await services.operations.findTeam(workspaceId, teamId);
    if (!team) throw notFound("Team");
    return presentTeam(team, await services.operations.listMembers([team.id]));
  };

  app.get(
    "/teams",
    {
      schema: {
        tags,
        summary: "Teams with opening hours and members (staff)",
        response: { 200: z.object({ items: z.array(ZTeam) }) },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      const list = await services.operations.listTeams(user.workspaceId);
      const members = await services.operations.listMembers(list.map((t) => t.id));
      return { items: list.map((t) => presentTeam(t, members)) };
    },
  );

  app.post(
    "/teams",
    {
      preValidation: async (request) => {
        requireRole(request, admins);
      },
      schema: {
        tags,
        summary: "Create a team with its weekly hours, holidays and exceptions (admins)",
        body: ZCreateTeamRequest,
        response: { 201: ZTeam },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, admins);
      const team = await createTeam(services, admin.workspaceId, request.body);
      return reply.status(201).send(presentTeam(team, []));
    },
  );

  app.get(
    "/teams/status",
    {
      config: PUBLIC_LIMIT,
      schema: {
        tags,
        summary: "Open now / back at … for every public team (public)",
        security: [],
        response: { 200: z.object({ items: z.array(ZTeamStatus) }) },
      },
    },
    async (request) => {
      const now = new Date();
      const list = await visibleTeams(services, request.auth?.user);
      return { items: list.map((t) => getTeamStatus(t, now)) };
    },
  );

  app.get(
    "/teams/:id",
    { schema: { tags, summary: "One team (staff)", params: ZIdParams, response: { 200: ZTeam } } },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      return presentOne(request.params.id, user.workspaceId);
    },
  );

  app.patch(
    "/teams/:id",
    {
      preValidation: async (request) => {
        requireRole(request, admins);
      },
      schema: {
        tags,
        summary: "Change a team's name, visibility, zone, holidays, hours or exceptions (admins)",
        params: ZIdParams,
        body: ZUpdateTeamRequest,
        response: { 200: ZTeam },
      },
    },
    async (request) => {
      const admin = requireRole(request, admins);
      await updateTeam(services, admin.workspaceId, request.params.id, request.body);
      return presentOne(request.params.id, admin.workspaceId);
    },
  );

  app.delete(
    "/teams/:id",
    { schema: { tags, summary: "Delete a team (admins)", params: ZIdParams } },
    async (request, reply) => {
      const admin = requireRole(request, admins);
      const gone = await services.operations.deleteTeam(admin.workspaceId, request.params.id);
      services.serviceConfig.invalidate(admin.workspaceId);
      if (!gone) throw notFound("Team");
      return reply.status(204).send();
    },
  );

  app.put(
    "/teams/:id/members/:userId",
    {
      preValidation: async (request) => {
        requireRole(request, admins);
      },
      schema: {
        tags,
        summary: "Add a member or change their skills, capacity and own shifts (admins)",
        params: ZMemberParams,
        body: ZSetTeamMemberRequest,
        response: { 200: ZTeam },
      },
    },
    async (request) => {
      const admin = requireRole(request, admins);
      const { id, userId } = request.params;
      await setTeamMember(services, admin.workspaceId, id, userId, request.body);
      return presentOne(id, admin.workspaceId);
    },
  );

  app.delete(
    "/teams/:id/members/:userId",
    { schema: { tags, summary: "Remove a member (admins)", params: ZMemberParams } },
    async (request, reply) => {
      const admin = requireRole(request, admins);
      const team = await services.operations.findTeam(admin.workspaceId, request.params.id);
      if (!team) throw notFound("Team");
      const gone = await services.operations.removeMember(team.id, request.params.userId);
      if (!gone) throw notFound("Team member");
      return reply.status(204).send();
    },
  );

  app.get(
    "/teams/:id/status",
    {
      config: PUBLIC_LIMIT,
      schema: {
        tags,
        summary: "Open now / back at … (public for public teams)",
        security: [],
        params: ZIdParams,
        response: { 200: ZTeamStatus },
      },
    },
    async (request) => {
      const team = await services.operations.findTeamById(request.params.id);
      const viewer = request.auth?.user;
      const visible =
        team &&
        (team.isPublic ||
          (viewer?.workspaceId === team.workspaceId && STAFF_ROLES.includes(viewer.role)));
      if (!team || !visible) throw notFound("Team");
      return getTeamStatus(team);
    },
  );

  app.post(
    "/staffing/plan",
    {
      preValidation: async (request) => {
        requireRole(request, STAFF_ROLES);
      },
      schema: {
        tags,
        summary: "Agents needed per hour for a forecast (Erlang C), ×3/×6 scenarios, vs. schedule",
        body: ZStaffingPlanRequest,
        response: { 200: ZStaffingPlan },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      return planStaffing(services, user.workspaceId, request.body);
    },
  );
};

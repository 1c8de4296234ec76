import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { effectiveSignature, initialsOf } from "../../lib/signature.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";

export const ZAgent = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: z.enum(["agent", "moderator", "admin"]),
    initials: z.string(),
    signature: z.string(),
  })
  .meta({ id: "Agent" });

/** The staff of the workspace, for assigning conversations (no e-mail addresses). */
export const agentsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  app.get(
    "/agents",
    {
      schema: {
        tags: ["agents"],
        summary: "Agents, moderators and admins of my workspace, by name",
        response: { 200: z.object({ items: z.array(ZAgent) }) },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      const rows = await services.accounts.listStaff(agent.workspaceId);
      return {
        items: rows.map((u) => ({
          id: u.id,
          name: u.name,
          role: u.role as "agent" | "moderator" | "admin",
          initials: initialsOf(u.name),
          signature: effectiveSignature(u),
        })),
      };
    },
  );
};

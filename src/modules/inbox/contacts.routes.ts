import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { notFound } from "../../lib/errors.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";
import { ZContact, ZContactParams, ZUpdateContactRequest } from "./inbox.schemas.ts";

/**
 * The team's view of a person: name, tags (routing rules and the VIP bump read them) and
 * notes. Agents only; customers never see tags or notes.
 */
export const contactsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  app.patch(
    "/contacts/:id",
    {
      schema: {
        tags: ["inbox"],
        summary: "Rename a contact, set its tags (e.g. `vip`) or the team's notes",
        params: ZContactParams,
        body: ZUpdateContactRequest,
        response: { 200: ZContact },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      const { name, tags, notes } = request.body;
      const row = await services.inbox.updateContact(agent.workspaceId, request.params.id, {
        ...(name !== undefined ? { displayName: name } : {}),
        ...(tags !== undefined ? { tags: [...new Set(tags)] } : {}),
        ...(notes !== undefined ? { notes } : {}),
      });
      if (!row) throw notFound("Contact");
      return {
        id: row.id,
        name: row.displayName,
        avatarUrl: row.avatarUrl,
        tags: row.tags,
        notes: row.notes,
      };
    },
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { forbidden, invalidField, notFound } from "../../lib/errors.ts";
import { unknownVariables } from "../../lib/render-macro.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";
import { canEditMacro } from "./macros.policy.ts";
import { presentMacro } from "./macros.presenter.ts";
import {
  ZCreateMacroRequest,
  ZListMacrosQuery,
  ZMacro,
  ZMacroParams,
  ZUpdateMacroRequest,
} from "./macros.schemas.ts";

/** A body may only use variables hilft can fill; a typo is caught when saving, not sending. */
function checkVariables(body: string | undefined) {
  const unknown = body ? unknownVariables(body) : [];
  if (unknown.length) {
    throw invalidField(
      "body",
      `uses unknown variables: ${unknown.map((v) => `{{${v}}}`).join(", ")}. Known: {{contact.name}}, {{contact.first_name}}, {{agent.name}}, {{agent.first_name}}`,
    );
  }
}

/** Canned responses (macros): staff create personal ones or share them with the workspace. */
export const macrosRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["macros"];

  app.get(
    "/macros",
    {
      schema: {
        tags,
        summary: "Shared macros and my personal ones, by title",
        querystring: ZListMacrosQuery,
        response: { 200: z.object({ items: z.array(ZMacro) }) },
      },
    },
    async (request) => {
      const agent = requireRole(request, STAFF_ROLES);
      const rows = await services.macros.listVisible(agent.workspaceId, agent.id, request.query.q);
      return { items: rows.map((r) => presentMacro(r, agent)) };
    },
  );

  app.post(
    "/macros",
    {
      schema: {
        tags,
        summary: "Create a macro",
        body: ZCreateMacroRequest,
        response: { 201: ZMacro },
      },
    },
    async (request, reply) => {
      const agent = requireRole(request, STAFF_ROLES);
      checkVariables(request.body.body);
      const macro = await services.macros.create({
        workspaceId: agent.workspaceId,
        ownerId: agent.id,
        ...request.body,
      });
      return reply.status(201).send(presentMacro({ macro, ownerName: agent.name }, agent));
    },
  );

  async function loadEditable(request: Parameters<typeof requireRole>[0], id: string) {
    const agent = requireRole(request, STAFF_ROLES);
    const found = await services.macros.findVisible(agent.workspaceId, agent.id, id);
    if (!found) throw notFound("Macro");
    if (!canEditMacro(agent, found.macro)) {
      throw forbidden("Only its author (or an admin, for shared macros) may change this macro.");
    }
    return { agent, found };
  }

  app.patch(
    "/macros/:id",
    {
      schema: {
        tags,
        summary: "Change a macro",
        params: ZMacroParams,
        body: ZUpdateMacroRequest,
        response: { 200: ZMacro },
      },
    },
    async (request) => {
      const { agent, found } = await loadEditable(request, request.params.id);
      checkVariables(request.body.body);
      const macro = await services.macros.update(found.macro.id, request.body);
      if (!macro) throw notFound("Macro");
      return presentMacro({ macro, ownerName: found.ownerName }, agent);
    },
  );

  app.delete(
    "/macros/:id",
    {
      schema: {
        tags,
        summary: "Delete a macro",
        params: ZMacroParams,
        response: { 204: z.null().describe("No content") },
      },
    },
    async (request, reply) => {
      const { found } = await loadEditable(request, request.params.id);
      await services.macros.delete(found.macro.id);
      return reply.status(204).send(null);
    },
  );
};

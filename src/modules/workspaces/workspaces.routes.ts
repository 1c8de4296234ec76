import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { actorOf } from "../audit/record-audit-event.ts";
import { getWorkspaceSettings, updateWorkspaceSettings } from "./update-workspace-settings.ts";
import { ZUpdateWorkspaceSettingsRequest, ZWorkspaceSettings } from "./workspaces.schemas.ts";

/** The workspace's own settings: name and time zone (admins). */
export const workspacesRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["workspace"];

  app.get(
    "/admin/workspace",
    {
      schema: {
        tags,
        summary: "The workspace's settings (admins)",
        response: { 200: ZWorkspaceSettings },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      return getWorkspaceSettings(services, admin.workspaceId);
    },
  );

  app.patch(
    "/admin/workspace",
    {
      preValidation: async (request) => {
        requireRole(request, ["admin"]);
      },
      schema: {
        tags,
        summary:
          "Rename the workspace or change its time zone (audited; day roll-ups are counted again in the background)",
        body: ZUpdateWorkspaceSettingsRequest,
        response: { 200: ZWorkspaceSettings },
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      return updateWorkspaceSettings(services, admin, actorOf(admin, request), request.body);
    },
  );
};

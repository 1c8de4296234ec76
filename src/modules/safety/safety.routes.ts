import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { analyzeMessage } from "./analyze-message.ts";
import { ZAnalyzeRequest, ZAnalyzeResponse } from "./safety.schemas.ts";

export const safetyRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app) => {
  const tags = ["safety"];

  app.post(
    "/analyze",
    {
      // Who may ask is checked before the body is validated: a stranger learns nothing.
      preValidation: async (request) => {
        requireRole(request, ["agent", "moderator", "admin"]);
      },
      schema: {
        tags,
        summary: "Language, sentiment, praise and personal data of a message (agents and above)",
        body: ZAnalyzeRequest,
        response: { 200: ZAnalyzeResponse },
      },
    },
    async (request) => analyzeMessage(request.body),
  );
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, notFound } from "../../lib/errors.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";
import { presentUser } from "../accounts/accounts.presenter.ts";
import { ZUser } from "../accounts/accounts.schemas.ts";
import { MAX_PHOTO_BYTES, uploadAgentPhoto } from "./upload-agent-photo.ts";

const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"];

/**
 * Agents' profile photos: uploaded as the raw image bytes, resized on the server, shown
 * to colleagues always and to the public only with the agent's consent.
 */
export const agentPhotosRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  app.addContentTypeParser(
    IMAGE_TYPES,
    { parseAs: "buffer", bodyLimit: MAX_PHOTO_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.addHook("onRequest", async (request) => {
    if (request.method !== "PUT" || !request.url.startsWith("/api/v1/me/photo")) return;
    const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (!IMAGE_TYPES.includes(type)) {
      throw new AppError(
        415,
        "unsupported_media_type",
        "photo: must be a JPEG, PNG or WebP image",
        [{ field: "photo", message: "must be sent as image/jpeg, image/png or image/webp" }],
      );
    }
    const length = Number(request.headers["content-length"] ?? 0);
    if (length > MAX_PHOTO_BYTES) {
      throw new AppError(413, "photo_too_large", "photo: must be at most 5 MB", [
        { field: "photo", message: "must be at most 5 MB" },
      ]);
    }
  });

  app.put(
    "/me/photo",
    {
      schema: {
        tags: ["agents"],
        summary: "Upload my profile photo (JPEG, PNG or WebP, at most 5 MB; stored 256×256)",
        response: { 200: ZUser },
      },
    },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      const updated = await uploadAgentPhoto(services, user, request.body as Buffer);
      return presentUser(updated);
    },
  );

  app.delete(
    "/me/photo",
    { schema: { tags: ["agents"], summary: "Remove my profile photo", response: { 200: ZUser } } },
    async (request) => {
      const user = requireRole(request, STAFF_ROLES);
      const updated = await services.agentPhotos.remove(user.id);
      if (!updated) throw notFound("User");
      return presentUser(updated);
    },
  );

  app.get(
    "/agents/:id/photo",
    {
      schema: {
        tags: ["agents"],
        summary: "An agent's photo: for colleagues, or for anyone when the agent agreed",
        params: z.object({ id: z.uuid({ message: "must be a user id" }) }),
      },
    },
    async (request, reply) => {
      const agent = await services.accounts.findUserById(request.params.id);
      const viewer = request.auth?.user;
      const colleague =
        viewer && agent && viewer.workspaceId === agent.workspaceId && viewer.role !== "customer";
      const visible =
        agent &&
        !agent.disabledAt &&
        agent.role !== "customer" &&
        (agent.showPhotoPublicly || colleague);
      const photo = visible ? await services.agentPhotos.find(agent.id) : undefined;
      if (!photo) throw notFound("Photo");
      const etag = `"${photo.updatedAt.getTime().toString(36)}"`;
      reply.header("etag", etag);
      reply.header(
        "cache-control",
        agent!.showPhotoPublicly ? "public, max-age=86400" : "private, max-age=300",
      );
      if (request.headers["if-none-match"] === etag) return reply.status(304).send();
      return reply.type("image/webp").send(photo.webp);
    },
  );
};

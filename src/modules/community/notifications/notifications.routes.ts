import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FollowTarget } from "../../../db/schema/index.ts";
import { requireUser } from "../../../server/plugins/guards.ts";
import type { Services } from "../../../server/services.ts";
import { ZIdParams } from "../community.schemas.ts";
import { followTarget, unfollowTarget } from "./follow-target.ts";
import {
  getNotificationSettings,
  listFollowed,
  updateNotificationSettings,
} from "./notification-settings.ts";
import {
  ZBoardRefParams,
  ZFollowList,
  ZFollowState,
  ZNotificationSettings,
  ZTagParams,
  ZUpdateNotificationSettingsRequest,
} from "./notifications.schemas.ts";

/** Following boards, tags and ideas; the follow list; handle and e-mail settings. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["community"];
  const followRoutes = [
    [
      "board",
      "/community/boards/:board/follow",
      ZBoardRefParams,
      "board (by id or slug): its new questions",
    ],
    ["tag", "/community/tags/:tag/follow", ZTagParams, "tag: new questions with it"],
    ["idea", "/ideas/:id/follow", ZIdParams, "idea: its status changes"],
  ] as const;
  for (const [type, path, params, what] of followRoutes) {
    const ref = (p: Record<string, string>) => p.board ?? p.tag ?? p.id!;
    app.put(
      path,
      {
        schema: { tags, summary: `Follow a ${what}`, params, response: { 200: ZFollowState } },
      },
      async (request) =>
        followTarget(services, requireUser(request), type as FollowTarget, ref(request.params)),
    );
    app.delete(
      path,
      {
        schema: {
          tags,
          summary: `Stop following a ${type}`,
          params,
          response: { 200: ZFollowState },
        },
      },
      async (request) =>
        unfollowTarget(services, requireUser(request), type as FollowTarget, ref(request.params)),
    );
  }

  app.get(
    "/community/follows",
    {
      schema: {
        tags,
        summary: "What I follow: boards, tags, ideas and questions",
        response: { 200: ZFollowList },
      },
    },
    async (request) => ({ items: await listFollowed(services, requireUser(request)) }),
  );

  app.get(
    "/community/notification-settings",
    {
      schema: {
        tags,
        summary: "My @handle and how notifications reach me by e-mail",
        response: { 200: ZNotificationSettings },
      },
    },
    async (request) => getNotificationSettings(services, requireUser(request)),
  );

  app.patch(
    "/community/notification-settings",
    {
      schema: {
        tags,
        summary:
          "Change my @handle (409 handle_taken) or e-mail frequency: off, immediate or daily (digest)",
        body: ZUpdateNotificationSettingsRequest,
        response: { 200: ZNotificationSettings },
      },
    },
    async (request) => updateNotificationSettings(services, requireUser(request), request.body),
  );
};

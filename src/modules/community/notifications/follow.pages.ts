import type { FastifyPluginAsync } from "fastify";
import { FOLLOW_TARGETS, type FollowTarget } from "../../../db/schema/index.ts";
import { AppError, type FieldProblem, invalidField } from "../../../lib/errors.ts";
import type { Services } from "../../../server/services.ts";
import { pageContext, sendHtml } from "../pages/page-context.ts";
import { actionErrorPage } from "../pages/post-actions.view.ts";
import { resolveFollowTarget } from "./follow-target.ts";

type Form = Record<string, string | undefined>;
const field = (body: unknown, name: string) => {
  const v = (body as Form | undefined)?.[name];
  return typeof v === "string" ? v : "";
};

/**
 * Following a board, tag or idea without JavaScript: the follow button of those pages
 * posts here (a toggle, CSRF token in `_csrf`) and comes back (303).
 */
export const followPages: FastifyPluginAsync<{ services: Services }> = async (
  app,
  { services },
) => {
  app.post("/community/actions/follow", { schema: { hide: true } }, async (request, reply) => {
    const backField = field(request.body, "back");
    // Only paths of the community: never an open redirect.
    const back = /^\/community(\/[^/]|$)/.test(backField) ? backField : "/community";
    if (!request.auth) return reply.redirect(`/signin?next=${encodeURIComponent(back)}`, 303);
    const user = request.auth.user;
    const type = field(request.body, "type");
    try {
      if (!(FOLLOW_TARGETS as readonly string[]).includes(type))
        throw invalidField("type", "must be board, tag or idea");
      const ref = field(request.body, "target");
      const target = await resolveFollowTarget(services, user, type as FollowTarget, ref);
      const { follows } = services.community;
      if (await follows.isFollowing(user.id, type as FollowTarget, target))
        await follows.unfollow(user.id, type as FollowTarget, target);
      else await follows.follow(user.id, user.workspaceId, type as FollowTarget, target);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const ctx = await pageContext(services, request, reply);
      const problems = (err.details as FieldProblem[] | undefined) ?? [
        { field: "", message: err.message },
      ];
      return sendHtml(
        reply,
        actionErrorPage(ctx, problems, { href: back, label: ctx.t.back }),
        err.statusCode,
      );
    }
    return reply.redirect(back, 303);
  });
};

import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../lib/errors.ts";
import { requireRole, requireUser } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { actorOf } from "../audit/record-audit-event.ts";
import { isStaff } from "../community/community.policy.ts";
import { communityWorkspace } from "../community/community-context.ts";
import { decideRedemption, type RedemptionAction } from "./decide-redemption.ts";
import { createReward, updateReward } from "./manage-rewards.ts";
import { presentRedemption, presentReward } from "./reputation.presenter.ts";
import {
  REDEMPTION_STATUSES,
  ZDecisionRequest,
  ZIdParams,
  ZRedemption,
  ZReward,
  ZRewardInput,
  ZRewardPatch,
} from "./reputation.schemas.ts";
import { requestReward } from "./request-reward.ts";

const MODERATORS = ["moderator", "admin"] as const;

/** The rewards catalogue, customers' requests and staff decisions. */
export const rewardsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["rewards"];
  const { rewards } = services.reputation;

  const presentOne = async (id: string) => {
    const row = await rewards.findRedemptionView(id);
    if (!row) throw notFound("Redemption");
    return presentRedemption(row);
  };

  app.get(
    "/rewards",
    {
      schema: {
        tags,
        summary: "The rewards catalogue (public: active ones; staff see all)",
        response: { 200: z.object({ items: z.array(ZReward) }) },
      },
    },
    async (request) => {
      const user = request.auth?.user;
      const ws = await communityWorkspace(services, user);
      const items = await rewards.list(ws.id, { activeOnly: !(user && isStaff(user.role)) });
      return { items: items.map(presentReward) };
    },
  );

  app.post(
    "/rewards",
    {
      schema: {
        tags,
        summary: "Add a reward: a points price or an eligibility rule (moderators)",
        body: ZRewardInput,
        response: { 201: ZReward },
      },
    },
    async (request, reply) => {
      const user = requireRole(request, MODERATORS);
      const reward = await createReward(services, user, request.body, actorOf(user, request));
      return reply.code(201).send(presentReward(reward));
    },
  );

  app.patch(
    "/rewards/:id",
    {
      schema: {
        tags,
        summary: "Change a reward: stock, price, active (moderators)",
        params: ZIdParams,
        body: ZRewardPatch,
        response: { 200: ZReward },
      },
    },
    async (request) => {
      const user = requireRole(request, MODERATORS);
      const reward = await updateReward(
        services,
        user,
        request.params.id,
        request.body,
        actorOf(user, request),
      );
      return presentReward(reward);
    },
  );

  app.post(
    "/rewards/:id/redemptions",
    {
      schema: {
        tags,
        summary:
          "Request a reward; points are held until staff decide (403 not_enough_points / not_eligible, 409 out_of_stock / already_requested)",
        params: ZIdParams,
        response: { 201: ZRedemption },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const redemption = await requestReward(
        services,
        user,
        request.params.id,
        actorOf(user, request),
      );
      return reply.code(201).send(await presentOne(redemption.id));
    },
  );

  app.get(
    "/rewards/redemptions",
    {
      schema: {
        tags,
        summary: "Requests: staff see everyone's (oldest first), customers their own",
        querystring: z.object({
          status: z.enum(REDEMPTION_STATUSES).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(ZRedemption) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = await rewards.listRedemptions(user.workspaceId, {
        status: request.query.status ?? null,
        ...(isStaff(user.role) ? {} : { userId: user.id }),
        limit: request.query.limit,
      });
      return { items: rows.map(presentRedemption) };
    },
  );

  for (const action of ["approve", "ship", "decline"] as const satisfies RedemptionAction[]) {
    app.post(
      `/rewards/redemptions/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} a request, with a message for the customer (staff)`,
          params: ZIdParams,
          body: ZDecisionRequest,
          response: { 200: ZRedemption },
        },
      },
      async (request) => {
        const user = requireRole(request, ["agent", ...MODERATORS]);
        await decideRedemption(
          services,
          user,
          request.params.id,
          action,
          request.body.message ?? null,
          actorOf(user, request),
        );
        return presentOne(request.params.id);
      },
    );
  }
};

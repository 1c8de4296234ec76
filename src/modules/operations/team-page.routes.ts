import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { publicAgentName } from "../../lib/public-name.ts";
import { initialsOf } from "../../lib/signature.ts";
import type { Services } from "../../server/services.ts";
import { agentPhotoUrl } from "../accounts/accounts.presenter.ts";
import { getTeamStatus } from "./get-team-status.ts";
import { type PublicAgent, pickLocale, renderTeamPage } from "./team-page.ts";
import { visibleTeams } from "./visible-teams.ts";

/** `/team`: who is online now and when the others are back, for customers, without JavaScript. */
export const teamPageRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  app.get(
    "/team",
    {
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        hide: true,
        querystring: z.object({ lang: z.string().max(20).optional() }),
      },
    },
    async (request, reply) => {
      const now = new Date();
      const locale = pickLocale(request.headers["accept-language"], request.query.lang);
      const teams = await visibleTeams(services, request.auth?.user);
      const statuses = teams.map((t) => getTeamStatus(t, now));
      const people = new Map<string, PublicAgent[]>();
      for (const m of await services.operations.listMembers(teams.map((t) => t.id))) {
        const name = publicAgentName(m.name, m.showFullNamePublicly);
        const list = people.get(m.teamId) ?? [];
        list.push({
          name,
          initials: initialsOf(name),
          photoUrl: m.showPhotoPublicly
            ? agentPhotoUrl({ id: m.userId, photoUpdatedAt: m.photoUpdatedAt })
            : null,
        });
        people.set(m.teamId, list);
      }
      return reply
        .header("cache-control", "no-store")
        .header("content-language", locale.slice(0, 2))
        .header("vary", "Accept-Language")
        .type("text/html; charset=utf-8")
        .send(renderTeamPage(statuses, locale, now, people));
    },
  );
};

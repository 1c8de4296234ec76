import type { FastifyInstance } from "fastify";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";

/**
 * Server-Sent Events for consoles: every inbox change of the agent's workspace, from any
 * hilft instance (fanned out through LISTEN/NOTIFY). A comment every 25 s keeps proxies
 * from closing the stream.
 */
export async function eventsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const open = new Set<() => void>();
  app.addHook("onClose", async () => {
    for (const end of open) end();
  });
  app.get(
    "/events",
    { schema: { tags: ["inbox"], summary: "Realtime inbox events (text/event-stream)" } },
    async (request, reply) => {
      const agent = requireRole(request, STAFF_ROLES);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "x-request-id": String(request.id),
      });
      res.write("retry: 3000\n\n");
      const unsubscribe = services.realtime.subscribe(agent.workspaceId, (event) => {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 25_000);
      const close = () => {
        clearInterval(keepAlive);
        unsubscribe();
        open.delete(end);
      };
      const end = () => {
        close();
        res.end();
      };
      open.add(end);
      request.raw.on("close", close);
    },
  );
}

import type { FastifyInstance } from "fastify";
import { requireRole } from "../../server/plugins/guards.ts";
import type { RealtimeEvent } from "../../server/realtime.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";

/**
 * Server-Sent Events for consoles: every inbox change of the agent's workspace, from any
 * hilft instance (fanned out through LISTEN/NOTIFY). A comment every 25 s keeps proxies
 * from closing the stream. Every event has an id; a console that reconnects with
 * `Last-Event-ID` (header, or `?lastEventId=` for clients that open a new stream) gets
 * what it missed, or a `reset` event when the gap is too old to replay.
 */
export async function eventsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const open = new Set<() => void>();
  app.addHook("onClose", async () => {
    for (const end of open) end();
  });
  app.get(
    "/events",
    {
      schema: {
        tags: ["inbox"],
        summary: "Realtime inbox events (text/event-stream); resumes after `Last-Event-ID`",
      },
    },
    async (request, reply) => {
      const agent = requireRole(request, STAFF_ROLES);
      const header = request.headers["last-event-id"];
      const query = (request.query as { lastEventId?: unknown } | undefined)?.lastEventId;
      const lastId =
        (typeof header === "string" && header) || (typeof query === "string" && query) || "";
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
      const send = (event: RealtimeEvent) =>
        res.write(
          `${event.id ? `id: ${event.id}\n` : ""}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`,
        );
      // Replay and subscribe in one synchronous step: no event can fall between them.
      if (lastId.length > 0 && lastId.length <= 100) {
        const missed = services.realtime.since(agent.workspaceId, lastId);
        if (missed) for (const event of missed) send(event);
        else res.write("event: reset\ndata: {}\n\n");
      }
      const unsubscribe = services.realtime.subscribe(agent.workspaceId, send);
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

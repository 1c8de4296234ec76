import Fastify, {
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyRequest,
} from "fastify";
import { z } from "zod";
import { graphError, registerGraphApi, simulatedPerson } from "./graph-api.ts";
import {
  createPlatformState,
  type FacebookPage,
  type Platform,
  type PlatformState,
  type XAccount,
} from "./platform-state.ts";
import { registerXApi } from "./x-api.ts";

/**
 * A stand-in for the APIs hilft calls on X and Meta. It answers like the platforms,
 * records every call (auth values redacted) and can be told to fail the next calls.
 * Point `X_API_BASE_URL` and `GRAPH_API_BASE_URL` at it. Control endpoints live under
 * `/_sim/`. Mount it in another app with `app.register(platformPlugin, { prefix })`.
 */

export type { RecordedCall } from "./platform-state.ts";
export { createPlatformState, PlatformState } from "./platform-state.ts";

export interface PlatformPluginOptions {
  /** Shared state, so a test can read calls directly; a fresh one by default. */
  state?: PlatformState;
  xAccount?: Partial<XAccount>;
  page?: Partial<FacebookPage>;
}

export const ZFaultRequestSchema = z.object({
  count: z.number().int().min(1).max(10_000),
  status: z.number().int().min(400).max(599),
  retryAfter: z.number().int().min(0).max(86_400).optional(),
  platform: z.enum(["x", "facebook"]).optional(),
});
export type TFaultRequest = z.infer<typeof ZFaultRequestSchema>;

const ZCallsQuerySchema = z.object({
  platform: z.enum(["x", "facebook"]).optional(),
  since: z.coerce.number().int().min(0).optional(),
});

function controlError(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

function parseForm(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

export const platformPlugin: FastifyPluginAsync<PlatformPluginOptions> = async (app, options) => {
  const state =
    options.state ?? createPlatformState({ xAccount: options.xAccount, page: options.page });
  const prefix = app.prefix;
  const pathOf = (request: FastifyRequest) => {
    const path = request.url.split("?")[0]!;
    return (path.startsWith(prefix) ? path.slice(prefix.length) : path) || "/";
  };
  const platformOf = (request: FastifyRequest): Platform | null => {
    const path = pathOf(request);
    if (path.startsWith("/_sim")) return null;
    return path.startsWith("/2/") ? "x" : "facebook";
  };

  // Graph clients often post form-encoded bodies (`access_token=…&message=…`).
  if (!app.hasContentTypeParser("application/x-www-form-urlencoded")) {
    app.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string" },
      (_request, body, done) => done(null, parseForm(body as string)),
    );
  }

  // Unparseable bodies still get the platform's error shape, and are recorded.
  app.setErrorHandler((error, request, reply) => {
    const status =
      (error as { statusCode?: number }).statusCode &&
      (error as { statusCode: number }).statusCode < 500
        ? (error as { statusCode: number }).statusCode
        : 500;
    const platform = platformOf(request);
    const message = error instanceof Error ? error.message : String(error);
    let body: unknown;
    if (platform === "x") {
      body = {
        title: "Invalid Request",
        detail: message,
        type: "https://api.twitter.com/2/problems/invalid-request",
        status,
      };
    } else if (platform === "facebook") {
      body = graphError(state, `(#100) ${message}`, 100);
    } else {
      body = controlError("bad_request", message);
    }
    if (platform)
      state.record(request, { platform, path: pathOf(request), status, response: body });
    return reply.code(status).send(body);
  });

  app.get("/_sim/health", async () => ({
    status: "ok",
    calls: state.calls.length,
    pendingFaults: state.pendingFaults(),
  }));

  app.get("/_sim/calls", async (request, reply) => {
    const query = ZCallsQuerySchema.safeParse(request.query);
    if (!query.success) {
      return reply
        .code(400)
        .send(controlError("validation_failed", "platform must be x or facebook; since a number"));
    }
    const { platform, since } = query.data;
    return {
      calls: state.calls.filter(
        (c) => (!platform || c.platform === platform) && (since === undefined || c.seq > since),
      ),
    };
  });

  app.delete("/_sim/calls", async (_request, reply) => {
    state.clear();
    return reply.code(204).send();
  });

  app.get("/_sim/faults", async () => ({ faults: state.faults }));

  // Profile pictures the simulated Graph API hands out: initials on a colour of the id.
  app.get("/_sim/avatars/:file", async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const id = /^(\d{1,20})\.svg$/.exec(file)?.[1];
    if (!id) return reply.code(404).send(controlError("not_found", "no such avatar"));
    const { firstName, lastName } = simulatedPerson(id);
    const hue = Number(BigInt(id) % 360n);
    const initials = `${firstName[0] ?? ""}${lastName[0] ?? ""}`;
    return reply
      .type("image/svg+xml")
      .header("cache-control", "public, max-age=86400")
      .send(
        `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><rect width="96" height="96" fill="hsl(${hue} 45% 40%)"/><text x="48" y="58" font-family="sans-serif" font-size="36" text-anchor="middle" fill="#fff">${initials}</text></svg>`,
      );
  });

  app.post("/_sim/faults", async (request, reply) => {
    const parsed = ZFaultRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({
        field: i.path.join("."),
        message: i.message,
      }));
      const named = details.map((d) => d.field || "body").join(", ");
      return reply
        .code(400)
        .send(controlError("validation_failed", `Invalid fault: ${named}`, details));
    }
    const { count, ...rule } = parsed.data;
    state.addFault({ remaining: count, ...rule });
    return reply.code(201).send({ pendingFaults: state.pendingFaults(), faults: state.faults });
  });

  app.delete("/_sim/faults", async (_request, reply) => {
    state.faults.length = 0;
    return reply.code(204).send();
  });

  registerXApi(app, state, pathOf);
  registerGraphApi(app, state, pathOf);
};

export interface BuildPlatformServerOptions extends PlatformPluginOptions {
  /** Fastify's logger switch (off by default: the simulator records calls itself). */
  logger?: boolean;
}

/** The simulator as its own app, without listening (tests `inject` into it). */
export async function buildPlatformServer(
  options: BuildPlatformServerOptions = {},
): Promise<FastifyInstance> {
  const { logger = false, ...pluginOptions } = options;
  const app = Fastify({ logger, bodyLimit: 1024 * 1024 });
  await app.register(platformPlugin, pluginOptions);
  return app;
}

export interface RunningPlatformServer {
  app: FastifyInstance;
  state: PlatformState;
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the simulator on a port (0 picks a free one). */
export async function startPlatformServer(
  options: BuildPlatformServerOptions & { port?: number; host?: string } = {},
): Promise<RunningPlatformServer> {
  const { port = 4010, host = "127.0.0.1", ...rest } = options;
  const state = rest.state ?? createPlatformState({ xAccount: rest.xAccount, page: rest.page });
  const app = await buildPlatformServer({ ...rest, state });
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return { app, state, url: `http://${shownHost}:${actualPort}`, close: () => app.close() };
}

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { can } from "../../modules/accounts/accounts.policy.ts";
import { WEB_DIST_DIR } from "../paths.ts";
import { sendError } from "./errors.ts";

const MISSING_BUILD = `<!doctype html><html lang="en"><meta charset="utf-8"><title>hilft</title>
<p>The web app has not been built yet. Run <code>npm run build</code>, or restart with
<code>npm start</code>, which builds it when it is missing.</p></html>`;

/** Pages of the web app that need a role; the server answers them before the app loads. */
const GATED: {
  prefix: string;
  allowed: (role: Parameters<typeof can.useConsole>[0]) => boolean;
}[] = [
  { prefix: "/admin", allowed: can.administer },
  { prefix: "/console", allowed: can.useConsole },
  { prefix: "/knowledge", allowed: can.useConsole },
];

const isApiPath = (url: string) =>
  url.startsWith("/api/") ||
  url.startsWith("/webhooks/") ||
  url === "/healthz" ||
  url === "/readyz";

/**
 * Serves the built React app: hashed assets from /assets with long caching, and
 * index.html for every other GET that asks for HTML (the app routes on the client).
 * Unknown API paths get a JSON 404 instead.
 */
async function webPlugin(app: FastifyInstance, opts: { distDir?: string }) {
  const distDir = opts.distDir ?? WEB_DIST_DIR;
  const indexFile = path.join(distDir, "index.html");
  let indexHtml: string | undefined;
  const loadIndex = () => {
    indexHtml ??= existsSync(indexFile) ? readFileSync(indexFile, "utf8") : undefined;
    return indexHtml ?? MISSING_BUILD;
  };

  if (existsSync(path.join(distDir, "assets"))) {
    await app.register(fastifyStatic, {
      root: path.join(distDir, "assets"),
      prefix: "/assets/",
      immutable: true,
      maxAge: "365d",
      index: false,
    });
  }
  for (const file of ["favicon.svg", "robots.txt"]) {
    app.get(`/${file}`, { schema: { hide: true } }, (_req, reply) => {
      const full = path.join(distDir, file);
      if (!existsSync(full)) return sendError(reply, 404, "not_found", `${file} was not found.`);
      return reply
        .type(file.endsWith(".svg") ? "image/svg+xml" : "text/plain; charset=utf-8")
        .send(readFileSync(full));
    });
  }

  const sendApp = (reply: FastifyReply, status = 200) =>
    reply
      .status(status)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(loadIndex());

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url.split("?")[0] ?? "/";
    const wantsPage =
      (request.method === "GET" || request.method === "HEAD") &&
      !isApiPath(url) &&
      !url.startsWith("/assets/");
    if (!wantsPage) {
      return sendError(reply, 404, "not_found", `No route for ${request.method} ${url}.`);
    }
    const gate = GATED.find((g) => url === g.prefix || url.startsWith(`${g.prefix}/`));
    if (gate) {
      if (!request.auth) {
        return reply.redirect(`/signin?next=${encodeURIComponent(request.url)}`, 302);
      }
      // The app renders its own "no access" page; the status tells crawlers and tests.
      if (!gate.allowed(request.auth.user.role)) return sendApp(reply, 403);
    }
    return sendApp(reply);
  });
}

export default fp(webPlugin, { name: "web", dependencies: ["auth"] });

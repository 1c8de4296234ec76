import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ChannelRow } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import { openJson } from "../../lib/secret-box.ts";
import { safeEqual } from "../../lib/tokens.ts";
import { verifyFacebook, verifyX, xCrcResponse } from "../../lib/webhook-signatures.ts";
import { sendError } from "../../server/plugins/errors.ts";
import type { Services } from "../../server/services.ts";
import type { FacebookCredentials, XCredentials } from "./channels.schemas.ts";
import { WebhookEventWriter } from "./webhook-event-writer.ts";

const invalidSignature = (reply: FastifyReply) =>
  sendError(reply, 401, "invalid_signature", "The webhook signature is missing or does not match.");

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError(400, "invalid_json", "The webhook body is not valid JSON.");
  }
}

/**
 * The platforms' webhooks, exactly as they call them. A delivery is verified against the
 * raw bytes, stored durably, and only then acknowledged; processing happens afterwards
 * in the ingest worker. Bad signatures get 401 and store nothing.
 */
export async function webhooksRoutes(app: FastifyInstance, { services }: { services: Services }) {
  // Signatures cover the exact bytes, so this scope keeps bodies raw.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    "*",
    { parseAs: "buffer", bodyLimit: 5 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  const key = services.config.secretKey;
  const writer = new WebhookEventWriter(services.ingest, () =>
    services.signals.emit("webhook-stored"),
  );
  const creds = <T>(channel: ChannelRow) => openJson<T>(key, channel.credentials);

  async function store(platform: "x" | "facebook", channel: ChannelRow, raw: Buffer) {
    // A disconnected channel's deliveries are acknowledged and dropped.
    if (channel.status !== "active") return;
    const channelId = channel.id;
    const bodyHash = createHash("sha256").update(raw).digest("hex");
    await writer.store({
      platform,
      channelId,
      bodyHash,
      // PostgreSQL cannot store NUL characters; the signature was checked on the original.
      rawBody: raw.toString("utf8").replaceAll("\\u0000", "\\ufffd"),
    });
  }

  app.get("/webhooks/x", { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const crc = query.crc_token;
    if (!crc)
      return sendError(reply, 400, "validation_failed", "crc_token: is required", [
        { field: "crc_token", message: "is required" },
      ]);
    // One X app (consumer secret) usually serves all connected accounts; a specific one
    // can be named with ?for_user_id= when several apps are in use.
    const channels = await services.channels.listActive("x");
    const channel = query.for_user_id
      ? channels.find((c) => c.externalId === query.for_user_id)
      : channels[0];
    if (!channel) return sendError(reply, 404, "not_found", "No X account is connected.");
    return xCrcResponse(creds<XCredentials>(channel).consumerSecret, crc);
  });

  app.post("/webhooks/x", { schema: { hide: true } }, async (request, reply) => {
    const raw = request.body as Buffer;
    if (!Buffer.isBuffer(raw) || raw.length === 0) return invalidSignature(reply);
    const signature = request.headers["x-twitter-webhooks-signature"];
    if (typeof signature !== "string") return invalidSignature(reply);
    // The body names the account; it is trusted only once the signature checks out.
    const payload = parseJson(raw) as { for_user_id?: unknown };
    const found =
      typeof payload.for_user_id === "string"
        ? await services.channelDirectory.find<XCredentials>("x", payload.for_user_id)
        : undefined;
    if (!found || !verifyX(found.creds.consumerSecret, raw, signature)) {
      return invalidSignature(reply);
    }
    await store("x", found.channel, raw);
    return reply.status(200).send({ received: true });
  });

  app.get("/webhooks/facebook", { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (query["hub.mode"] !== "subscribe" || !query["hub.challenge"]) {
      return sendError(
        reply,
        400,
        "validation_failed",
        "hub.mode must be 'subscribe' with a hub.challenge.",
        [{ field: "hub.mode", message: "must be subscribe" }],
      );
    }
    const token = query["hub.verify_token"] ?? "";
    const channels = await services.channels.listActive("facebook");
    const match = channels.some((c) => safeEqual(creds<FacebookCredentials>(c).verifyToken, token));
    if (!match)
      return sendError(
        reply,
        401,
        "invalid_verify_token",
        "The verify token does not match any connected page.",
      );
    return reply.type("text/plain; charset=utf-8").send(query["hub.challenge"]);
  });

  app.post("/webhooks/facebook", { schema: { hide: true } }, async (request, reply) => {
    const raw = request.body as Buffer;
    const signature = request.headers["x-hub-signature-256"];
    if (!Buffer.isBuffer(raw) || raw.length === 0 || typeof signature !== "string")
      return invalidSignature(reply);
    const payload = parseJson(raw) as { object?: unknown; entry?: { id?: unknown }[] };
    // All entries of one delivery come from one app; its secret is any of its pages'.
    const pageId = payload.entry?.find((e) => typeof e?.id === "string")?.id as string | undefined;
    const found = pageId
      ? await services.channelDirectory.find<FacebookCredentials>("facebook", pageId)
      : undefined;
    if (!found || !verifyFacebook(found.creds.appSecret, raw, signature)) {
      return invalidSignature(reply);
    }
    await store("facebook", found.channel, raw);
    return reply.status(200).send({ received: true });
  });
}

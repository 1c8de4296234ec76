import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  accessTokenParam,
  authScheme,
  type FaultRule,
  type PlatformState,
} from "./platform-state.ts";
import { FIRST_NAMES, LAST_NAMES } from "./texts.ts";

/**
 * The part of the Graph API hilft calls: the Send API (`POST /{page-id}/messages`, to a
 * PSID or as a private reply to a comment), replying to a comment, hiding or editing a
 * comment, deleting an object, and reading the page. Paths may carry a version prefix
 * (`/v21.0/…`). Errors use Graph's shape `{ error: { message, type, code, fbtrace_id } }`.
 */

/** First and last name for a simulated page-scoped id: stable, spread over the name lists. */
export function simulatedPerson(id: string): { firstName: string; lastName: string } {
  const digest = createHash("sha256").update(id).digest();
  return {
    firstName: FIRST_NAMES[digest.readUInt32BE(0) % FIRST_NAMES.length]!,
    lastName: LAST_NAMES[digest.readUInt32BE(4) % LAST_NAMES.length]!,
  };
}

const VERSION = /^v\d+(?:\.\d+)?$/;
const OBJECT_ID = /^\d+(?:_\d+)?$/;
const MESSAGING_TYPES = new Set(["RESPONSE", "UPDATE", "MESSAGE_TAG"]);

export function graphError(
  state: PlatformState,
  message: string,
  code: number,
  extra: Record<string, unknown> = {},
) {
  return {
    error: { message, type: "OAuthException", code, ...extra, fbtrace_id: state.fbtraceId() },
  };
}

export function graphFaultBody(state: PlatformState, status: number) {
  if (status === 429) {
    return graphError(state, "(#4) Application request limit reached", 4, { is_transient: true });
  }
  if (status >= 500) {
    return graphError(
      state,
      "An unexpected error has occurred. Please retry your request later.",
      2,
      {
        is_transient: true,
      },
    );
  }
  return graphError(state, "(#1) An unknown error occurred", 1);
}

/** Form-encoded Graph calls send objects as JSON strings; JSON calls send them as objects. */
function field(body: Record<string, unknown>, name: string): unknown {
  const value = body[name];
  if (typeof value !== "string" || !/^\s*[{[]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

export function registerGraphApi(
  app: FastifyInstance,
  state: PlatformState,
  pathOf: (r: FastifyRequest) => string,
): void {
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const segments = pathOf(request).split("/").filter(Boolean);
    const graphVersion = segments[0] && VERSION.test(segments[0]) ? segments.shift()! : null;
    const path = `/${segments.join("/")}`;
    const send = (status: number, body: unknown, fault?: FaultRule) => {
      state.record(request, {
        platform: "facebook",
        path,
        graphVersion,
        status,
        response: body,
        fault: !!fault,
      });
      if (fault?.retryAfter !== undefined) reply.header("retry-after", String(fault.retryAfter));
      if (status === 400 && isRecord(body) && isRecord(body.error) && body.error.code === 104) {
        reply.header(
          "www-authenticate",
          'OAuth "Facebook Platform" "invalid_request" "An access token is required to request this resource."',
        );
      }
      return reply.code(status).send(body);
    };

    const fault = state.takeFault("facebook");
    if (fault) return send(fault.status, graphFaultBody(state, fault.status), fault);
    const scheme = authScheme(request);
    if (scheme !== "bearer" && !accessTokenParam(request)) {
      return send(
        400,
        graphError(state, "An access token is required to request this resource.", 104),
      );
    }

    const body = isRecord(request.body) ? request.body : {};
    const [node, edge, ...rest] = segments;
    const unsupported = () =>
      send(
        400,
        graphError(
          state,
          `Unsupported ${request.method.toLowerCase()} request. Object with ID '${node ?? ""}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
          100,
          { error_subcode: 33 },
        ),
      );
    if (!node || rest.length || (node !== "me" && !OBJECT_ID.test(node))) return unsupported();

    if (request.method === "POST" && edge === "messages") {
      const recipient = field(body, "recipient");
      const message = field(body, "message");
      if (!isRecord(recipient) || (!recipient.id && !recipient.comment_id && !recipient.post_id)) {
        return send(400, graphError(state, "(#100) The parameter recipient is required", 100));
      }
      const messagingType = body.messaging_type;
      if (
        recipient.id &&
        (typeof messagingType !== "string" || !MESSAGING_TYPES.has(messagingType))
      ) {
        return send(
          400,
          graphError(
            state,
            "(#100) The parameter messaging_type is required and must be RESPONSE, UPDATE or MESSAGE_TAG",
            100,
          ),
        );
      }
      if (!isRecord(message) || (typeof message.text !== "string" && !message.attachment)) {
        return send(400, graphError(state, "(#100) param message must be non-empty.", 100));
      }
      if (
        typeof message.text === "string" &&
        (!message.text.trim() || [...message.text].length > 2000)
      ) {
        return send(
          400,
          graphError(
            state,
            "(#100) Length of param message[text] must be less than or equal to 2000 and not empty",
            100,
          ),
        );
      }
      // A private reply to a comment opens a Messenger thread with a new PSID.
      const recipientId = typeof recipient.id === "string" ? recipient.id : state.graphId();
      return send(200, { recipient_id: recipientId, message_id: state.messageId() });
    }

    if (request.method === "POST" && edge === "comments") {
      const message = body.message;
      if (typeof message !== "string" || !message.trim()) {
        return send(400, graphError(state, "(#100) Missing message or attachment", 100));
      }
      const objectId = node.includes("_") ? node.split("_")[0]! : node;
      return send(200, { id: `${objectId}_${state.graphId()}` });
    }

    if (request.method === "POST" && !edge) {
      const hidden =
        typeof body.is_hidden === "string" ? body.is_hidden === "true" : body.is_hidden;
      if (typeof hidden !== "boolean" && typeof body.message !== "string") {
        return send(
          400,
          graphError(state, "(#100) No fields to update: pass is_hidden or message", 100),
        );
      }
      return send(200, { success: true });
    }

    if (request.method === "DELETE" && !edge) return send(200, { success: true });

    if (request.method === "GET" && !edge) {
      const page = state.page;
      if (node === "me" || node === page.id) return send(200, { id: page.id, name: page.name });
      const fields = String((request.query as Record<string, unknown>).fields ?? "");
      if (/\b(first_name|last_name|profile_pic)\b/.test(fields)) {
        // The User Profile API: a person who wrote to the page, named as the simulator
        // names its customers (the same id always gives the same person).
        const person = simulatedPerson(node);
        const origin = `${request.protocol}://${request.host}`;
        return send(200, {
          id: node,
          first_name: person.firstName,
          last_name: person.lastName,
          profile_pic: `${origin}/_sim/avatars/${node}.svg`,
        });
      }
      return send(200, { id: node });
    }

    return unsupported();
  };

  app.route({ method: ["GET", "POST", "DELETE"], url: "/*", handler: handle });
}

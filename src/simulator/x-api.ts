import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { fitsInTweet, xWeightedLength } from "../lib/x-text.ts";
import { authScheme, type FaultRule, type PlatformState } from "./platform-state.ts";

/**
 * The part of X API v2 hilft calls: create a post (optionally as a reply), hide a reply,
 * send a direct message, delete a post, and look up the authenticated account. Errors use X's
 * problem shapes.
 */

const INVALID_REQUEST = "https://api.twitter.com/2/problems/invalid-request";

function problem(status: number, title: string, detail = title) {
  return { title, detail, type: "about:blank", status };
}

function invalidRequest(parameter: string, value: unknown, message: string) {
  return {
    errors: [{ parameters: { [parameter]: [value === undefined ? "" : String(value)] }, message }],
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: INVALID_REQUEST,
  };
}

const STATUS_TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found Error",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function xFaultBody(status: number) {
  return problem(status, STATUS_TITLES[status] ?? "Error");
}

export function registerXApi(
  app: FastifyInstance,
  state: PlatformState,
  pathOf: (r: FastifyRequest) => string,
): void {
  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body: unknown,
    fault?: FaultRule,
  ) => {
    state.record(request, {
      platform: "x",
      path: pathOf(request),
      status,
      response: body,
      fault: !!fault,
    });
    const reset = String(Math.floor(Date.now() / 1000) + 900);
    reply.header("x-rate-limit-limit", "200").header("x-rate-limit-reset", reset);
    reply.header("x-rate-limit-remaining", status === 429 ? "0" : "199");
    if (fault?.retryAfter !== undefined) reply.header("retry-after", String(fault.retryAfter));
    return reply.code(status).send(body);
  };

  /** Runs the checks every X call shares: an injected fault first, then authentication. */
  const guard = (request: FastifyRequest, reply: FastifyReply) => {
    const fault = state.takeFault("x");
    if (fault) return send(request, reply, fault.status, xFaultBody(fault.status), fault);
    const scheme = authScheme(request);
    if (scheme !== "bearer" && scheme !== "oauth1") {
      return send(request, reply, 401, problem(401, "Unauthorized"));
    }
    return null;
  };

  app.post("/2/tweets", async (request, reply) => {
    const stop = guard(request, reply);
    if (stop) return stop;
    const body = (request.body ?? {}) as {
      text?: unknown;
      reply?: { in_reply_to_tweet_id?: unknown };
    };
    if (typeof body.text !== "string" || !body.text.trim()) {
      return send(
        request,
        reply,
        400,
        invalidRequest("text", body.text, "The `text` field is required."),
      );
    }
    if (!fitsInTweet(body.text)) {
      return send(
        request,
        reply,
        400,
        invalidRequest(
          "text",
          body.text,
          `Your Tweet text is too long (${xWeightedLength(body.text)} of 280 weighted characters). For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.`,
        ),
      );
    }
    const inReplyTo = body.reply?.in_reply_to_tweet_id;
    if (
      body.reply !== undefined &&
      (typeof inReplyTo !== "string" || !/^\d{1,19}$/.test(inReplyTo))
    ) {
      return send(
        request,
        reply,
        400,
        invalidRequest(
          "reply.in_reply_to_tweet_id",
          inReplyTo,
          "The `reply.in_reply_to_tweet_id` query parameter value is not valid.",
        ),
      );
    }
    const id = state.snowflake();
    return send(request, reply, 201, {
      data: { id, text: body.text, edit_history_tweet_ids: [id] },
    });
  });

  app.delete<{ Params: { id: string } }>("/2/tweets/:id", async (request, reply) => {
    const stop = guard(request, reply);
    if (stop) return stop;
    return send(request, reply, 200, { data: { deleted: true } });
  });

  app.put<{ Params: { id: string } }>("/2/tweets/:id/hidden", async (request, reply) => {
    const stop = guard(request, reply);
    if (stop) return stop;
    const { id } = request.params;
    if (!/^\d{1,19}$/.test(id)) {
      return send(
        request,
        reply,
        400,
        invalidRequest("id", id, "The `id` path parameter value is not valid."),
      );
    }
    const hidden = (request.body as { hidden?: unknown } | undefined)?.hidden;
    if (typeof hidden !== "boolean") {
      return send(
        request,
        reply,
        400,
        invalidRequest("hidden", hidden, "The `hidden` field must be true or false."),
      );
    }
    return send(request, reply, 200, { data: { hidden } });
  });

  app.post<{ Params: { participant_id: string } }>(
    "/2/dm_conversations/with/:participant_id/messages",
    async (request, reply) => {
      const stop = guard(request, reply);
      if (stop) return stop;
      const participant = request.params.participant_id;
      if (!/^\d{1,19}$/.test(participant)) {
        return send(
          request,
          reply,
          400,
          invalidRequest(
            "participant_id",
            participant,
            "The `participant_id` path parameter value is not valid.",
          ),
        );
      }
      const text = (request.body as { text?: unknown } | undefined)?.text;
      if (typeof text !== "string" || !text.trim()) {
        return send(
          request,
          reply,
          400,
          invalidRequest("text", text, "The `text` field is required."),
        );
      }
      if (text.length > 10_000) {
        return send(
          request,
          reply,
          400,
          invalidRequest("text", text, "The `text` field must be 10000 characters or fewer."),
        );
      }
      // X names a one-to-one conversation after both accounts, lower id first.
      const pair = [state.xAccount.id, participant].sort((a, b) =>
        BigInt(a) < BigInt(b) ? -1 : 1,
      );
      return send(request, reply, 201, {
        data: { dm_conversation_id: pair.join("-"), dm_event_id: state.snowflake() },
      });
    },
  );

  app.get("/2/users/me", async (request, reply) => {
    const stop = guard(request, reply);
    if (stop) return stop;
    const { id, name, username } = state.xAccount;
    return send(request, reply, 200, { data: { id, name, username } });
  });

  app.all("/2/*", async (request, reply) =>
    send(
      request,
      reply,
      404,
      problem(404, "Not Found Error", `The resource ${pathOf(request)} does not exist.`),
    ),
  );
}

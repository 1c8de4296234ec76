import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type FieldProblem } from "../../lib/errors.ts";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: unknown,
) {
  const body: ErrorBody = { error: { code, message } };
  if (details !== undefined) body.error.details = details;
  return reply.status(status).type("application/json; charset=utf-8").send(body);
}

/** `/email` → `email`, `/answers/0/body` → `answers.0.body`; the location when empty. */
function fieldName(instancePath: string, context: string | undefined): string {
  const path = instancePath.replace(/^\//, "").replace(/\//g, ".");
  return path || (context ?? "body");
}

function validationProblems(err: FastifyError): FieldProblem[] {
  const context = (err as { validationContext?: string }).validationContext;
  return (err.validation ?? []).map((v) => {
    const issue = (v.params as { issue?: { path?: (string | number)[]; code?: string } })?.issue;
    // Zod reports a missing key at the key's path; Ajv-style paths miss it.
    // Query and path parameters are flat: name the parameter, not a position inside it.
    const flat = context === "querystring" || context === "params";
    const zodPath = issue?.path?.length
      ? flat
        ? String(issue.path[0])
        : issue.path.join(".")
      : undefined;
    const missing = issue?.code === "invalid_type" && /received undefined/.test(v.message ?? "");
    return {
      field:
        zodPath ??
        (flat
          ? fieldName(v.instancePath, context).split(".")[0]!
          : fieldName(v.instancePath, context)),
      message: missing ? "is required" : (v.message ?? "is invalid"),
    };
  });
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_json",
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
};

/**
 * Every error leaves as `{"error":{"code","message","details"}}`: validation (400, naming
 * fields), auth (401/403), not found, conflict, rate limit (429). Unexpected errors are
 * logged with their stack and answered with a generic 500, never the stack.
 */
async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return sendError(reply, err.statusCode, err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
      const details = validationProblems(err);
      const summary = details.map((d) => `${d.field} ${d.message}`).join("; ");
      return sendError(reply, 400, "validation_failed", `Invalid request: ${summary}`, details);
    }
    const status = err.statusCode ?? 500;
    if (status === 429) {
      return sendError(
        reply,
        429,
        "rate_limited",
        err.message || "Too many requests; wait and try again.",
      );
    }
    if (status >= 400 && status < 500) {
      const code =
        (err.code && FASTIFY_CODES[err.code]) ||
        (err.code?.startsWith("FST_") ? "bad_request" : (err.code ?? "bad_request").toLowerCase());
      if (err.code === "FST_ERR_CTP_INVALID_JSON_BODY" || err instanceof SyntaxError) {
        return sendError(reply, 400, "invalid_json", "The request body is not valid JSON.");
      }
      return sendError(reply, status, code, err.message);
    }
    request.log.error({ err }, "request failed");
    return sendError(
      reply,
      500,
      "internal_error",
      `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
    );
  });
}

export default fp(errorsPlugin, { name: "errors" });

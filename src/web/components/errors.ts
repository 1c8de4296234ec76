import { ApiError, type FieldProblem } from "../api/client.ts";
import type { MessageKey, TFunction } from "../i18n/index.tsx";

const CODE_MESSAGES = new Map<string, MessageKey>(
  Object.entries({
    invalid_credentials: "error.invalid_credentials",
    rate_limited: "error.rate_limited",
    email_taken: "error.email_taken",
    invalid_reset_token: "error.invalid_reset_token",
    last_admin: "error.last_admin",
    validation_failed: "error.validation_failed",
    network_error: "error.network_error",
    unauthorized: "error.unauthorized",
    forbidden: "error.forbidden",
    not_found: "error.not_found",
    csrf_failed: "error.csrf_failed",
  } satisfies Record<string, MessageKey>),
);

/** A translated, human sentence for any error a request can throw. */
export function describeError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.unknown");
  const wait = error.retryAfterSeconds;
  if (error.code === "rate_limited" && wait) {
    return wait < 90
      ? t("error.rate_limited_seconds", { seconds: wait })
      : t("error.rate_limited_minutes", { minutes: Math.ceil(wait / 60) });
  }
  const known = CODE_MESSAGES.get(error.code);
  if (known) return t(known);
  // An error we have no translation for yet: the server's own sentence beats a vague one.
  return error.message || t("error.unknown");
}

/**
 * Server field messages are English sentence fragments; translate the ones the account
 * rules produce and pass anything else through unchanged.
 */
export function describeFieldProblem(t: TFunction, problem: FieldProblem): string {
  const text = problem.message;
  const atLeast = /at least (\d+) characters/.exec(text);
  if (atLeast) return t("detail.too_short", { min: atLeast[1] ?? "" });
  const atMost = /at most (\d+) characters/.exec(text);
  if (atMost) return t("detail.too_long", { max: atMost[1] ?? "" });
  if (/too easy to guess/.test(text)) return t("detail.too_common");
  if (/contain your e-mail/.test(text)) return t("detail.contains_email");
  if (/valid e-mail/.test(text)) return t("detail.email");
  if (/is required|must not be empty/.test(text)) return t("detail.required");
  return text;
}

export function fieldProblems(error: unknown): FieldProblem[] {
  return error instanceof ApiError ? error.details : [];
}

export function problemFor(t: TFunction, error: unknown, field: string): string | undefined {
  const problem = fieldProblems(error).find((p) => p.field === field);
  return problem ? describeFieldProblem(t, problem) : undefined;
}

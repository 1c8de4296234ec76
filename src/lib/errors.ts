/**
 * Errors that carry their HTTP meaning. Operations throw these; the error plugin turns
 * them into `{"error":{"code","message","details"}}` with the status below.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

export const badRequest = (message: string, details?: FieldProblem[]) =>
  new AppError(400, "validation_failed", message, details);

/** A single invalid field, named so a client can show the message next to it. */
export const invalidField = (field: string, message: string) =>
  badRequest(`${field}: ${message}`, [{ field, message }]);

export const unauthorized = (message = "Sign in or send an API token to continue.") =>
  new AppError(401, "unauthorized", message);

export const forbidden = (message = "You do not have permission to do this.") =>
  new AppError(403, "forbidden", message);

export const notFound = (what: string) => new AppError(404, "not_found", `${what} was not found.`);

export const conflict = (code: string, message: string) => new AppError(409, code, message);

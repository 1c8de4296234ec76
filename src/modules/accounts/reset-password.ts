import { AppError, invalidField } from "../../lib/errors.ts";
import { checkPassword, describePasswordProblem } from "../../lib/password-policy.ts";
import { hashToken } from "../../lib/tokens.ts";
import type { Services } from "../../server/services.ts";
import type { TPasswordResetConfirm } from "./accounts.schemas.ts";
import { hashPassword } from "./passwords.ts";

const invalidToken = () =>
  new AppError(
    400,
    "invalid_reset_token",
    "This reset link is invalid, expired or already used. Ask for a new one.",
    [{ field: "token", message: "is invalid, expired or already used" }],
  );

/** Sets a new password with a reset token (works once) and signs out every session. */
export async function resetPassword(
  services: Services,
  input: TPasswordResetConfirm,
): Promise<void> {
  const tokenHash = hashToken(input.token);
  const pending = await services.accounts.findLivePasswordReset(tokenHash);
  if (!pending) throw invalidToken();
  const problem = checkPassword(input.password, pending.email);
  if (problem) throw invalidField("password", describePasswordProblem(problem));
  const done = await services.accounts.completePasswordReset(
    tokenHash,
    await hashPassword(input.password),
  );
  if (!done) throw invalidToken();
}

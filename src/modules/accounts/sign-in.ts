import type { UserRow } from "../../db/schema/index.ts";
import { AppError } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import type { TSignInRequest } from "./accounts.schemas.ts";
import { verifyPassword } from "./passwords.ts";

/** Checks e-mail and password; one error for every way it can fail, so nothing leaks. */
export async function signIn(services: Services, input: TSignInRequest): Promise<UserRow> {
  const user = await services.accounts.findUserByEmail(input.email);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.disabledAt) {
    throw new AppError(401, "invalid_credentials", "E-mail address or password is wrong.");
  }
  return user;
}

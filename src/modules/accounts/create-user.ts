import type { UserRole, UserRow } from "../../db/schema/index.ts";
import { conflict, invalidField } from "../../lib/errors.ts";
import { checkPassword, describePasswordProblem } from "../../lib/password-policy.ts";
import type { Services } from "../../server/services.ts";
import { EmailTakenError } from "./accounts.repository.ts";
import { hashPassword } from "./passwords.ts";

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  locale?: string | null | undefined;
  workspaceId?: string;
}

/** Creates an account in the given (or default) workspace after checking the password. */
export async function createUser(services: Services, input: CreateUserInput): Promise<UserRow> {
  const problem = checkPassword(input.password, input.email);
  if (problem) throw invalidField("password", describePasswordProblem(problem));
  const workspaceId =
    input.workspaceId ??
    (await services.workspaces.findDefault())?.id ??
    (await services.workspaces.ensure("default", "hilft")).id;
  try {
    return await services.accounts.createUser({
      workspaceId,
      email: input.email.trim(),
      name: input.name.trim(),
      role: input.role,
      locale: input.locale ?? null,
      passwordHash: await hashPassword(input.password),
    });
  } catch (err) {
    if (err instanceof EmailTakenError) {
      throw conflict("email_taken", "An account with this e-mail address already exists.");
    }
    throw err;
  }
}

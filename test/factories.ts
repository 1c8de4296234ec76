import { randomBytes } from "node:crypto";
import type { UserRole, UserRow } from "../src/db/schema/index.ts";
import { createApiToken } from "../src/modules/accounts/create-api-token.ts";
import { createUser } from "../src/modules/accounts/create-user.ts";
import type { Services } from "../src/server/services.ts";

let counter = 0;

export function uniqueEmail(prefix = "user"): string {
  counter += 1;
  return `${prefix}.${counter}.${randomBytes(3).toString("hex")}@example.com`;
}

export interface UserWithPassword {
  user: UserRow;
  password: string;
}

export async function userFactory(
  services: Services,
  overrides: { role?: UserRole; email?: string; name?: string; password?: string } = {},
): Promise<UserWithPassword> {
  const password = overrides.password ?? `Secret-${randomBytes(6).toString("hex")}`;
  const user = await createUser(services, {
    email: overrides.email ?? uniqueEmail(overrides.role ?? "user"),
    name: overrides.name ?? "Test Person",
    password,
    role: overrides.role ?? "customer",
  });
  return { user, password };
}

export async function tokenFactory(
  services: Services,
  user: UserRow,
  name = "test",
): Promise<string> {
  const { token } = await createApiToken(services, { userId: user.id, name });
  return token;
}

import type { ApiTokenRow } from "../../db/schema/index.ts";
import { hashToken, newApiToken } from "../../lib/tokens.ts";
import type { Services } from "../../server/services.ts";

/** Issues a personal API token. The plain token is returned once and never stored. */
export async function createApiToken(
  services: Services,
  input: { userId: string; name: string; expiresInDays?: number | undefined },
): Promise<{ token: string; row: ApiTokenRow }> {
  const { token, prefix } = newApiToken();
  const row = await services.accounts.createApiToken({
    userId: input.userId,
    name: input.name,
    prefix,
    tokenHash: hashToken(token),
    expiresAt: input.expiresInDays
      ? new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000)
      : null,
  });
  return { token, row };
}

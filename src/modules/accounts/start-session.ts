import type { SessionRow, UserRow } from "../../db/schema/index.ts";
import { hashToken, randomToken } from "../../lib/tokens.ts";
import type { Services } from "../../server/services.ts";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Opens a server-side session; only the hash of the returned token is stored. */
export async function startSession(
  services: Services,
  user: UserRow,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; session: SessionRow }> {
  const token = randomToken(32);
  const session = await services.accounts.createSession({
    userId: user.id,
    tokenHash: hashToken(token),
    csrfToken: randomToken(24),
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  return { token, session };
}

import { hashToken, randomToken } from "../../lib/tokens.ts";
import type { Services } from "../../server/services.ts";
import type { TPasswordResetRequest } from "./accounts.schemas.ts";

export const RESET_TTL_MS = 60 * 60 * 1000;

const TEXT = {
  en: {
    subject: "Reset your hilft password",
    body: (name: string, link: string) =>
      `Hello ${name},\n\nsomeone asked to reset the password of your hilft account. ` +
      `To choose a new password, open this link within one hour:\n\n${link}\n\n` +
      "If you did not ask for this, ignore this e-mail; your password stays as it is.\n",
  },
  de: {
    subject: "Dein hilft-Passwort zurücksetzen",
    body: (name: string, link: string) =>
      `Hallo ${name},\n\njemand möchte das Passwort deines hilft-Kontos zurücksetzen. ` +
      `Öffne innerhalb einer Stunde diesen Link, um ein neues Passwort zu wählen:\n\n${link}\n\n` +
      "Wenn du das nicht warst, ignoriere diese E-Mail; dein Passwort bleibt unverändert.\n",
  },
} as const;

/**
 * Sends a single-use reset link when the account exists. The caller answers the same
 * either way, so the endpoint cannot be used to find out who has an account.
 */
export async function requestPasswordReset(
  services: Services,
  input: TPasswordResetRequest,
): Promise<void> {
  const user = await services.accounts.findUserByEmail(input.email);
  if (!user || user.disabledAt) return;
  const token = randomToken(32);
  await services.accounts.createPasswordReset({
    userId: user.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + RESET_TTL_MS),
  });
  const locale =
    user.locale === "de" || user.locale === "en" ? user.locale : (input.locale ?? "en");
  const link = `${services.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  const text = TEXT[locale];
  await services.mailer.send({
    to: user.email,
    subject: text.subject,
    text: text.body(user.name, link),
  });
}

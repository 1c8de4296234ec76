import { AppError } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { findPersonalData, type StoredFinding } from "./enrich-message.ts";

/**
 * An agent's public reply must not publish personal data (a customer's IBAN pasted back,
 * a colleague's mobile number). Held with a 422 naming what was found and where; the
 * agent may send it anyway with `allowPersonalData`, which the caller audits. The
 * workspace allowlist (hotlines, the company's own IBAN) applies, as on ingest.
 */
export async function guardPublicReply(
  services: Services,
  workspaceId: string,
  text: string,
  allowPersonalData: boolean,
): Promise<StoredFinding[]> {
  const settings = await services.safetySettings.get(workspaceId);
  const findings = findPersonalData(text, settings);
  if (findings.length && !allowPersonalData) {
    const types = [...new Set(findings.map((f) => f.type))];
    throw new AppError(
      422,
      "personal_data_in_reply",
      `This public reply contains personal data (${types.join(", ")}). Remove it, reply privately, or send with allowPersonalData: true if it is meant to be public.`,
      { personalData: findings },
    );
  }
  return findings;
}

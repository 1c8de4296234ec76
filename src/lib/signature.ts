/**
 * Agent signatures on replies, as social-care teams sign tweets: `… ^AB`.
 * Pure, shared by the server (which appends) and the console (which counts).
 */

export const MAX_SIGNATURE_LENGTH = 20;

/** Initials of a name: first letters of the first and last word, upper-cased. */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return "";
  const picked = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : [parts[0]!];
  return picked
    .map((p) => [...p][0] ?? "")
    .join("")
    .toUpperCase();
}

/** The signature in effect: the agent's own, or `^` + initials when none was set; "" is none. */
export function effectiveSignature(user: { name: string; signature: string | null }): string {
  if (user.signature !== null) return user.signature.trim();
  const initials = initialsOf(user.name);
  return initials ? `^${initials}` : "";
}

/** The reply as sent: text, one space, signature (nothing added when there is none). */
export function appendSignature(text: string, signature: string): string {
  const body = text.trimEnd();
  if (!signature) return body;
  return `${body} ${signature}`;
}

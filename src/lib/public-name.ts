/**
 * How an agent is named to the public: the full name only with their consent, otherwise
 * the first name and the initial of the last ("Anna Berger" → "Anna B.").
 */
export function publicAgentName(name: string, showFullName: boolean): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (showFullName || parts.length < 2) return parts.join(" ");
  const last = [...parts.at(-1)!][0]!;
  return `${parts[0]} ${last.toLocaleUpperCase("de")}.`;
}

import type { Candidate } from "./types.ts";

/**
 * local@domain.tld with a letter TLD; the local part may hold letters of any script.
 * A trailing dot ends the sentence, not the address.
 */
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]*[\p{L}\p{N}_%+-]@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,24}(?![\p{L}\p{N}@_-])/gu;

export function findEmails(text: string): Candidate[] {
  return [...text.matchAll(EMAIL)].map((m) => ({
    type: "email" as const,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

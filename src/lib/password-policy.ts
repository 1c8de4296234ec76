/**
 * Password rules in the spirit of NIST SP 800-63B: length over composition rules,
 * and no password that is just the e-mail address or a well-known weak one.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

const COMMON = new Set([
  "password123",
  "passwort123",
  "1234567890",
  "0123456789",
  "qwertzuiop",
  "qwertyuiop",
  "iloveyou123",
  "hallo12345",
  "passwordpassword",
  "letmein1234",
  "1q2w3e4r5t",
  "abcdefghij",
]);

export type PasswordProblem = "too_short" | "too_long" | "too_common" | "contains_email";

export function checkPassword(password: string, email?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return "too_common";
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "contains_email";
  return null;
}

export function describePasswordProblem(problem: PasswordProblem): string {
  switch (problem) {
    case "too_short":
      return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
    case "too_long":
      return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
    case "too_common":
      return "is too easy to guess; choose a longer or less common one";
    case "contains_email":
      return "must not contain your e-mail address";
  }
}

/** Accepts only same-site absolute paths ("/console"), never "//evil" or "https://…". */
export function safeNextPath(next: string | undefined | null, fallback = "/"): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return fallback;
  }
  return next;
}

/**
 * JSON as the platforms write it. X sends 64-bit ids as bare numbers (`"id":
 * 1050118621198921728`) next to their exact `id_str`; a JavaScript number cannot hold
 * them, so a builder keeps the (rounded) number, as `JSON.parse` would give it, and the
 * exact digits in the `_str` sibling. `serialize` writes those digits back, so the bytes
 * match what X puts on the wire and `JSON.parse(serialize(body))` deep-equals `body`.
 */

const DIGITS = /^\d+$/;

function exactDigits(holder: Record<string, unknown>, key: string, value: number): string | null {
  const sibling = holder[`${key}_str`];
  if (typeof sibling !== "string" || !DIGITS.test(sibling)) return null;
  return Number(sibling) === value ? sibling : null;
}

function write(value: unknown, indent: string, depth: number, raw?: string | null): string {
  if (raw) return raw;
  if (value === null || typeof value !== "object") {
    const json = JSON.stringify(value);
    return json === undefined ? "null" : json;
  }
  const pad = indent ? `\n${indent.repeat(depth + 1)}` : "";
  const close = indent ? `\n${indent.repeat(depth)}` : "";
  const colon = indent ? ": " : ":";
  if (Array.isArray(value)) {
    if (!value.length) return "[]";
    return `[${value.map((v) => pad + write(v, indent, depth + 1)).join(",")}${close}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const [key, v] of Object.entries(record)) {
    if (v === undefined || typeof v === "function") continue;
    const exact = typeof v === "number" ? exactDigits(record, key, v) : null;
    parts.push(`${pad}${JSON.stringify(key)}${colon}${write(v, indent, depth + 1, exact)}`);
  }
  return parts.length ? `{${parts.join(",")}${close}}` : "{}";
}

/** The body as the platform sends it: compact by default, indented for fixtures. */
export function serialize(body: unknown, options: { indent?: number } = {}): string {
  return write(body, " ".repeat(options.indent ?? 0), 0);
}

import { memoizeString } from "./memoize.ts";

/** The encodings a precompressed response is kept in, best first. */
export type ContentEncoding = "br" | "gzip" | "identity";

/**
 * Picks the encoding to send from an `Accept-Encoding` header (RFC 9110 §12.5.3):
 * brotli when the client accepts it, else gzip, else none. `q=0` refuses an encoding,
 * also through `*;q=0`; a higher q-value wins over our own preference.
 */
export function pickContentEncoding(header: string | undefined): ContentEncoding {
  return header ? pickFromHeader(header) : "identity";
}

// Browsers send a handful of different headers: each is parsed once.
const pickFromHeader = memoizeString((header: string): ContentEncoding => {
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (!name) continue;
    let value = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) value = Number(m[1]);
    }
    q.set(name.trim() === "x-gzip" ? "gzip" : name.trim(), Number.isFinite(value) ? value : 0);
  }
  const star = q.get("*");
  const weight = (e: ContentEncoding) => q.get(e) ?? star ?? (e === "identity" ? 0.001 : 0);
  let best: ContentEncoding = "identity";
  for (const e of ["gzip", "br"] as const) {
    if (weight(e) > 0 && weight(e) >= weight(best)) best = e;
  }
  return best;
});

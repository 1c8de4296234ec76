/**
 * RFC 4180 CSV: comma separated, CRLF line ends, fields quoted when they hold a comma,
 * quote or line break. Cells starting with = + - @ get a leading apostrophe so a
 * spreadsheet does not run them as formulas (numbers are left alone).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return "";
    if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
    let s = v instanceof Date ? v.toISOString() : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [header, ...rows].map((r) => r.map(cell).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

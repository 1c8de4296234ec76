import type { Candidate, CustomPattern } from "./types.ts";

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Compiles workspace patterns once; throws with the pattern's name when one is invalid. */
export function compileCustomPatterns(
  patterns: readonly CustomPattern[],
): { name: string; regex: RegExp }[] {
  return patterns.map((p) => {
    if (!NAME.test(p.name)) {
      throw new Error(`Custom pattern name "${p.name}" must be 1–64 letters, digits, _ or -.`);
    }
    const source = typeof p.regex === "string" ? p.regex : p.regex.source;
    const given = typeof p.regex === "string" ? (p.flags ?? "") : p.regex.flags;
    const flags = [...new Set(`${given}g`.replace(/[^dimsuvy g]/g, "").replace(/ /g, ""))].join("");
    try {
      return { name: p.name, regex: new RegExp(source, flags) };
    } catch (err) {
      throw new Error(
        `Custom pattern "${p.name}" is not a valid regular expression: ${(err as Error).message}`,
      );
    }
  });
}

export function findCustom(text: string, patterns: { name: string; regex: RegExp }[]): Candidate[] {
  const found: Candidate[] = [];
  for (const { name, regex } of patterns) {
    regex.lastIndex = 0;
    for (const m of text.matchAll(regex)) {
      if (m[0].length === 0) continue;
      found.push({ type: `custom:${name}`, start: m.index, end: m.index + m[0].length });
    }
  }
  return found;
}

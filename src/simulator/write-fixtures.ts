// Rewrites test/fixtures/{x,facebook}/*.json from src/simulator/fixtures.ts:
//   npx tsx src/simulator/write-fixtures.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fixtures } from "./fixtures.ts";
import { serialize } from "./serialize.ts";

export const FIXTURES_DIR = fileURLToPath(new URL("../../test/fixtures/", import.meta.url));

/** A fixture file's text: indented JSON with X's ids as bare 64-bit numbers. */
export function fixtureText(body: unknown): string {
  return `${serialize(body, { indent: 2 })}\n`;
}

/**
 * JSON without the whitespace between tokens, so a fixture reformatted by Biome still
 * compares equal to `serialize(body)` (which keeps the exact 64-bit ids).
 */
export function minifyJson(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === "\\") out += text[++i] ?? "";
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const f of fixtures) {
    const path = join(FIXTURES_DIR, f.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fixtureText(f.body));
    console.log(`wrote test/fixtures/${f.file}`);
  }
  console.log("Run `npx biome check --write test/fixtures` to format them.");
}

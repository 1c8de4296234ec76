/**
 * `npm run eval`: runs every `eval/*.eval.ts` (or only those whose name contains an
 * argument, e.g. `npm run eval -- praise`). Each prints its own figures and skips with a
 * clear line when the data in ../shared/data is absent.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("./", import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".eval.ts"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) console.log("No evaluations match.");
for (const file of files) {
  console.log(`\n## ${file.replace(".eval.ts", "")}`);
  const mod = (await import(`./${file}`)) as { run?: () => Promise<void> };
  if (typeof mod.run !== "function") throw new Error(`${file} must export run()`);
  await mod.run();
}

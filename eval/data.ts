import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** ../shared/data relative to the repository root; never copied into the repo. */
export const SHARED_DATA_DIR = fileURLToPath(new URL("../../shared/data/", import.meta.url));

/** The path of a data file, or undefined (after printing why) when it is absent. */
export function sharedDataFile(relative: string): string | undefined {
  const file = `${SHARED_DATA_DIR}${relative}`;
  if (existsSync(file)) return file;
  console.log(`skipped: ${file} is not present (see ../shared/data/README.md)`);
  return undefined;
}

// Builds the web app into dist/web. Runs in `npm install` (prepare) and from `npm start`
// when the build is missing, so a fresh clone never needs a separate build step.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const force = process.argv.includes("--force") || process.env.npm_lifecycle_event === "prepare";
const index = `${root}dist/web/index.html`;

if (!force && existsSync(index)) process.exit(0);

let vite;
try {
  vite = await import("vite");
} catch {
  console.error(
    "hilft: cannot build the web app because the build tools are not installed. " +
      "Run `npm install` (with dev dependencies) first.",
  );
  process.exit(1);
}
const started = Date.now();
await vite.build({ configFile: `${root}vite.config.ts`, logLevel: "warn" });
console.log(
  `hilft: web app built into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

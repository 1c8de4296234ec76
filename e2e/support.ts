import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";

/** What every browser test shares: Debian's Chromium, the built web app, an artifacts folder. */
export const CHROMIUM = "/usr/bin/chromium";
/** Without Chromium the browser suites are skipped, not failed. */
export const hasChromium = existsSync(CHROMIUM);
export const ROOT = fileURLToPath(new URL("../", import.meta.url));
/** Screenshots for review land here (kept by CI as test artifacts). */
export const ARTIFACTS = path.join(ROOT, "test-results");

/** The server serves the web app from dist/web; build it once if a fresh clone lacks it. */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(`${ROOT}dist/web/index.html`)) return;
  const { build } = await import("vite");
  await build({ configFile: `${ROOT}vite.config.ts`, logLevel: "warn" });
}

/** Headless Chromium with the flags this machine needs (no sandbox, no network chatter). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

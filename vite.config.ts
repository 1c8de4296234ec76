import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const repoRoot = fileURLToPath(new URL(".", import.meta.url));
const apiServer = "http://localhost:3000";

export default defineConfig({
  root: "src/web",
  base: "/",
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    // The server serves dist/web/assets/* statically and index.html for every other path.
    assetsDir: "assets",
  },
  server: {
    proxy: {
      "/api": apiServer,
      "/healthz": apiServer,
      "/readyz": apiServer,
      "/webhooks": apiServer,
    },
  },
  // Vitest reads this file when there is no vitest.config.ts; without this it would
  // inherit `root: "src/web"` and miss the tests in test/ and e2e/.
  test: {
    root: repoRoot,
  },
});

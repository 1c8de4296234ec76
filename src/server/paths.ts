import { fileURLToPath } from "node:url";

/** The repository (or installed package) root, from this file's location. */
export const ROOT_DIR = fileURLToPath(new URL("../../", import.meta.url));
/** Where `vite build` writes the web app. */
export const WEB_DIST_DIR = fileURLToPath(new URL("../../dist/web/", import.meta.url));

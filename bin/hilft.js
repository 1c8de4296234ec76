#!/usr/bin/env node
// The `hilft` command. Runs the TypeScript sources through tsx, so a clone needs no
// separate compile step and `npx hilft …` always runs the code that is checked out.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/main.ts");
await runCli(process.argv);

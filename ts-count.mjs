import { register } from "tsx/esm/api";
register();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
await import("./src/cli/main.ts");
const c = process.cpuUsage(cpu0);
console.log("import main ms", Math.round(performance.now() - t0), "cpu", Math.round((c.user + c.system) / 1000));

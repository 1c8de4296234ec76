import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * PGlite lets one process open a data directory. The process that opens it writes its
 * pid here; another process that finds a live pid stops with a sentence saying so.
 */
export class DataDirBusyError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireDataDirLock(dataDir: string, purpose: string): () => void {
  const file = path.join(dataDir, "hilft.pid");
  try {
    const [pidText, holder] = readFileSync(file, "utf8").split("\n");
    const pid = Number(pidText);
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DataDirBusyError(
        `Another hilft process (pid ${pid}, ${holder || "server"}) has the embedded database in ${dataDir} open. ` +
          "Stop it first, or run hilft on PostgreSQL (DATABASE_URL), where commands run side by side.",
      );
    }
  } catch (err) {
    if (err instanceof DataDirBusyError) throw err;
    // No lock file, or an unreadable one: nobody holds the directory.
  }
  writeFileSync(file, `${process.pid}\n${purpose}\n`);
  return () => {
    try {
      if (readFileSync(file, "utf8").startsWith(`${process.pid}\n`)) rmSync(file);
    } catch {
      // Already gone.
    }
  };
}

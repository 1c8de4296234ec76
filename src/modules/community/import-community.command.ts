import { createReadStream, existsSync, statSync } from "node:fs";
import cliProgress from "cli-progress";
import type { Services } from "../../server/services.ts";
import { importCommunity } from "./import-community.ts";

const MAX_PROBLEMS_SHOWN = 50;

async function countLines(file: string): Promise<number> {
  let n = 0;
  let last = 10;
  for await (const chunk of createReadStream(file)) {
    const buf = chunk as Buffer;
    for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n += 1;
    last = buf[buf.length - 1] ?? last;
  }
  return last === 10 ? n : n + 1;
}

/**
 * The terminal side of `hilft import community`: a progress bar on a TTY, plain lines
 * otherwise, each bad line with its number, and a summary. False when lines were skipped.
 */
export async function importCommunityCommand(
  services: Services,
  file: string,
  opts: { batchSize?: number | undefined },
): Promise<boolean> {
  if (!existsSync(file) || !statSync(file).isFile()) {
    console.error(`hilft: ${file} is not a readable file`);
    return false;
  }
  const total = await countLines(file);
  const tty = Boolean(process.stdout.isTTY);
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          format: "importing [{bar}] {percentage}% | {value}/{total} lines | {eta_formatted} left",
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(total, 0);
  let lastPrinted = 0;
  const started = Date.now();
  const summary = await importCommunity(services, file, {
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    onProgress: (lines) => {
      if (bar) return bar.update(lines);
      // Plain output for logs and pipes: about every tenth, and at the end.
      if (lines - lastPrinted >= Math.max(1000, Math.ceil(total / 10)) || lines >= total) {
        lastPrinted = lines;
        console.log(`imported ${lines}/${total} lines`);
      }
    },
  });
  bar?.stop();
  for (const p of summary.problems.slice(0, MAX_PROBLEMS_SHOWN)) {
    console.error(`line ${p.line}: ${p.message} (skipped)`);
  }
  if (summary.problems.length > MAX_PROBLEMS_SHOWN) {
    console.error(`… and ${summary.problems.length - MAX_PROBLEMS_SHOWN} more bad lines`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    [
      `Imported ${file} in ${seconds}s:`,
      `  questions: ${summary.questionsCreated} new, ${summary.questionsUpdated} updated`,
      `  answers:   ${summary.answersCreated} new, ${summary.answersUpdated} updated`,
      `  boards created: ${summary.boardsCreated}, authors: ${summary.authorsSeen}`,
      `  lines skipped: ${summary.skipped}`,
    ].join("\n"),
  );
  return summary.skipped === 0;
}

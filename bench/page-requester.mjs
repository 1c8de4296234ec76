/**
 * The visitors' side of bench/community.ts, in a child process of its own so that
 * sending requests and reading answers does not take the server's event loop (or its
 * core). node:http with keep-alive connections, as browsers and proxies keep them.
 * Receives one job over IPC, answers with the latencies, exits.
 */
import http from "node:http";

// Plain JavaScript: child processes get tsx's loader only when asked; this needs none.
/**
 * @typedef {{ base: string, paths: string[], count: number, concurrency: number,
 *   acceptEncoding: string, random: boolean }} Job
 */

process.once("message", (/** @type {Job} */ job) => {
  void run(job).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (err) => process.send?.({ error: String(err?.stack ?? err) }, () => process.exit(1)),
  );
});

/** @param {Job} job */
async function run(job) {
  const target = new URL(job.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  /** @type {number[]} */
  const latencies = [];
  let bytes = 0;
  let next = 0;
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  /** @param {string} path @returns {Promise<void>} */
  const get = (path) =>
    new Promise((resolve, reject) => {
      const req = http.get(
        {
          host: target.hostname,
          port: target.port,
          path,
          agent,
          headers: { "accept-encoding": job.acceptEncoding, "accept-language": "de" },
        },
        (res) => {
          res.on("data", (chunk) => {
            bytes += chunk.length;
          });
          res.on("end", () =>
            res.statusCode === 200
              ? resolve()
              : reject(new Error(`${path} answered ${res.statusCode}`)),
          );
        },
      );
      req.on("error", reject);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.count) {
        const i = next++;
        const path = job.random
          ? job.paths[Math.floor(rnd() * job.paths.length)]
          : job.paths[i % job.paths.length];
        const t0 = performance.now();
        await get(path);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { latencies, seconds, bytes };
}

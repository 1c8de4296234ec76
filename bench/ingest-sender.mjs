/**
 * The "platform" side of bench/ingest.ts, in its own thread so that sending does not
 * compete with the server for its event loop: posts the signed deliveries it is given,
 * at full speed or at a fixed rate, and reports when each was sent. Uses node:http with
 * keep-alive rather than fetch: the platforms send from their own machines, so the
 * sender should take as little of this machine's CPU as it can.
 */
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

// Plain JavaScript: worker threads do not get tsx's loader.
/** @type {{ url: string, items: { id: string, body: string, signature: string }[], concurrency: number, ratePerSec?: number }} */
const job = workerData;
/** @type {Record<string, number>} */
const sentAt = {};
const started = performance.now();
const target = new URL(`${job.url}/webhooks/x`);
const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
let next = 0;
let failures = 0;

/** @param {{ body: string, signature: string }} item */
function post(item) {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(item.body),
          "x-twitter-webhooks-signature": item.signature,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      },
    );
    req.on("error", () => resolve(0));
    req.end(item.body);
  });
}

async function sender() {
  for (;;) {
    const i = next++;
    if (i >= job.items.length) return;
    if (job.ratePerSec) {
      const wait = started + (i / job.ratePerSec) * 1000 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const item = job.items[i];
    sentAt[item.id] = Date.now();
    if ((await post(item)) !== 200) failures++;
  }
}

await Promise.all(Array.from({ length: job.concurrency }, sender));
agent.destroy();
parentPort.postMessage({ sentAt, failures, ackSeconds: (performance.now() - started) / 1000 });

/**
 * The "platform" side of bench/ingest.ts, in its own thread so that sending does not
 * compete with the server for its event loop: posts the signed deliveries it is given,
 * at full speed or at a fixed rate, and reports when each was sent.
 */
import { parentPort, workerData } from "node:worker_threads";

// Plain JavaScript: worker threads do not get tsx's loader.
/** @type {{ url: string, items: { id: string, body: string, signature: string }[], concurrency: number, ratePerSec?: number }} */
const job = workerData;
/** @type {Record<string, number>} */
const sentAt = {};
const started = performance.now();
let next = 0;
let failures = 0;

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
    const res = await fetch(`${job.url}/webhooks/x`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-twitter-webhooks-signature": item.signature,
      },
      body: item.body,
    });
    if (res.status !== 200) failures++;
    await res.arrayBuffer();
  }
}

await Promise.all(Array.from({ length: job.concurrency }, sender));
parentPort.postMessage({ sentAt, failures, ackSeconds: (performance.now() - started) / 1000 });

import { createServer } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyFacebook, verifyX } from "../lib/webhook-signatures.ts";
import { type DeliverableEvent, deliver, percentile } from "./deliver.ts";
import { fixtures } from "./fixtures.ts";
import { generateScenario } from "./scenarios.ts";
import { loadTextPool } from "./texts.ts";

const secrets = { x: { consumerSecret: "x-secret" }, facebook: { appSecret: "fb-secret" } };

/** A minimal hilft stand-in: checks signatures, stores each body once, can fail on demand. */
interface Receiver {
  app: FastifyInstance;
  url: string;
  stored: Set<string>;
  requests: number;
  failNext: number;
  failStatus: number;
}

async function startReceiver(): Promise<Receiver> {
  const app = Fastify();
  const receiver: Receiver = {
    app,
    url: "",
    stored: new Set(),
    requests: 0,
    failNext: 0,
    failStatus: 500,
  };
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) =>
    done(null, body),
  );
  const handle = (verify: (raw: Buffer, header: unknown) => boolean, header: string) =>
    app.post(
      `/webhooks/${header === "x-twitter-webhooks-signature" ? "x" : "facebook"}`,
      async (request, reply) => {
        receiver.requests += 1;
        if (receiver.failNext > 0) {
          receiver.failNext -= 1;
          return reply.code(receiver.failStatus).send({ error: "try again" });
        }
        const raw = request.body as Buffer;
        if (!verify(raw, request.headers[header]))
          return reply.code(401).send({ error: "bad signature" });
        receiver.stored.add(raw.toString("utf8"));
        return reply.code(200).send();
      },
    );
  handle((raw, h) => verifyX(secrets.x.consumerSecret, raw, h), "x-twitter-webhooks-signature");
  handle((raw, h) => verifyFacebook(secrets.facebook.appSecret, raw, h), "x-hub-signature-256");
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  receiver.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return receiver;
}

let receiver: Receiver;
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(() => receiver.app.close());

const fixtureEvents: DeliverableEvent[] = fixtures.map((f) => ({
  platform: f.platform,
  body: f.body,
  expectedMessages: f.expectedMessages,
}));

describe("deliver", () => {
  it("signs and delivers every fixture, counting what must be stored", async () => {
    const progress: number[] = [];
    const result = await deliver({
      target: `${receiver.url}/`,
      events: fixtureEvents,
      secrets,
      concurrency: 4,
      onProgress: (p) => progress.push(p.done),
    });
    expect(result).toMatchObject({
      sent: fixtures.length,
      acknowledged: fixtures.length,
      failed: 0,
      attempts: fixtures.length,
      retries: 0,
      expectedMessages: fixtures.reduce((n, f) => n + f.expectedMessages, 0),
      statuses: { "200": fixtures.length },
    });
    expect(receiver.stored.size).toBe(fixtures.length);
    expect(progress.at(-1)).toBe(fixtures.length);
    expect(result.latencyMs.p50).toBeGreaterThan(0);
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(result.latencyMs.p50);
  });

  it("retries the same bytes after 500s without counting an event twice", async () => {
    receiver.failNext = 3;
    const events = fixtureEvents.slice(0, 4);
    const result = await deliver({
      target: receiver.url,
      events,
      secrets,
      concurrency: 1,
      retry: { baseDelayMs: 5 },
    });
    expect(result).toMatchObject({ sent: 4, acknowledged: 4, failed: 0, retries: 3, attempts: 7 });
    expect(receiver.requests).toBe(7);
    expect(receiver.stored.size).toBe(4); // the signature verified on every retry
    expect(result.statuses).toEqual({ "200": 4 });
  });

  it("retries 429 and gives up after the last attempt", async () => {
    receiver.failNext = 10;
    receiver.failStatus = 429;
    const result = await deliver({
      target: receiver.url,
      events: fixtureEvents.slice(0, 1),
      secrets,
      retry: { attempts: 3, baseDelayMs: 1 },
    });
    expect(result).toMatchObject({
      sent: 1,
      acknowledged: 0,
      failed: 1,
      attempts: 3,
      retries: 2,
      expectedMessages: 0,
    });
    expect(result.failures[0]).toMatchObject({ index: 0, status: 429 });
  });

  it("does not retry a refused signature", async () => {
    const result = await deliver({
      target: receiver.url,
      events: fixtureEvents.slice(0, 2),
      secrets: { x: { consumerSecret: "wrong" }, facebook: { appSecret: "wrong" } },
      retry: { baseDelayMs: 1 },
    });
    expect(result).toMatchObject({
      sent: 2,
      acknowledged: 0,
      failed: 2,
      attempts: 2,
      retries: 0,
      statuses: { "401": 2 },
    });
  });

  it("retries connection errors and reports them", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const result = await deliver({
      target: `http://127.0.0.1:${port}`,
      events: fixtureEvents.slice(0, 1),
      secrets,
      retry: { attempts: 2, baseDelayMs: 1 },
    });
    expect(result).toMatchObject({ sent: 1, failed: 1, attempts: 2, statuses: { network: 1 } });
    expect(result.failures[0]?.error).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it("delivers a scenario at its rate and counts its expected messages", async () => {
    const scenario = generateScenario({
      scenario: "burst",
      rate: 200,
      count: 40,
      seed: 3,
      texts: loadTextPool({ useDataset: false }),
    });
    const result = await deliver({ target: receiver.url, events: scenario.events, secrets });
    expect(result.acknowledged).toBe(40);
    expect(result.expectedMessages).toBe(scenario.expectedMessages);
    expect(receiver.stored.size).toBe(40);
    // 40 events at 200/s take at least 195 ms.
    expect(result.durationMs).toBeGreaterThanOrEqual(190);
  });
});

describe("percentile", () => {
  it("uses the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

import { Command } from "commander";
import Fastify from "fastify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerSimulateCommands } from "../cli/simulate.ts";
import { verifyFacebook, verifyX } from "../lib/webhook-signatures.ts";

function cli(): Command {
  const program = new Command("hilft").exitOverride();
  registerSimulateCommands(program);
  for (const command of program.commands) command.exitOverride();
  for (const command of program.commands.flatMap((c) => c.commands)) command.exitOverride();
  return program;
}

const required = [
  "--x-user-id",
  "3001",
  "--x-consumer-secret",
  "xs",
  "--fb-page-id",
  "1001",
  "--fb-app-secret",
  "fs",
];

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe("hilft simulate run", () => {
  it("describes a scenario on a dry run without sending anything", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await cli().parseAsync(
      [
        "simulate",
        "run",
        "--target",
        "http://127.0.0.1:9",
        "--scenario",
        "outage",
        "--seed",
        "3",
        "--no-dataset",
        "--dry-run",
        ...required,
      ],
      { from: "user" },
    );
    expect(log.mock.calls.flat().join("\n")).toMatch(
      /^Scenario outage \(seed 3, texts: builtin\): \d+ events \(\d+ Facebook, \d+ X\), 2520 new messages/,
    );
  });

  it("refuses an unknown scenario with a sentence", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    await expect(
      cli().parseAsync(
        ["simulate", "run", "--target", "http://x", "--scenario", "party", ...required],
        { from: "user" },
      ),
    ).rejects.toThrow(/choose one of normal, launch, outage, burst/);
  });

  it("delivers a burst to a server and prints plain progress and a summary", async () => {
    const receiver = Fastify();
    let verified = 0;
    receiver.addContentTypeParser("application/json", { parseAs: "buffer" }, (_r, body, done) =>
      done(null, body),
    );
    receiver.post("/webhooks/x", async (req, reply) => {
      if (verifyX("xs", req.body as Buffer, req.headers["x-twitter-webhooks-signature"]))
        verified += 1;
      return reply.code(200).send();
    });
    receiver.post("/webhooks/facebook", async (req, reply) => {
      if (verifyFacebook("fs", req.body as Buffer, req.headers["x-hub-signature-256"]))
        verified += 1;
      return reply.code(200).send("EVENT_RECEIVED");
    });
    await receiver.listen({ port: 0, host: "127.0.0.1" });
    const { port } = receiver.server.address() as { port: number };
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await cli().parseAsync(
        [
          "simulate",
          "run",
          "--target",
          `http://127.0.0.1:${port}/`,
          "--scenario",
          "burst",
          "--rate",
          "500",
          "--count",
          "30",
          "--seed",
          "1",
          "--no-dataset",
          ...required,
        ],
        { from: "user" },
      );
    } finally {
      await receiver.close();
    }
    const out = log.mock.calls.flat().join("\n");
    expect(verified).toBe(30);
    expect(out).toContain(
      "hilft simulate: 30/30 events (100%), 30 acknowledged, 0 failed, 0 retries",
    );
    expect(out).toContain("Sent 30 · acknowledged 30 · failed 0 · retries 0 (30 requests)");
    expect(out).toContain("hilft should now hold 30 new messages from this run.");
    expect(process.exitCode).toBeUndefined();
  });
});

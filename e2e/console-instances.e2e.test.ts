import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signX } from "../src/lib/webhook-signatures.ts";
import {
  type RunningPlatformServer,
  startPlatformServer,
} from "../src/simulator/platform-server.ts";
import { createTestDatabase, type TestDatabase, usingPostgres } from "../test/database.ts";
import { type RunningServer, runCli, startServer } from "../test/e2e-server.ts";

/**
 * Two hilft processes on one PostgreSQL database, as behind a load balancer: a webhook
 * taken in by instance 1 and a presence heartbeat sent to instance 1 reach an agent
 * whose event stream is on instance 2 (LISTEN/NOTIFY). PGlite is one process with one
 * connection, so there is nothing to test there.
 */
const X = { userId: "3901", handle: "telekom_hilft", secret: "e2e-consumer-secret" };
const ANNA = "anna.berger@demo.hilft.example";
const JONAS = "jonas.keller@demo.hilft.example";

interface Session {
  cookie: string;
  csrfToken: string;
}

async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** An SSE client that keeps every event it reads, to wait for one by its content. */
function openEvents(baseUrl: string, session: Session) {
  const controller = new AbortController();
  const events: { type: string; data: Record<string, unknown> }[] = [];
  let opened: () => void;
  const ready = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const done = (async () => {
    const res = await fetch(`${baseUrl}/api/v1/events`, {
      headers: { cookie: session.cookie, accept: "text/event-stream" },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    opened!();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type && data) events.push({ type, data: JSON.parse(data) });
        end = buffer.indexOf("\n\n");
      }
    }
  })().catch((err: unknown) => {
    if (!(err instanceof Error && err.name === "AbortError")) throw err;
  });
  return {
    ready,
    events,
    async waitFor(match: (e: { type: string; data: Record<string, unknown> }) => boolean) {
      const until = Date.now() + 20_000;
      while (Date.now() < until) {
        const found = events.find(match);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no matching event; got ${JSON.stringify(events)}`);
    },
    async close() {
      controller.abort();
      await done;
    },
  };
}

describe.skipIf(!usingPostgres())("realtime across two instances on one PostgreSQL", () => {
  let platform: RunningPlatformServer | undefined;
  let database: TestDatabase | undefined;
  let one: RunningServer | undefined;
  let two: RunningServer | undefined;
  const dirs: string[] = [];
  const passwords: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startPlatformServer({ port: 0 });
    database = await createTestDatabase();
    // Both instances must open the same sealed channel credentials.
    const secret = randomBytes(32).toString("hex");
    dirs.push(mkdtempSync(path.join(tmpdir(), "hilft-inst1-")));
    dirs.push(mkdtempSync(path.join(tmpdir(), "hilft-inst2-")));
    const env = { HILFT_DATA_DIR: dirs[0]!, DATABASE_URL: database.url!, HILFT_SECRET_KEY: secret };
    const seeded = await runCli(["seed", "demo"], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    for (const email of [ANNA, JONAS]) {
      passwords[email] = new RegExp(`${email}\\s+password: (\\S+)`).exec(seeded.stdout)?.[1] ?? "";
    }
    const channel = await runCli(
      [
        "channel",
        "add",
        "x",
        "--handle",
        X.handle,
        "--user-id",
        X.userId,
        "--consumer-secret",
        X.secret,
        "--access-token",
        "e2e-token",
        "--api-base-url",
        platform.url,
      ],
      env,
    );
    expect(channel.code, channel.stderr).toBe(0);
    const shared = { HILFT_SECRET_KEY: secret };
    [one, two] = await Promise.all([
      startServer({ dataDir: dirs[0]!, database, env: shared }),
      startServer({ dataDir: dirs[1]!, database, env: shared }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await one?.stop({ cleanup: false });
    await two?.stop({ cleanup: true });
    await platform?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("delivers a webhook and a heartbeat taken in by instance 1 to a stream on instance 2", async () => {
    const anna = await signIn(two!.url, ANNA, passwords[ANNA]!);
    const stream = openEvents(two!.url, anna);
    await stream.ready;
    try {
      const at = new Date();
      const raw = JSON.stringify({
        for_user_id: X.userId,
        tweet_create_events: [
          {
            created_at: at.toUTCString().replace(/GMT/, "+0000"),
            id_str: "1790000000000000201",
            text: "@telekom_hilft Zwei Server, eine Störung?",
            in_reply_to_status_id_str: null,
            user: { id: 88003, id_str: "88003", screen_name: "ina_i", name: "Ina Instanz" },
            entities: {
              hashtags: [],
              urls: [],
              user_mentions: [{ screen_name: X.handle, id_str: X.userId, indices: [0, 14] }],
            },
            timestamp_ms: String(at.getTime()),
            lang: "de",
          },
        ],
      });
      const res = await fetch(`${one!.url}/webhooks/x`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-twitter-webhooks-signature": signX(X.secret, raw),
        },
        body: raw,
      });
      expect(res.status).toBe(200);
      const created = await stream.waitFor((e) => e.type === "message.created");
      const conversationId = created.data.conversationId as string;
      expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);

      // Jonas, on instance 1, opens it: Anna's stream on instance 2 hears it, and
      // instance 2 answers the same snapshot.
      const jonas = await signIn(one!.url, JONAS, passwords[JONAS]!);
      const beat = await fetch(`${one!.url}/api/v1/conversations/${conversationId}/presence`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: jonas.cookie,
          "x-csrf-token": jonas.csrfToken,
        },
        body: JSON.stringify({ state: "typing" }),
      });
      expect(beat.status).toBe(200);
      const presence = await stream.waitFor((e) => e.type === "presence");
      expect(presence.data).toMatchObject({
        conversationId,
        name: "Jonas Keller",
        initials: "JK",
        state: "typing",
      });
      const snapshot = await fetch(`${two!.url}/api/v1/presence`, {
        headers: { cookie: anna.cookie },
      });
      expect(((await snapshot.json()) as { items: unknown[] }).items).toEqual([
        expect.objectContaining({ conversationId, name: "Jonas Keller", state: "typing" }),
      ]);
    } finally {
      await stream.close();
    }
  }, 60_000);
});

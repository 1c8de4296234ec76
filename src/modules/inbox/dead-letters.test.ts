import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectChannels,
  eventually,
  postX,
  startRecorder,
  tweetEvent,
  X_BRAND,
} from "../../../test/channels.ts";
import { buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import { createUser } from "../accounts/create-user.ts";
import { MAX_INGEST_ATTEMPTS } from "./ingest-worker.ts";

let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp();
  await connectChannels(t, recorder.url);
});
afterAll(async () => {
  await t?.close();
  await recorder?.close();
});

const query = <T>(sql: string, params: unknown[] = []) =>
  t.services.database.withConnection((c) => c.query<T>(sql, params)).then((r) => r.rows);

describe("dead letters", () => {
  it("parks an event that keeps failing, alerts admins, and replays it once fixed", async () => {
    const workspace = (await t.services.workspaces.findBySlug("test"))!;
    await createUser(t.services, {
      email: "ops@example.com",
      name: "Ops",
      password: "betrieb-sicher-9",
      role: "admin",
      workspaceId: workspace.id,
    });
    const admin = await loginAs(t.app, "ops@example.com", "betrieb-sicher-9");

    // A stored delivery that cannot be processed, on its last attempt.
    const [channel] = await query<{ id: string }>("SELECT id FROM channels WHERE kind = 'x'");
    const [event] = await query<{ id: string }>(
      `INSERT INTO webhook_events (platform, channel_id, body_hash, payload, attempts)
       VALUES ('x', $1, 'poison', $2::jsonb, $3) RETURNING id`,
      [
        channel!.id,
        JSON.stringify({ for_user_id: X_BRAND.userId, tweet_create_events: 5 }),
        MAX_INGEST_ATTEMPTS - 1,
      ],
    );
    t.services.signals.emit("webhook-stored");
    const dead = await eventually(async () => {
      const res = await admin.inject({ url: "/api/v1/admin/webhook-events?status=dead" });
      return res.json().items.find((e: { id: number }) => e.id === Number(event!.id));
    });
    expect(dead.lastError).toMatch(/not iterable/);
    const alerts = (await admin.inject({ url: "/api/v1/admin/alerts" })).json().items;
    expect(
      alerts.some(
        (a: { kind: string; message: string }) =>
          a.kind === "dead_letter" && a.message.includes(`#${event!.id}`),
      ),
    ).toBe(true);

    // Other traffic keeps flowing past it.
    await postX(
      t,
      tweetEvent({
        id: "5550001",
        text: "@telekom_hilft hallo",
        user: { id: "77", screen_name: "k77", name: "K" },
      }),
    );
    await eventually(
      async () =>
        (await query("SELECT 1 FROM messages WHERE platform_id = '5550001'")).length === 1,
    );

    // Fixed (here: by correcting the stored body), then replayed: processed once.
    await query("UPDATE webhook_events SET payload = $2::jsonb WHERE id = $1", [
      event!.id,
      JSON.stringify(
        tweetEvent({
          id: "5550002",
          text: "@telekom_hilft zweiter Versuch",
          user: { id: "78", screen_name: "k78", name: "K" },
        }),
      ),
    ]);
    const replay = await admin.inject({
      method: "POST",
      url: `/api/v1/admin/webhook-events/${event!.id}/replay`,
    });
    expect(replay.statusCode).toBe(202);
    await eventually(
      async () =>
        (await query("SELECT 1 FROM messages WHERE platform_id = '5550002'")).length === 1,
    );
    const replayAgain = await admin.inject({
      method: "POST",
      url: `/api/v1/admin/webhook-events/${event!.id}/replay`,
    });
    expect(replayAgain.statusCode).toBe(202);
    await eventually(
      async () =>
        (
          await query<{ status: string }>("SELECT status FROM webhook_events WHERE id = $1", [
            event!.id,
          ])
        )[0]?.status === "done",
    );
    expect(await query("SELECT 1 FROM messages WHERE platform_id = '5550002'")).toHaveLength(1);

    const missing = await admin.inject({
      method: "POST",
      url: "/api/v1/admin/webhook-events/999999/replay",
    });
    expect(missing.statusCode).toBe(404);
  });

  it("stores a delivery whose text holds a NUL character", async () => {
    const res = await postX(
      t,
      tweetEvent({
        id: "5550003",
        text: "kaputt\u0000text",
        user: { id: "79", screen_name: "k79", name: "K" },
      }),
    );
    expect(res.statusCode).toBe(200);
    const rows = await eventually(async () => {
      const r = await query<{ text: string }>(
        "SELECT text FROM messages WHERE platform_id = '5550003'",
      );
      return r.length ? r : undefined;
    });
    expect(rows[0]!.text).toBe("kaputt\ufffdtext");
  });
});

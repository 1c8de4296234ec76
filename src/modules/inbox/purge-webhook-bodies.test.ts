import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectChannels,
  eventually,
  postX,
  startRecorder,
  tweetEvent,
} from "../../../test/channels.ts";
import { buildTestApp, loginAs, type TestApp } from "../../../test/helpers.ts";
import { createUser } from "../accounts/create-user.ts";
import { purgeWebhookBodies } from "./purge-webhook-bodies.ts";

let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp({ HILFT_WEBHOOK_RETENTION_DAYS: "10" });
  await connectChannels(t, recorder.url);
});
afterAll(async () => {
  await t?.close();
  await recorder?.close();
});

const query = <T>(sql: string, params: unknown[] = []) =>
  t.services.database.withConnection((c) => c.query<T>(sql, params)).then((r) => r.rows);

const DAY = 24 * 60 * 60 * 1000;

describe("webhook body retention", () => {
  it("empties processed bodies older than the retention, keeps the rest and the messages", async () => {
    expect(t.config.webhookRetentionDays).toBe(10);
    const workspace = (await t.services.workspaces.findBySlug("test"))!;
    await createUser(t.services, {
      email: "retention@example.com",
      name: "Admin",
      password: "aufbewahrung-9x",
      role: "admin",
      workspaceId: workspace.id,
    });
    const admin = await loginAs(t.app, "retention@example.com", "aufbewahrung-9x");

    // A real delivery, processed by the pipeline.
    const text = "@telekom_hilft meine Nummer ist 0171 2345678, bitte zurückrufen";
    await postX(
      t,
      tweetEvent({ id: "8810001", text, user: { id: "881", screen_name: "k881", name: "K" } }),
    );
    const [processed] = await eventually(async () => {
      const rows = await query<{ id: string }>(
        "SELECT id FROM webhook_events WHERE status = 'done' AND payload::text LIKE '%8810001%'",
      );
      return rows.length ? rows : undefined;
    });
    const [channel] = await query<{ id: string }>("SELECT id FROM channels WHERE kind = 'x'");
    const insert = async (status: string, processedDaysAgo: number | null, hash: string) => {
      const [row] = await query<{ id: string }>(
        `INSERT INTO webhook_events (platform, channel_id, body_hash, payload, status, received_at, processed_at)
         VALUES ('x', $1, $2, '{"text":"IBAN DE89370400440532013000"}'::jsonb, $3::webhook_event_status,
                 now() - interval '40 days',
                 CASE WHEN $4::int IS NULL THEN NULL ELSE now() - make_interval(days => $4::int) END)
         RETURNING id`,
        [channel!.id, hash, status, processedDaysAgo],
      );
      return Number(row!.id);
    };
    const recent = await insert("done", 9, "recent");
    const old = await insert("done", 11, "old");
    const dead = await insert("dead", null, "dead");
    const pending = await insert("pending", null, "pending");

    // Today only the 11-day-old body is due.
    expect(await purgeWebhookBodies(t.services)).toBe(1);
    // Eleven days on, the real delivery and the 9-day-old one are due as well.
    const later = new Date(Date.now() + 11 * DAY);
    expect(await purgeWebhookBodies(t.services, later)).toBe(2);
    expect(await purgeWebhookBodies(t.services, later)).toBe(0);

    const rows = await query<{ id: string; payload: unknown; purged: boolean; status: string }>(
      "SELECT id, payload, payload_purged_at IS NOT NULL AS purged, status FROM webhook_events",
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    for (const id of [old, recent, Number(processed!.id)]) {
      expect(byId.get(id)).toMatchObject({ payload: {}, purged: true, status: "done" });
    }
    for (const id of [dead, pending]) {
      expect(byId.get(id)).toMatchObject({
        payload: { text: "IBAN DE89370400440532013000" },
        purged: false,
      });
    }
    expect(JSON.stringify(rows)).not.toContain("0171 2345678");

    // The message itself stays in the inbox.
    expect(
      await query("SELECT 1 FROM messages WHERE platform_id = '8810001' AND text = $1", [text]),
    ).toHaveLength(1);

    // A purged delivery cannot be replayed, and the admin list says why.
    const replay = await admin.inject({
      method: "POST",
      url: `/api/v1/admin/webhook-events/${old}/replay`,
    });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe("webhook_event_purged");
    const list = (await admin.inject({ url: "/api/v1/admin/webhook-events?status=done" })).json();
    const listed = list.items.find((e: { id: number }) => e.id === old);
    expect(listed.payloadPurgedAt).toEqual(expect.any(String));
    // A dead letter keeps its body and can still be replayed.
    const replayDead = await admin.inject({
      method: "POST",
      url: `/api/v1/admin/webhook-events/${dead}/replay`,
    });
    expect(replayDead.statusCode).toBe(202);
  });
});

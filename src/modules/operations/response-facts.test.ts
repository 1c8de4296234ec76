import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChannels } from "../../../test/channels.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { CALENDAR_CLOCK, conversations } from "../../db/schema/index.ts";
import { durationBucket } from "../../lib/duration-histogram.ts";

// Ingest stores a batch of messages in one INSERT; the response facts it starts must be
// those the per-message rules give (waves, first replies, reopens).
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({}, { workers: false });
  await connectChannels(t, "http://127.0.0.1:9");
});
afterAll(async () => {
  await t?.close();
});

const query = <T>(sql: string, params: unknown[] = []) =>
  t.services.database.withConnection((c) => c.query<T>(sql, params)).then((r) => r.rows);

/** The X channel's workspace, a new contact, and a way to open public conversations. */
async function fixture(contactName: string) {
  const [ch] = await query<{ id: string; workspace_id: string }>(
    "SELECT id, workspace_id FROM channels WHERE kind = 'x'",
  );
  const ws = ch!.workspace_id;
  const [contact] = await query<{ id: string }>(
    "INSERT INTO contacts (workspace_id, display_name) VALUES ($1, $2) RETURNING id",
    [ws, contactName],
  );
  const conv = async (key: string) =>
    (
      await query<{ id: string }>(
        `INSERT INTO conversations (workspace_id, channel_id, contact_id, thread_key, visibility)
         VALUES ($1, $2, $3, $4, 'public') RETURNING id`,
        [ws, ch!.id, contact!.id, key],
      )
    )[0]!.id;
  return { ws, channelId: ch!.id, contactId: contact!.id, conv };
}

const T0 = new Date("2026-03-02T09:00:00Z").getTime();
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();

describe("response facts of a bulk insert", () => {
  it("opens, keeps and reopens waves as message by message would", async () => {
    const { ws, channelId, conv } = await fixture("Kundin");
    const [a, b, c] = [await conv("rf:a"), await conv("rf:b"), await conv("rf:c")];
    const insert = (rows: [string, "inbound" | "outbound", number][]) =>
      query(
        `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text, created_at)
         SELECT $1, r.c, $2, r.d::message_direction, 'public', 'text', r.t
           FROM jsonb_to_recordset($3::jsonb) AS r(c uuid, d text, t timestamptz)`,
        [ws, channelId, JSON.stringify(rows.map(([c, d, m]) => ({ c, d, t: at(m) })))],
      );
    // Before the batch: b has an open wave, c a wave solved after ten minutes.
    await insert([
      [b, "inbound", 0],
      [c, "inbound", 0],
    ]);
    await query("UPDATE conversations SET status = 'solved', solved_at = $2 WHERE id = $1", [
      c,
      at(10),
    ]);

    await insert([
      [a, "inbound", 5],
      [a, "inbound", 2],
      [a, "outbound", 8],
      [b, "inbound", 20],
      [c, "inbound", 30],
      [c, "outbound", 40],
    ]);

    const facts = await query<{
      conversation_id: string;
      started_at: Date | string;
      first_reply_at: Date | string | null;
      resolved_at: Date | string | null;
    }>(
      "SELECT conversation_id, started_at, first_reply_at, resolved_at FROM response_facts WHERE conversation_id = ANY($1) ORDER BY started_at",
      [[a, b, c]],
    );
    const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
    const of = (id: string) =>
      facts
        .filter((f) => f.conversation_id === id)
        .map((f) => [iso(f.started_at), iso(f.first_reply_at), iso(f.resolved_at)]);
    expect(of(a)).toEqual([[at(2), at(8), null]]);
    expect(of(b)).toEqual([[at(0), null, null]]);
    expect(of(c)).toEqual([
      [at(0), null, at(10)],
      [at(30), at(40), null],
    ]);
  });

  it("keeps the roll-up and the waves' team, priority and solution per statement", async () => {
    const { ws, channelId, contactId } = await fixture("Kunde");
    // Twelve conversations, each with a customer message and most with a reply, in one
    // INSERT of conversations and one of messages (as ingest writes them).
    const ids = (
      await query<{ id: string }>(
        `INSERT INTO conversations (workspace_id, channel_id, contact_id, thread_key, visibility)
         SELECT $1, $2, $3, 'rd:' || i, 'public' FROM generate_series(1, 12) i RETURNING id`,
        [ws, channelId, contactId],
      )
    ).map((r) => r.id);
    const rows = ids.flatMap((c, i) => [
      { c, d: "inbound", t: at(60 * 24 * (i % 3) + i) },
      ...(i % 4 ? [{ c, d: "outbound", t: at(60 * 24 * (i % 3) + i + 7 * i) }] : []),
    ]);
    await query(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text, created_at)
       SELECT $1, r.c, $2, r.d::message_direction, 'public', 'text', r.t
         FROM jsonb_to_recordset($3::jsonb) AS r(c uuid, d text, t timestamptz)`,
      [ws, channelId, JSON.stringify(rows)],
    );
    // One UPDATE raises the priority of all, solves a third, and leaves one untouched.
    await query(
      `UPDATE conversations SET priority = 2,
         status = CASE WHEN thread_key IN ('rd:1', 'rd:4', 'rd:7', 'rd:10') THEN 'solved'::conversation_status ELSE status END,
         solved_at = CASE WHEN thread_key IN ('rd:1', 'rd:4', 'rd:7', 'rd:10') THEN created_at + interval '1 hour' END
       WHERE id = ANY($1) AND thread_key <> 'rd:12'`,
      [ids],
    );
    // And a deletion takes waves away (cascading from their conversations).
    await query("DELETE FROM conversations WHERE thread_key IN ('rd:2', 'rd:3')");

    const facts = await query<{ thread_key: string; priority: number; resolved: boolean }>(
      `SELECT c.thread_key, f.priority, f.resolved_at IS NOT NULL AS resolved
         FROM response_facts f JOIN conversations c ON c.id = f.conversation_id
        WHERE c.thread_key LIKE 'rd:%' ORDER BY c.created_at, c.thread_key`,
    );
    expect(facts).toHaveLength(10);
    for (const f of facts) {
      expect(f.priority).toBe(f.thread_key === "rd:12" ? 0 : 2);
      expect(f.resolved).toBe(["rd:1", "rd:4", "rd:7", "rd:10"].includes(f.thread_key));
    }
    // The roll-up holds exactly what counting all facts again gives.
    const recount = await query(
      `SELECT p.clock_id, (f.started_at AT TIME ZONE w.time_zone)::date::text AS day, f.channel,
              p.kind, p.bucket_ms::text AS bucket, count(*)::int AS count
         FROM response_facts f JOIN workspaces w ON w.id = f.workspace_id
        CROSS JOIN LATERAL response_fact_parts(f.workspace_id, f.started_at, f.first_reply_at,
                                               f.resolved_at, NULL) p
        WHERE f.workspace_id = $1
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      [ws],
    );
    const rollUp = await query(
      `SELECT clock_id, day::text AS day, channel, kind, bucket_ms::text AS bucket, count
         FROM response_days WHERE workspace_id = $1 AND count <> 0 ORDER BY 1, 2, 3, 4, 5`,
      [ws],
    );
    expect(recount.length).toBeGreaterThan(10);
    expect(rollUp).toEqual(recount);
  });
});

describe("response facts of threads joined together", () => {
  it("counts the adopted thread's messages in the conversation that took them in", async () => {
    const { ws, channelId, conv } = await fixture("Kunde");
    const insert = (c: string, d: "inbound" | "outbound", min: number) =>
      query(
        `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text, created_at)
         VALUES ($1, $2, $3, $4::message_direction, 'public', 'text', $5)`,
        [ws, c, channelId, d, at(min)],
      );
    const days = () =>
      query<{ kind: string; bucket_ms: string; count: number }>(
        `SELECT kind, bucket_ms::text, count FROM response_days
          WHERE workspace_id = $1 AND clock_id = $2 AND count <> 0 ORDER BY 1, 2`,
        [ws, CALENDAR_CLOCK],
      );
    const facts = (c: string) =>
      query<{ started_at: Date | string; first_reply_at: Date | string | null }>(
        "SELECT started_at, first_reply_at FROM response_facts WHERE conversation_id = $1 ORDER BY started_at",
        [c],
      ).then((rows) =>
        rows.map((f) => [
          new Date(f.started_at).toISOString(),
          f.first_reply_at === null ? null : new Date(f.first_reply_at).toISOString(),
        ]),
      );
    // The customer's reply (a thread of its own, answered by an agent) came before its parent.
    const orphan = await conv("rf:orphan");
    await insert(orphan, "inbound", 1005);
    await insert(orphan, "outbound", 1030);
    const parent = await conv("rf:parent");
    await insert(parent, "inbound", 1000);
    expect(await facts(parent)).toEqual([[at(1000), null]]);
    const [into] = await t.services.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, parent));
    const moved = await t.services.db.transaction((tx) =>
      t.services.ingest.adoptThreads(tx, channelId, ["rf:orphan"], into!),
    );
    expect(moved).toBe(2);
    // One wave, from the parent, answered by the agent's reply in the adopted thread.
    expect(await facts(parent)).toEqual([[at(1000), at(1030)]]);
    expect(await facts(orphan)).toEqual([]);
    // The roll-up follows: the same days as counting every wave again.
    const kept = await days();
    expect(kept.find((d) => d.kind === "first_response" && d.bucket_ms === "1800000")).toBeTruthy();
    await query("SELECT response_days_rebuild($1, $2)", [ws, CALENDAR_CLOCK]);
    expect(await days()).toEqual(kept);
  });
});

describe("response_bucket", () => {
  it("rounds durations into the buckets of duration-histogram.ts", async () => {
    const values = [
      -5,
      0,
      0.4,
      499.999,
      500,
      1499,
      59_499,
      59_999,
      60_000,
      89_999,
      90_000,
      3_599_999,
      3_600_000,
      3_749_000,
      86_399_999,
      86_400_000,
      91_799_999,
      91_800_000,
      7 * 86_400_000 + 1,
    ];
    const rows = await query<{ b: string }>(
      "SELECT response_bucket(v)::text AS b FROM unnest($1::float8[]) WITH ORDINALITY u(v, i) ORDER BY i",
      [values],
    );
    expect(rows.map((r) => Number(r.b))).toEqual(values.map(durationBucket));
    const [empty] = await query<{ b: unknown }>("SELECT response_bucket(NULL) AS b");
    expect(Number(empty!.b)).toBe(0);
  });
});

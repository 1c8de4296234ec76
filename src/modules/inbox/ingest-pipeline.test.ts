import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectChannels,
  nextId,
  postX,
  startRecorder,
  tweetEvent,
} from "../../../test/channels.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { prepareIngestBatch } from "./prepare-ingest-batch.ts";
import { processDueEvents } from "./process-webhook-event.ts";

// The ingest worker reads and analyses the next batch while the current one is written;
// these tests drive the same steps by hand (workers off) to put deliveries in between.
let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp({}, { workers: false });
  await connectChannels(t, recorder.url);
});
afterAll(async () => {
  await t?.close();
  await recorder?.close();
});

const query = <T>(sql: string, params: unknown[] = []) =>
  t.services.database.withConnection((c) => c.query<T>(sql, params)).then((r) => r.rows);

const customer = { id: "7001", screen_name: "kundin_a", name: "Kundin A" };

async function post(body: unknown) {
  const res = await postX(t, body);
  expect(res.statusCode).toBe(200);
}

async function messagesOf(ids: string[]) {
  return query<{ platform_id: string; conversation_id: string; text: string }>(
    "SELECT platform_id, conversation_id, text FROM messages WHERE platform_id = ANY($1) ORDER BY created_at, platform_id",
    [ids],
  );
}

const lastEventId = async () =>
  Number((await query<{ id: string }>("SELECT max(id) AS id FROM webhook_events"))[0]!.id ?? 0);

describe("ingest read-ahead", () => {
  it("stores a redelivery that arrives while its batch was read ahead once, in order", async () => {
    const after = await lastEventId();
    const parent = nextId();
    const other = nextId();
    const at = new Date(Date.now() - 60_000);
    const first = tweetEvent({
      id: parent,
      text: "@telekom_hilft Kein Netz in Bonn",
      user: customer,
      at,
    });
    await post(first);
    await post(
      tweetEvent({
        id: other,
        text: "@telekom_hilft Rechnung fehlt",
        user: { id: "7002", screen_name: "kunde_b", name: "Kunde B" },
        at,
      }),
    );
    const prepared = await prepareIngestBatch(t.services, after, 10);
    expect(prepared.deliveries.size).toBe(2);

    // Meanwhile X delivers the first tweet again (other bytes: stored as a new event) and
    // the customer follows up in the same thread.
    await post({ ...first, redelivered: true });
    const reply = nextId();
    await post(
      tweetEvent({
        id: reply,
        text: "@telekom_hilft Immer noch kein Netz",
        user: customer,
        inReplyTo: { statusId: parent, userId: customer.id, screenName: customer.screen_name },
        at: new Date(at.getTime() + 1000),
      }),
    );

    const { count } = await processDueEvents(t.services, { limit: 10, bulk: true, prepared });
    expect(count).toBe(4);
    const rows = await messagesOf([parent, other, reply]);
    expect(rows.map((r) => r.platform_id)).toEqual([parent, other, reply]);
    const byId = new Map(rows.map((r) => [r.platform_id, r]));
    expect(byId.get(reply)!.conversation_id).toBe(byId.get(parent)!.conversation_id);
    expect(byId.get(parent)!.text).toBe("@telekom_hilft Kein Netz in Bonn");
    const pending = await query("SELECT id FROM webhook_events WHERE status <> 'done'");
    expect(pending).toEqual([]);
  });

  it("applies nothing twice when the batch read ahead was claimed meanwhile", async () => {
    const after = await lastEventId();
    const id = nextId();
    await post(tweetEvent({ id, text: "@telekom_hilft Router blinkt rot", user: customer }));
    const prepared = await prepareIngestBatch(t.services, after, 10);
    expect(prepared.deliveries.size).toBe(1);

    // Another pass (or instance) takes the event first.
    expect((await processDueEvents(t.services, { limit: 10, bulk: true })).count).toBe(1);
    // The stale read-ahead finds nothing left to claim.
    expect((await processDueEvents(t.services, { limit: 10, bulk: true, prepared })).count).toBe(0);
    expect(await messagesOf([id])).toHaveLength(1);
  });

  it("stores the analysis worked out ahead with the message, and marks its event done", async () => {
    const after = await lastEventId();
    const id = nextId();
    await post(tweetEvent({ id, text: "@telekom_hilft Danke, läuft wieder!", user: customer }));
    const prepared = await prepareIngestBatch(t.services, after, 10);
    const [event] = [...prepared.deliveries.keys()];
    const claimed = await processDueEvents(t.services, { limit: 10, bulk: true, prepared });
    expect(claimed.count).toBe(1);
    const [row] = await query<{ praise: boolean; sentiment: string; language: string }>(
      "SELECT praise, sentiment, language FROM messages WHERE platform_id = $1",
      [id],
    );
    // The text was analysed ahead; the stored message carries that analysis.
    expect(row).toMatchObject({ language: "de", sentiment: "positive" });
    expect(
      (await query("SELECT id FROM webhook_events WHERE id = $1 AND status = 'done'", [event]))
        .length,
    ).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectChannels,
  eventually,
  FB_PAGE,
  startRecorder,
  X_BRAND,
} from "../../../test/channels.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { signFacebook, signX } from "../../lib/webhook-signatures.ts";
import { deliver } from "../../simulator/deliver.ts";
import { fixtures } from "../../simulator/fixtures.ts";
import { serialize } from "../../simulator/payloads.ts";
import { generateScenario } from "../../simulator/scenarios.ts";
import { loadTextPool } from "../../simulator/texts.ts";

// What the platforms sent; hilft's own messages (personal-data policy) come on top.
const CUSTOMER_AND_BRAND_MESSAGES =
  "SELECT count(*) AS n FROM messages WHERE meta->>'automated' IS NULL";

let t: TestApp;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let url: string;
beforeAll(async () => {
  recorder = await startRecorder();
  t = await buildTestApp();
  await connectChannels(t, recorder.url);
  url = await t.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await t?.close();
  await recorder?.close();
});

const count = async (query: string) =>
  Number(
    (await t.services.database.withConnection((c) => c.query<{ n: string }>(query))).rows[0]!.n,
  );

const secrets = {
  x: { consumerSecret: X_BRAND.consumerSecret },
  facebook: { appSecret: FB_PAGE.appSecret },
};

describe("platform payloads end to end", () => {
  it("ingests every documented event type from the fixtures as expected", async () => {
    const before = await count(CUSTOMER_AND_BRAND_MESSAGES);
    let expected = 0;
    for (const fixture of fixtures) {
      const raw = serialize(fixture.body);
      const res = await t.app.inject({
        method: "POST",
        url: `/webhooks/${fixture.platform}`,
        headers: {
          "content-type": "application/json",
          ...(fixture.platform === "x"
            ? { "x-twitter-webhooks-signature": signX(X_BRAND.consumerSecret, raw) }
            : { "x-hub-signature-256": signFacebook(FB_PAGE.appSecret, raw) }),
        },
        payload: raw,
      });
      expect(res.statusCode, fixture.file).toBe(200);
      // Revoking ends the channel; it comes last so the rest still count.
      if (fixture.file.includes("revoke")) continue;
      expected += fixture.expectedMessages;
    }
    await eventually(
      async () =>
        (await count("SELECT count(*) AS n FROM webhook_events WHERE status <> 'done'")) === 0,
    );
    expect((await count(CUSTOMER_AND_BRAND_MESSAGES)) - before).toBe(expected);
    // The revoke fixture disabled the X channel and told admins.
    expect(
      await count("SELECT count(*) AS n FROM channels WHERE kind = 'x' AND status = 'disabled'"),
    ).toBe(1);
    expect(await count("SELECT count(*) AS n FROM alerts WHERE kind = 'channel_revoked'")).toBe(1);
    await t.services.database.withConnection((c) =>
      c.exec("UPDATE channels SET status = 'active', disabled_reason = NULL"),
    );
    t.services.channelDirectory.invalidate();
    // 64-bit ids stay exact: the stored body keeps every digit.
    expect(
      await count("SELECT count(*) AS n FROM messages WHERE platform_id = '1790263912952762389'"),
    ).toBe(1);
  });
});

describe("an outage day", () => {
  it("accounts for every one of 2,000 simulated events, without duplicates", {
    timeout: 180_000,
  }, async () => {
    const scenario = generateScenario({
      scenario: "outage",
      seed: 42,
      count: 2000,
      xUserId: "3001",
      fbPageId: "1001",
      texts: loadTextPool({ useDataset: false }),
    });
    expect(scenario.events.length).toBe(2000);
    const before = await count(CUSTOMER_AND_BRAND_MESSAGES);
    const result = await deliver({
      target: url,
      events: scenario.events,
      secrets,
      rate: 1000,
      concurrency: 16,
    });
    expect(result.failed).toBe(0);
    expect(result.acknowledged).toBe(2000);
    // Deliver the first 200 again, as a platform retrying would: nothing may change.
    await deliver({
      target: url,
      events: scenario.events.slice(0, 200),
      secrets,
      rate: 1000,
      concurrency: 16,
    });
    await eventually(
      async () =>
        (await count("SELECT count(*) AS n FROM webhook_events WHERE status <> 'done'")) === 0,
      120_000,
    );
    const stored = (await count(CUSTOMER_AND_BRAND_MESSAGES)) - before;
    expect(stored).toBe(scenario.expectedMessages);
    expect(
      await count(
        "SELECT count(*) AS n FROM (SELECT channel_id, platform_id FROM messages WHERE platform_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d",
      ),
    ).toBe(0);
    expect(await count("SELECT count(*) AS n FROM webhook_events WHERE status = 'dead'")).toBe(0);
  });
});

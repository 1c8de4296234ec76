import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { tokenFactory, userFactory } from "../../../test/factories.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import {
  type ChannelKind,
  channels,
  contacts,
  conversations,
  messages,
} from "../../db/schema/index.ts";
import {
  addToHistogram,
  type DurationHistogram,
  durationBucket,
  histogramStats,
} from "../../lib/duration-histogram.ts";
import { BusinessClock } from "../../lib/opening-hours/index.ts";
import { percentile } from "../../lib/stats.ts";
import {
  buildResponseClocks,
  responseClockKey,
  responseClockServes,
} from "./build-response-clocks.ts";
import { teamSchedule } from "./team-schedule.ts";

let t: TestApp;
let lead: string;
let agent: string;
let customerToken: string;
let teamId: string;
let workspace: { id: string; x: string; fb: string };
const M = 60_000;

type TeamRow = Parameters<typeof teamSchedule>[0];

/** Stores the team's business clock over [from, to), as the SLA task would. */
const storeClock = (team: TeamRow, coversFrom: Date, coversTo: Date) =>
  t.services.reports.storeResponseClock({
    team,
    scheduleKey: responseClockKey(team),
    coversFrom,
    coversTo,
    clock: new BusinessClock(
      teamSchedule(team),
      coversFrom.getTime(),
      coversTo.getTime(),
    ).positions(),
  });

/** A conversation on a channel: inbound at `at`, a reply after `replyAfterMs`, maybe solved. */
async function seedConversation(
  workspaceId: string,
  channelId: string,
  at: string,
  replyAfterMs: number | null,
  solvedAfterMs: number | null = null,
  extraInbound = 0,
  text = "Kein Internet",
  automatedAfterMs: number | null = null,
) {
  const start = new Date(at);
  const [contact] = await t.services.db
    .insert(contacts)
    .values({ workspaceId, displayName: "Kundin" })
    .returning();
  const [conv] = await t.services.db
    .insert(conversations)
    .values({
      workspaceId,
      channelId,
      contactId: contact!.id,
      threadKey: `t:${Math.random()}`,
      visibility: "public",
      createdAt: start,
      status: solvedAfterMs === null ? "open" : "solved",
      solvedAt: solvedAfterMs === null ? null : new Date(start.getTime() + solvedAfterMs),
    })
    .returning();
  const base = { workspaceId, conversationId: conv!.id, channelId, visibility: "public" as const };
  const rows = [
    { ...base, direction: "inbound" as const, text, createdAt: start },
    ...Array.from({ length: extraInbound }, (_, i) => ({
      ...base,
      direction: "inbound" as const,
      text: `Hallo? ${i}`,
      createdAt: new Date(start.getTime() + (i + 1) * M),
    })),
    // A note is not a reply, and does not stop the clock.
    {
      ...base,
      direction: "note" as const,
      text: "intern",
      createdAt: new Date(start.getTime() + M),
    },
  ];
  if (automatedAfterMs !== null) {
    // hilft's own messages (out-of-hours reply, personal-data notice) answer nobody's question.
    for (const meta of [{ autoReply: true }, { automated: "personal_data" }]) {
      rows.push({
        ...base,
        direction: "outbound" as never,
        text: "Automatische Antwort",
        createdAt: new Date(start.getTime() + automatedAfterMs),
        meta,
      } as never);
    }
  }
  if (replyAfterMs !== null) {
    rows.push({
      ...base,
      direction: "outbound" as never,
      text: "Wir schauen nach",
      createdAt: new Date(start.getTime() + replyAfterMs),
    });
  }
  await t.services.db.insert(messages).values(rows);
}

beforeAll(async () => {
  t = await buildTestApp();
  const a = await userFactory(t.services, { role: "admin" });
  lead = await tokenFactory(t.services, a.user);
  agent = await tokenFactory(t.services, (await userFactory(t.services, { role: "agent" })).user);
  customerToken = await tokenFactory(t.services, (await userFactory(t.services)).user);
  const ws = a.user.workspaceId;
  const channel = async (kind: ChannelKind, externalId: string) =>
    (
      await t.services.db
        .insert(channels)
        .values({
          workspaceId: ws,
          kind,
          name: kind,
          externalId,
          credentials: "sealed",
          createdAt: new Date("2024-01-01T00:00:00Z"),
        })
        .returning()
    )[0]!.id;
  const x = await channel("x", "3001");
  const fb = await channel("facebook", "1001");
  workspace = { id: ws, x, fb };
  // Friday 7 June 2024, Berlin (UTC+2). Office hours Mon–Fri 08:00–18:00.
  await seedConversation(ws, fb, "2024-06-07T07:00:00Z", 10 * M, 60 * M, 0, undefined, 2 * M); // 09:00, reply 10 min
  await seedConversation(ws, fb, "2024-06-07T08:00:00Z", 30 * M, null, 2); // 10:00, 3 inbound
  await seedConversation(ws, x, "2024-06-07T15:30:00Z", 90 * M); // 17:30 → 19:00: 30 business min
  await seedConversation(ws, x, "2024-06-08T10:00:00Z", null, null, 0, undefined, M); // Saturday, only the automatic reply
  await seedConversation(ws, x, "2024-06-09T22:30:00Z", 60 * M); // Monday 00:30 local, before the range end
  const team = await t.app.inject({
    method: "POST",
    url: "/api/v1/teams",
    headers: { authorization: `Bearer ${lead}` },
    payload: {
      name: "Office",
      weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "18:00" })),
    },
  });
  teamId = team.json().id;
});
afterAll(() => t?.close());

const get = (url: string, token = lead) =>
  t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });

describe("volume report", () => {
  it("counts inbound messages per local day and channel, with empty days as zero", async () => {
    const res = await get("/api/v1/reports/volume?from=2024-06-07&to=2024-06-11&bucket=day");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      timeZone: "Europe/Berlin",
      channels: ["facebook", "x"],
      total: 7,
    });
    expect(body.items).toEqual([
      { start: "2024-06-06T22:00:00.000Z", total: 5, byChannel: { facebook: 4, x: 1 } },
      { start: "2024-06-07T22:00:00.000Z", total: 1, byChannel: { facebook: 0, x: 1 } },
      { start: "2024-06-08T22:00:00.000Z", total: 0, byChannel: { facebook: 0, x: 0 } },
      { start: "2024-06-09T22:00:00.000Z", total: 1, byChannel: { facebook: 0, x: 1 } },
    ]);
  });

  it("buckets by hour and month, and in another zone", async () => {
    const hours = (
      await get("/api/v1/reports/volume?from=2024-06-07&to=2024-06-08&bucket=hour")
    ).json();
    expect(hours.items).toHaveLength(24);
    expect(hours.items[9]).toMatchObject({ start: "2024-06-07T07:00:00.000Z", total: 1 });
    expect(hours.items[10]).toMatchObject({ total: 3 });
    const months = (
      await get("/api/v1/reports/volume?from=2024-01-01&to=2025-01-01&bucket=month")
    ).json();
    expect(months.items).toHaveLength(12);
    expect(months.items[5]).toMatchObject({ start: "2024-05-31T22:00:00.000Z", total: 7 });
    // In UTC the Monday 00:30 Berlin message belongs to Sunday.
    const utc = (
      await get("/api/v1/reports/volume?from=2024-06-07&to=2024-06-11&bucket=day&timeZone=UTC")
    ).json();
    expect(utc.items.map((i: { total: number }) => i.total)).toEqual([5, 1, 1, 0]);
  });

  it("exports CSV", async () => {
    const res = await get("/api/v1/reports/volume?from=2024-06-07&to=2024-06-09&format=csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="volume-day.csv"/);
    expect(res.body).toBe(
      "start,total,facebook,x\r\n2024-06-06T22:00:00.000Z,5,4,1\r\n2024-06-07T22:00:00.000Z,1,0,1\r\n",
    );
  });

  it("refuses agents, bad ranges and unknown zones, naming the field", async () => {
    expect((await get("/api/v1/reports/volume", agent)).statusCode).toBe(403);
    const backwards = await get("/api/v1/reports/volume?from=2024-06-09&to=2024-06-01");
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].field).toBe("from");
    const tooLong = await get("/api/v1/reports/volume?from=2020-01-01&to=2024-01-01&bucket=hour");
    expect(tooLong.json().error.details[0].field).toBe("to");
    const zone = await get("/api/v1/reports/volume?timeZone=Mond/Basis&bucket=week");
    expect(zone.statusCode).toBe(400);
    expect(
      zone
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["bucket", "timeZone"]);
  });
});

describe("backlog report", () => {
  it("counts the conversations waiting now by status and channel", async () => {
    const res = await get("/api/v1/reports/backlog");
    expect(res.statusCode).toBe(200);
    // Seeded: one solved (Facebook), one open on Facebook, three open on X.
    expect(res.json()).toEqual({
      total: 4,
      byStatus: { new: 0, open: 4, pending: 0 },
      byChannel: { facebook: 1, x: 3 },
      oldestCreatedAt: "2024-06-07T08:00:00.000Z",
    });
    expect((await get("/api/v1/reports/backlog", agent)).statusCode).toBe(403);
  });
});

describe("overview report", () => {
  it("gives SLA attainment, praise per month, community and incidents, with CSV", async () => {
    // Two conversations with SLA clocks: one answered in time, one late.
    await t.services.database.withConnection(async (c) => {
      await c.query(
        `UPDATE conversations SET sla_started_at = created_at,
                first_response_due_at = created_at + interval '1 hour',
                first_response_at = created_at + CASE WHEN channel_id = $2 THEN interval '10 minutes' ELSE interval '2 hours' END
          WHERE workspace_id = $1 AND created_at < '2024-06-08T00:00:00Z'`,
        [workspace.id, workspace.fb],
      );
      await c.query(
        `UPDATE messages SET praise = true WHERE workspace_id = $1 AND direction = 'inbound'
            AND created_at = '2024-06-07T07:00:00Z'`,
        [workspace.id],
      );
      await c.query(
        `INSERT INTO incidents (workspace_id, title, source, started_at, resolved_at, status)
         VALUES ($1, 'Störung Mobilfunk', 'manual', '2024-06-08T09:00:00Z', '2024-06-08T12:00:00Z', 'resolved')`,
        [workspace.id],
      );
    });
    const res = await get("/api/v1/reports/overview?from=2024-06-01&to=2024-07-01");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.sla).toEqual({
      conversations: 3,
      firstResponse: { met: 2, breached: 1, attainment: 2 / 3 },
      resolution: { met: 1, breached: 0, attainment: 1 },
    });
    expect(body.months).toEqual([
      { month: "2024-05-31T22:00:00.000Z", praise: 1, personalData: 0, impostors: 0 },
    ]);
    expect(body.community).toEqual({ byCustomers: 0, byStaff: 0 });
    expect(body.incidents).toEqual([
      expect.objectContaining({
        title: "Störung Mobilfunk",
        resolvedAt: "2024-06-08T12:00:00.000Z",
      }),
    ]);
    const csv = await get("/api/v1/reports/overview?from=2024-06-01&to=2024-07-01&format=csv");
    expect(csv.body.trim().split("\r\n")).toEqual([
      "month,praise,personal_data_incidents,impostor_alerts",
      "2024-05-31T22:00:00.000Z,1,0,0",
    ]);
    expect((await get("/api/v1/reports/overview", agent)).statusCode).toBe(403);
  });
});

describe("response-times report", () => {
  const range = "from=2024-06-07&to=2024-06-11";

  it("gives calendar-time median and p90 without a team", async () => {
    const body = (await get(`/api/v1/reports/response-times?${range}`)).json();
    expect(body).toMatchObject({ team: null, conversations: 5, unanswered: 1 });
    // 10, 30, 60, 90 minutes.
    expect(body.firstResponse).toEqual({ count: 4, medianMs: 45 * M, p90Ms: 81 * M });
    expect(body.resolution).toEqual({ count: 1, medianMs: 60 * M, p90Ms: 60 * M });
    expect(body.byChannel.map((c: { channel: string }) => c.channel)).toEqual(["facebook", "x"]);
  });

  it("counts only the team's business hours", async () => {
    const body = (await get(`/api/v1/reports/response-times?${range}&teamId=${teamId}`)).json();
    expect(body.team).toEqual({ id: teamId, name: "Office" });
    // 10, 30, 30 (17:30→18:00) and 0 (Monday 00:30→01:30, before opening) business minutes.
    expect(body.firstResponse).toEqual({ count: 4, medianMs: 20 * M, p90Ms: 30 * M });
    const x = body.byChannel.find((c: { channel: string }) => c.channel === "x");
    expect(x).toMatchObject({ conversations: 3, firstResponse: { count: 2, medianMs: 15 * M } });
  });

  it("filters by channel and exports CSV in seconds", async () => {
    const fb = (await get(`/api/v1/reports/response-times?${range}&channel=facebook`)).json();
    expect(fb.conversations).toBe(2);
    const csv = await get(`/api/v1/reports/response-times?${range}&teamId=${teamId}&format=csv`);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "channel,conversations,answered,first_response_median_seconds,first_response_p90_seconds,solved,resolution_median_seconds,resolution_p90_seconds",
    );
    expect(lines[1]).toBe("all,5,4,1200,1800,1,3600,3600");
    expect(lines).toHaveLength(4);
  });
});

describe("response-times report over reopened conversations", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const range = "from=2024-06-17&to=2024-06-19";
  const report = async (team = true) =>
    (await get(`/api/v1/reports/response-times?${range}${team ? `&teamId=${teamId}` : ""}`)).json();

  it("starts the first-response clock again on reopen, skipping automatic and failed replies", async () => {
    const db = t.services.db;
    const [contact] = await db
      .insert(contacts)
      .values({ workspaceId: workspace.id, displayName: "Kunde" })
      .returning();
    const [conv] = await db
      .insert(conversations)
      .values({
        workspaceId: workspace.id,
        channelId: workspace.x,
        contactId: contact!.id,
        threadKey: "t:reopen",
        visibility: "public",
        createdAt: new Date("2024-06-17T08:00:00Z"),
        status: "open",
      })
      .returning();
    const base = {
      workspaceId: workspace.id,
      conversationId: conv!.id,
      channelId: workspace.x,
      visibility: "public" as const,
    };
    const message = (direction: "inbound" | "outbound", at: string, extra: object = {}) =>
      db
        .insert(messages)
        .values({ ...base, direction, text: direction, createdAt: new Date(at), ...extra })
        .returning();
    // Monday 10:00 Berlin, answered 10:20, solved 11:00 through the console.
    await message("inbound", "2024-06-17T08:00:00Z");
    await message("outbound", "2024-06-17T08:20:00Z");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-06-17T09:00:00Z"));
    const solved = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/conversations/${conv!.id}`,
      payload: { status: "solved" },
      headers: { authorization: `Bearer ${lead}` },
    });
    expect(solved.statusCode).toBe(200);
    vi.useRealTimers();

    // 17:30 the customer writes again: the conversation reopens as ingest does it.
    await message("inbound", "2024-06-17T15:30:00Z");
    await db.execute(
      sql`UPDATE conversations SET status = 'open', solved_at = NULL WHERE id = ${conv!.id}`,
    );
    // hilft's out-of-hours reply answers nobody; a reply that fails stops counting.
    await message("outbound", "2024-06-17T16:05:00Z", { meta: { autoReply: true } });
    const [queued] = await message("outbound", "2024-06-17T16:10:00Z", {
      deliveryStatus: "queued",
    });
    expect(await report()).toMatchObject({ conversations: 2, unanswered: 0 });
    await db.update(messages).set({ deliveryStatus: "failed" }).where(eq(messages.id, queued!.id));
    const waiting = await report();
    expect(waiting).toMatchObject({ conversations: 2, unanswered: 1 });
    expect(waiting.firstResponse).toEqual({ count: 1, medianMs: 20 * M, p90Ms: 20 * M });
    expect(waiting.resolution).toEqual({ count: 1, medianMs: 60 * M, p90Ms: 60 * M });

    // Tuesday 08:30: 30 business minutes on Monday evening and 30 on Tuesday morning.
    await message("outbound", "2024-06-18T06:30:00Z");
    const business = await report();
    expect(business).toMatchObject({ conversations: 2, unanswered: 0 });
    expect(business.firstResponse).toEqual({ count: 2, medianMs: 40 * M, p90Ms: 56 * M });
    const calendar = await report(false);
    // 20 minutes and 15 hours.
    expect(calendar.firstResponse).toEqual({ count: 2, medianMs: 460 * M, p90Ms: 812 * M });
    expect(calendar.byChannel).toEqual([
      {
        channel: "x",
        conversations: 2,
        firstResponse: { count: 2, medianMs: 460 * M, p90Ms: 812 * M },
        resolution: { count: 1, medianMs: 60 * M, p90Ms: 60 * M },
      },
    ]);
  });
});

describe("response-times roll-up", () => {
  afterEach(() => {
    t.services.clock.set(null);
  });
  // Monday 4 to Saturday 9 September 2023 (Berlin): waves every 97 minutes, replies after
  // 1 minute to 20 hours, every third one solved.
  const range = "from=2023-09-04&to=2023-09-09";
  const from = new Date("2023-09-03T22:00:00Z");
  const to = new Date("2023-09-08T22:00:00Z");
  const replies: number[] = [];
  const solutions: number[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 70; i++) {
      const at = new Date(from.getTime() + i * 97 * M);
      const reply = Math.round(M + ((i * 7919) % 1200) * M * (i % 4 === 0 ? 1 : 0.05) + i * 1013);
      const solved = i % 3 === 0 ? reply + 3 * 60 * M + i * 61_000 : null;
      await seedConversation(
        workspace.id,
        i % 3 ? workspace.fb : workspace.x,
        at.toISOString(),
        reply,
        solved,
      );
      replies.push(reply);
      if (solved !== null) solutions.push(solved);
    }
  });

  /** The report computed from the facts alone, in the same buckets. */
  async function fromFacts(team: boolean) {
    const teamRow = team ? await t.services.operations.findTeam(workspace.id, teamId) : null;
    const clock = teamRow
      ? new BusinessClock(
          teamSchedule(teamRow),
          from.getTime(),
          to.getTime() + 60 * 86_400_000,
        ).positions()
      : null;
    const { waves, histogram } = await t.services.reports.responseHistogram({
      workspaceId: workspace.id,
      from,
      to,
      clock,
    });
    const fr: DurationHistogram = new Map();
    const res: DurationHistogram = new Map();
    for (const h of histogram) addToHistogram(h.kind === "firstResponse" ? fr : res, h.ms, h.count);
    return {
      conversations: waves.reduce((sum, w) => sum + w.waves, 0),
      firstResponse: histogramStats(fr),
      resolution: histogramStats(res),
    };
  }

  it("sums daily histograms to the figures of the facts, within the bucket resolution of the exact ones", async () => {
    const calendar = (await get(`/api/v1/reports/response-times?${range}`)).json();
    expect(calendar).toMatchObject(await fromFacts(false));
    expect(calendar.conversations).toBe(70);
    const halfStep = (ms: number) =>
      ms < M ? 500 : ms < 60 * M ? 30_000 : ms < 1440 * M ? 150_000 : 1_800_000;
    for (const [stats, exact] of [
      [calendar.firstResponse, replies],
      [calendar.resolution, solutions],
    ] as const) {
      expect(stats.count).toBe(exact.length);
      const median = percentile(exact, 0.5)!;
      const p90 = percentile(exact, 0.9)!;
      expect(Math.abs(stats.medianMs - median)).toBeLessThanOrEqual(halfStep(median));
      expect(Math.abs(stats.p90Ms - p90)).toBeLessThanOrEqual(halfStep(p90));
    }
    expect(replies.map(durationBucket)).not.toEqual(replies);
  });

  it("reads the team's business hours from its clock once built, with the same figures", async () => {
    t.services.clock.set(new Date("2023-09-12T10:00:00Z"));
    const before = (await get(`/api/v1/reports/response-times?${range}&teamId=${teamId}`)).json();
    expect(await buildResponseClocks(t.services, 10)).toBeGreaterThan(0);
    expect(await buildResponseClocks(t.services, 10)).toBe(0);
    const clock = await t.services.reports.responseClock(teamId);
    const team = await t.services.operations.findTeam(workspace.id, teamId);
    // The report reads the roll-up for this range now.
    const earliest = () => t.services.reports.earliestWave(workspace.id);
    const until = new Date("2023-11-08T00:00:00Z");
    expect(await responseClockServes(team!, clock, from, until, earliest)).toBe(true);
    // Before the first wave too, but not before a wave the clock does not cover.
    expect(await responseClockServes(team!, clock, new Date("2020-01-01"), until, earliest)).toBe(
      true,
    );
    expect(
      await responseClockServes(
        team!,
        clock,
        new Date("2020-01-01"),
        until,
        async () => new Date("2021-01-01"),
      ),
    ).toBe(false);
    const after = (await get(`/api/v1/reports/response-times?${range}&teamId=${teamId}`)).json();
    expect(after).toEqual(before);
    expect(after).toMatchObject(await fromFacts(true));
    expect(after.firstResponse.medianMs).toBeLessThan(
      (await get(`/api/v1/reports/response-times?${range}`)).json().firstResponse.medianMs,
    );
    // A partial first day (an instant) adds the edge from the facts.
    const edge = (
      await get(
        `/api/v1/reports/response-times?from=2023-09-04T12:00:00%2B02:00&to=2023-09-09&teamId=${teamId}`,
      )
    ).json();
    expect(edge.conversations).toBe(70 - Math.ceil((12 * 60 * M) / (97 * M)));
  });

  it("counts a clock's days once each while waves arrive and change during the build", async () => {
    const team = (await t.services.operations.findTeam(workspace.id, teamId))!;
    const days = async () =>
      (
        (await t.services.db.execute(sql`
          SELECT day::text, channel::text, kind, bucket_ms::text, count FROM response_days
           WHERE workspace_id = ${workspace.id} AND clock_id = ${teamId} AND count <> 0
           ORDER BY 1, 2, 3, 4`)) as unknown as { rows: unknown[] }
      ).rows;
    await t.services.db.execute(sql`DELETE FROM response_clocks WHERE team_id = ${teamId}`);
    const coversFrom = new Date("2023-09-01T00:00:00Z");
    const coversTo = new Date("2024-12-01T00:00:00Z");
    const stored = await storeClock(team, coversFrom, coversTo);
    expect(stored).toBe(true);
    // Stored but not counted: reports do not use it yet.
    const pending = await t.services.reports.responseClock(teamId);
    expect(pending?.countedAt).toBeNull();
    expect(await responseClockServes(team, pending, from, to, async () => null)).toBe(false);
    // Meanwhile: new waves (answered, open), and an earlier wave solved and answered sooner.
    for (let i = 0; i < 6; i++) {
      await seedConversation(
        workspace.id,
        workspace.fb,
        new Date(Date.UTC(2023, 8, 11, 7 + i, 13 * i)).toISOString(),
        i % 2 ? 17 * M * i : null,
      );
    }
    const [early] = (
      (await t.services.db.execute(sql`
        SELECT conversation_id, started_at FROM response_facts
         WHERE workspace_id = ${workspace.id} AND resolved_at IS NULL AND first_reply_at IS NOT NULL
         ORDER BY started_at LIMIT 1`)) as unknown as {
        rows: { conversation_id: string; started_at: unknown }[];
      }
    ).rows;
    const startedAt = new Date(String(early!.started_at));
    await t.services.db
      .update(conversations)
      .set({ status: "solved", solvedAt: new Date(startedAt.getTime() + 26 * 60 * M) })
      .where(eq(conversations.id, early!.conversation_id));
    const [conv] = await t.services.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, early!.conversation_id));
    await t.services.db.insert(messages).values({
      workspaceId: workspace.id,
      conversationId: conv!.id,
      channelId: conv!.channelId,
      direction: "outbound",
      visibility: "public",
      text: "Schon erledigt",
      createdAt: new Date(startedAt.getTime() + 30_000),
    });
    await t.services.reports.countResponseClock(team);
    expect((await t.services.reports.responseClock(teamId))?.countedAt).toBeInstanceOf(Date);
    const counted = await days();
    expect(counted.length).toBeGreaterThan(10);
    // Counting every wave again, one by one with the triggers' own rules, gives the same days.
    await t.services.db.execute(sql`SELECT response_days_rebuild(${workspace.id}, ${teamId})`);
    expect(await days()).toEqual(counted);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "loses no wave a concurrent writer stores while the clock is stored and counted (PostgreSQL)",
    async () => {
      const team = (await t.services.operations.findTeam(workspace.id, teamId))!;
      const days = () =>
        t.services.database
          .withConnection((c) =>
            c.query(
              `SELECT day::text, channel::text, kind, bucket_ms::text, count FROM response_days
                WHERE workspace_id = $1 AND clock_id = $2 AND count <> 0 ORDER BY 1, 2, 3, 4`,
              [workspace.id, teamId],
            ),
          )
          .then((r) => r.rows);
      /** A writer that stores a wave and a reply, and commits only when released. */
      const writer = (at: string) => {
        let release!: () => void;
        const gate = new Promise<void>((r) => {
          release = r;
        });
        let stored!: () => void;
        const inFlight = new Promise<void>((r) => {
          stored = r;
        });
        const done = t.services.database.withConnection(async (c) => {
          await c.query("BEGIN");
          const contact = await c.query<{ id: string }>(
            "INSERT INTO contacts (workspace_id, display_name) VALUES ($1, 'Kundin') RETURNING id",
            [workspace.id],
          );
          const conv = await c.query<{ id: string }>(
            `INSERT INTO conversations (workspace_id, channel_id, contact_id, thread_key, visibility, created_at)
             VALUES ($1, $2, $3, $4, 'public', $5) RETURNING id`,
            [workspace.id, workspace.fb, contact.rows[0]!.id, `c:${at}`, at],
          );
          await c.query(
            `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text, created_at)
             VALUES ($1, $2, $3, 'inbound', 'public', 'Hallo', $4),
                    ($1, $2, $3, 'outbound', 'public', 'Hallo zurück', $4::timestamptz + interval '47 minutes')`,
            [workspace.id, conv.rows[0]!.id, workspace.fb, at],
          );
          stored();
          await gate;
          await c.query("COMMIT");
        });
        return { inFlight, release, done };
      };
      const settled = async (p: Promise<unknown>) =>
        Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 300))]);
      await t.services.reports.forgetResponseClock(teamId);
      const coversFrom = new Date("2023-09-01T00:00:00Z");
      const coversTo = new Date("2024-12-01T00:00:00Z");
      // Storing the clock waits for the writer in flight (its wave must be counted).
      const first = writer("2023-09-12T08:10:00Z");
      await first.inFlight;
      const store = storeClock(team, coversFrom, coversTo);
      expect(await settled(store)).toBe(false);
      first.release();
      await first.done;
      expect(await store).toBe(true);
      // A writer whose wave the count's snapshot does not see: its own trigger adds it.
      const second = writer("2023-09-12T09:20:00Z");
      await second.inFlight;
      const count = t.services.reports.countResponseClock(team);
      await settled(count);
      second.release();
      await second.done;
      await count;
      const counted = await days();
      await t.services.database.withConnection((c) =>
        c.query("SELECT response_days_rebuild($1, $2)", [workspace.id, teamId]),
      );
      expect(await days()).toEqual(counted);
    },
  );

  it("builds the team's clock again when its hours or time zone change", async () => {
    t.services.clock.set(new Date("2023-09-12T10:00:00Z"));
    await buildResponseClocks(t.services, 10);
    const url = `/api/v1/reports/response-times?${range}&teamId=${teamId}`;
    const office = (await get(url)).json();
    expect((await t.services.reports.responseClock(teamId))?.countedAt).toBeInstanceOf(Date);
    const patch = (payload: object) =>
      t.app.inject({
        method: "PATCH",
        url: `/api/v1/teams/${teamId}`,
        payload,
        headers: { authorization: `Bearer ${lead}` },
      });
    // A new name keeps the clock.
    expect((await patch({ name: "Office Köln" })).statusCode).toBe(200);
    expect(await t.services.reports.responseClock(teamId)).not.toBeNull();
    // Longer hours: the stale clock is gone at once, the report counts the new hours.
    const longer = await patch({
      weekly: [1, 2, 3, 4, 5, 6].map((day) => ({ day, start: "07:00", end: "21:00" })),
    });
    expect(longer.statusCode).toBe(200);
    expect(await t.services.reports.responseClock(teamId)).toBeNull();
    const exact = (await get(url)).json();
    expect(exact).toMatchObject(await fromFacts(true));
    expect(exact.firstResponse.medianMs).toBeGreaterThan(office.firstResponse.medianMs);
    // The SLA task builds it again, for the new hours, with the same figures.
    expect(await buildResponseClocks(t.services, 10)).toBe(1);
    const rebuilt = await t.services.reports.responseClock(teamId);
    const team = (await t.services.operations.findTeam(workspace.id, teamId))!;
    expect(rebuilt?.scheduleKey).toBe(responseClockKey(team));
    expect((await get(url)).json()).toEqual(exact);
    // Another zone moves the hours: built again as well.
    expect((await patch({ timeZone: "America/New_York" })).statusCode).toBe(200);
    expect(await t.services.reports.responseClock(teamId)).toBeNull();
    expect(await buildResponseClocks(t.services, 10)).toBe(1);
    // (The range in the workspace's days, as `fromFacts` counts it.)
    const newYork = (await get(`${url}&timeZone=Europe/Berlin`)).json();
    expect(newYork).toMatchObject(await fromFacts(true));
    expect(newYork.firstResponse).not.toEqual(exact.firstResponse);
  });
});

describe("spike and near-duplicates", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const outage = [
    "Kein Internet seit heute Morgen in 50667 Köln",
    "Seit heute früh kein Internet in Köln!!",
    "Internet in Köln seit heute morgen weg @telekom_hilft",
    "kein internet in köln seit heute morgen???",
  ];

  it("reports a spike when the last hour is far above the same hour in past weeks", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-07-01T10:00:00Z"));
    const quiet = (await get("/api/v1/operations/spike")).json();
    expect(quiet).toMatchObject({ isSpike: false, count: 0, source: "same-hour-median" });
    for (let i = 0; i < 12; i++) {
      const at = new Date(Date.UTC(2024, 6, 1, 9, 5 + i * 4)).toISOString();
      const text = i < 10 ? outage[i % outage.length]! : `Frage zur Rechnung Nummer ${i}`;
      await seedConversation(
        workspace.id,
        i % 3 ? workspace.fb : workspace.x,
        at,
        null,
        null,
        0,
        text,
      );
    }
    const spike = (await get("/api/v1/operations/spike?factor=4", agent)).json();
    expect(spike).toMatchObject({ isSpike: true, count: 12, baseline: 0, factor: 4 });
    expect(spike.samples).toEqual([0, 0, 0, 0]);
    expect((await get("/api/v1/operations/spike?weeks=0")).statusCode).toBe(400);
  });

  it("groups the near-identical outage messages of the last hours", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-07-01T10:00:00Z"));
    const res = await get("/api/v1/operations/near-duplicates?hours=2", agent);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.messages).toBe(12);
    // The outage reports, and the two billing questions that differ only in a number.
    expect(body.groups.map((g: { size: number }) => g.size)).toEqual([10, 2]);
    expect(body.groups[0].representative.text).toBe(outage[0]);
    expect(body.groups[0].messages[0]).toMatchObject({ channel: "x" });
    expect((await get("/api/v1/operations/near-duplicates", customerToken)).statusCode).toBe(403);
  });

  it("opens one spike incident, lists it for the banner and resolves it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2024-07-01T10:00:00Z"));
    const post = (url: string, payload: object, token = lead) =>
      t.app.inject({ method: "POST", url, payload, headers: { authorization: `Bearer ${token}` } });
    const first = (await post("/api/v1/operations/spike/check", {})).json();
    expect(first).toMatchObject({ isSpike: true, count: 12, opened: true });
    expect(first.incident).toMatchObject({
      status: "open",
      source: "spike",
      details: { count: 12 },
    });
    const again = (await post("/api/v1/operations/spike/check", {})).json();
    expect(again).toMatchObject({ opened: false, incident: { id: first.incident.id } });
    const banner = (await get("/api/v1/operations/incidents?status=open", agent)).json();
    expect(banner.items.map((i: { id: string }) => i.id)).toEqual([first.incident.id]);

    expect((await post("/api/v1/operations/incidents", { title: "Netz" }, agent)).statusCode).toBe(
      403,
    );
    const bad = await post("/api/v1/operations/incidents", { title: "", statusNoteUrl: "ftp://x" });
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["statusNoteUrl", "title"]);
    const manual = await post("/api/v1/operations/incidents", {
      title: "Störung Köln",
      statusNoteUrl: "https://status.example.com/koeln",
    });
    expect(manual.statusCode).toBe(201);

    const resolved = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/operations/incidents/${first.incident.id}`,
      payload: { status: "resolved" },
      headers: { authorization: `Bearer ${lead}` },
    });
    expect(resolved.json()).toMatchObject({
      status: "resolved",
      resolvedAt: "2024-07-01T10:00:00.000Z",
    });
    const open = (await get("/api/v1/operations/incidents?status=open")).json();
    expect(open.items.map((i: { title: string }) => i.title)).toEqual(["Störung Köln"]);
    // With the spike incident resolved, a still-running spike opens a new one.
    expect((await post("/api/v1/operations/spike/check", {})).json().opened).toBe(true);
  });
});

describe("SLA attainment roll-up", () => {
  afterEach(() => {
    t.services.clock.set(null);
  });

  it("gives the figures of counting every conversation, with clocks still running counted when asked", async () => {
    // Varied SLA states over all conversations seeded so far (June 2024, September 2023).
    const vary = (salt: number) =>
      t.services.database.withConnection((c) =>
        c.query(
          `WITH v AS (SELECT id, abs(hashtext(id::text || $3)) AS n FROM conversations WHERE workspace_id = $1)
           UPDATE conversations c SET
             sla_started_at = CASE WHEN v.n % 11 = 0 THEN NULL ELSE c.created_at END,
             first_response_due_at = c.created_at + (1 + v.n % 5) * interval '1 hour',
             first_response_at = CASE WHEN v.n % 4 = 0 THEN NULL ELSE c.created_at + (v.n % 7) * interval '40 minutes' END,
             resolution_due_at = CASE WHEN v.n % 6 = 0 THEN NULL ELSE c.created_at + (v.n % 9) * interval '3 hours' END,
             solved_at = CASE WHEN v.n % 3 = 0 THEN NULL ELSE c.created_at + (v.n % 13) * interval '2 hours' END,
             status = (CASE WHEN v.n % 3 <> 0 THEN 'solved' WHEN v.n % 2 = 0 THEN 'pending' ELSE 'open' END)::conversation_status,
             team_id = CASE WHEN v.n % 2 = 0 THEN $2::uuid END
            FROM v WHERE v.id = c.id`,
          [workspace.id, teamId, String(salt)],
        ),
      );
    const check = async (now: string, from: string, to: string) => {
      t.services.clock.set(new Date(now));
      for (const team of [undefined, teamId]) {
        const url = `/api/v1/reports/overview?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&timeZone=Europe/Berlin${team ? `&teamId=${team}` : ""}`;
        const res = await get(url);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        const exact = await t.services.reports.slaAttainment({
          workspaceId: workspace.id,
          from: new Date(body.from),
          to: new Date(body.to),
          now: new Date(now),
          teamId: team,
        });
        expect(body.sla).toMatchObject(exact);
      }
      return (
        await get(
          `/api/v1/reports/overview?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        )
      ).json().sla;
    };
    await vary(1);
    const rows = await t.services.database.withConnection((c) =>
      c.query("SELECT count(*)::int AS n FROM sla_days WHERE workspace_id = $1", [workspace.id]),
    );
    expect(rows.rows[0]!.n).toBeGreaterThan(5);
    // Whole days, and partial first and last days; running clocks past due or not yet.
    const week = await check("2023-09-06T12:00:00Z", "2023-09-04", "2023-09-09");
    expect(week.conversations).toBeGreaterThan(40);
    expect(week.firstResponse.met).toBeGreaterThan(0);
    expect(week.firstResponse.breached).toBeGreaterThan(0);
    expect(week.resolution.breached).toBeGreaterThan(0);
    await check("2024-01-01T00:00:00Z", "2023-09-04", "2023-09-09");
    await check("2023-09-07T00:00:00Z", "2023-09-04T13:30:00+02:00", "2023-09-08T09:15:00+02:00");
    await check("2024-07-01T00:00:00Z", "2024-06-01", "2024-07-01");
    // Changes land in the roll-up: other due times, solutions, teams; a deletion.
    await vary(2);
    await t.services.database.withConnection((c) =>
      c.query(
        "DELETE FROM conversations WHERE id = (SELECT id FROM conversations WHERE workspace_id = $1 AND sla_started_at IS NOT NULL ORDER BY created_at LIMIT 1)",
        [workspace.id],
      ),
    );
    await check("2023-09-06T12:00:00Z", "2023-09-04", "2023-09-09");
    await check("2023-09-07T00:00:00Z", "2023-09-04T13:30:00+02:00", "2023-09-08T09:15:00+02:00");
  });
});

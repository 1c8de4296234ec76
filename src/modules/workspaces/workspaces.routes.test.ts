import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFactory, userFactory } from "../../../test/factories.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { channels, contacts, conversations, messages } from "../../db/schema/index.ts";
import { checkSlaClocks } from "../operations/sla-worker.ts";

let t: TestApp;
let admin: string;
let agent: string;
let workspaceId: string;
let channelId: string;
let teamId: string;
const M = 60_000;

const call = (method: "GET" | "PATCH" | "POST", url: string, token: string, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/**
 * A conversation of the team on SLA clocks: inbound at `at`, answered after 20 minutes
 * (due after 30), solved after an hour (due after two).
 */
async function seedConversation(at: string) {
  const start = new Date(at).getTime();
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
      teamId,
      threadKey: `t:${at}`,
      visibility: "public",
      status: "solved",
      createdAt: new Date(start),
      solvedAt: new Date(start + 60 * M),
      slaStartedAt: new Date(start),
      firstResponseDueAt: new Date(start + 30 * M),
      firstResponseAt: new Date(start + 20 * M),
      resolutionDueAt: new Date(start + 120 * M),
    })
    .returning();
  const base = { workspaceId, conversationId: conv!.id, channelId, visibility: "public" as const };
  await t.services.db.insert(messages).values([
    { ...base, direction: "inbound", text: "Kein Internet", createdAt: new Date(start) },
    { ...base, direction: "outbound", text: "Wir schauen", createdAt: new Date(start + 20 * M) },
  ]);
}

/** Waves per local day of the calendar roll-up, and SLA conversations per local day. */
async function rolledDays() {
  const rows = (res: unknown) => (res as { rows: { day: unknown; n: unknown }[] }).rows;
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  const waves = rows(
    await t.services.db.execute(sql`
      SELECT day::text AS day, sum(count) AS n FROM response_days
       WHERE workspace_id = ${workspaceId} AND clock_id = '00000000-0000-0000-0000-000000000000'
         AND kind = 'waves'
       GROUP BY 1 HAVING sum(count) <> 0 ORDER BY 1`),
  );
  const sla = rows(
    await t.services.db.execute(sql`
      SELECT day::text AS day, sum(conversations) AS n FROM sla_days
       WHERE workspace_id = ${workspaceId} GROUP BY 1 HAVING sum(conversations) <> 0 ORDER BY 1`),
  );
  return {
    waves: waves.map((r) => [day(r.day), Number(r.n)]),
    sla: sla.map((r) => [day(r.day), Number(r.n)]),
  };
}

beforeAll(async () => {
  t = await buildTestApp({}, { workers: false });
  const a = await userFactory(t.services, { role: "admin" });
  admin = await tokenFactory(t.services, a.user);
  agent = await tokenFactory(t.services, (await userFactory(t.services, { role: "agent" })).user);
  workspaceId = a.user.workspaceId;
  const [channel] = await t.services.db
    .insert(channels)
    .values({ workspaceId, kind: "x", name: "X", externalId: "tz-1", credentials: "sealed" })
    .returning();
  channelId = channel!.id;
  const team = await call("POST", "/teams", admin, {
    name: "Rund um die Uhr",
    weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00" })),
  });
  teamId = team.json().id;
  // Saturday 9 March 2024 noon, in Berlin and in New York alike; 03:30 UTC on Sunday 10
  // March is Sunday in Berlin and still Saturday evening in New York.
  await seedConversation("2024-03-09T12:00:00Z");
  await seedConversation("2024-03-10T03:30:00Z");
  await checkSlaClocks(t.services); // builds the team's business clock
});
afterAll(() => t?.close());

describe("workspace settings", () => {
  it("are for admins, and refuse an unknown time zone naming the field", async () => {
    expect((await call("GET", "/admin/workspace", agent)).statusCode).toBe(403);
    expect((await call("PATCH", "/admin/workspace", agent, { timeZone: "UTC" })).statusCode).toBe(
      403,
    );
    const bad = await call("PATCH", "/admin/workspace", admin, { timeZone: "Mars/Olympus" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(["timeZone"]);
    const current = await call("GET", "/admin/workspace", admin);
    expect(current.json()).toMatchObject({
      timeZone: "Europe/Berlin",
      rollups: { current: true },
    });
  });

  it("move the reports to a new time zone, counting from the facts until the days are counted again", async () => {
    const saturday = "from=2024-03-09&to=2024-03-10";
    const report = async () => {
      const rt = (await call("GET", `/reports/response-times?${saturday}`, admin)).json();
      // The team's hours are in Berlin; its report asked for New York's Saturday.
      const business = (
        await call(
          "GET",
          `/reports/response-times?${saturday}&teamId=${teamId}&timeZone=America/New_York`,
          admin,
        )
      ).json();
      const overview = (await call("GET", `/reports/overview?${saturday}`, admin)).json();
      return {
        calendar: rt.conversations,
        business: business.conversations,
        sla: overview.sla.conversations,
        met: overview.sla.firstResponse.met,
      };
    };
    // Berlin: Saturday holds one conversation (New York's Saturday two).
    expect(await report()).toEqual({ calendar: 1, business: 2, sla: 1, met: 1 });
    expect(await rolledDays()).toEqual({
      waves: [
        ["2024-03-09", 1],
        ["2024-03-10", 1],
      ],
      sla: [
        ["2024-03-09", 1],
        ["2024-03-10", 1],
      ],
    });

    const moved = await call("PATCH", "/admin/workspace", admin, {
      timeZone: "America/New_York",
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      timeZone: "America/New_York",
      rollups: { current: false },
    });
    // The team's clock went with its days.
    const clocks = await t.services.db.execute(
      sql`SELECT count(*) AS n FROM response_clocks WHERE team_id = ${teamId}`,
    );
    expect(Number((clocks as unknown as { rows: { n: unknown }[] }).rows[0]!.n)).toBe(0);
    // New York: Saturday holds both, at once (from the facts; the days still hold Berlin's).
    expect(await report()).toEqual({ calendar: 2, business: 2, sla: 2, met: 2 });
    // Arriving before the days are counted again: 23:30 UTC Saturday is Sunday in Berlin.
    await seedConversation("2024-03-09T23:30:00Z");
    expect(await report()).toEqual({ calendar: 3, business: 3, sla: 3, met: 3 });

    await checkSlaClocks(t.services); // counts the days again in the new zone
    expect((await call("GET", "/admin/workspace", admin)).json().rollups).toEqual({
      current: true,
    });
    expect(await rolledDays()).toEqual({
      waves: [["2024-03-09", 3]],
      sla: [["2024-03-09", 3]],
    });
    await checkSlaClocks(t.services); // and builds the team's clock again
    expect(await report()).toEqual({ calendar: 3, business: 3, sla: 3, met: 3 });
    // Counted once more, nothing changes (the count takes off what is there).
    await t.services.db.execute(sql`SELECT response_days_count_calendar(${workspaceId})`);
    await t.services.db.execute(sql`SELECT sla_days_count(${workspaceId})`);
    expect(await rolledDays()).toEqual({
      waves: [["2024-03-09", 3]],
      sla: [["2024-03-09", 3]],
    });
    // The same zone again changes nothing.
    const same = await call("PATCH", "/admin/workspace", admin, { timeZone: "America/New_York" });
    expect(same.json().rollups).toEqual({ current: true });
  });
});

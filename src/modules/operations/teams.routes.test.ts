import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { tokenFactory, userFactory } from "../../../test/factories.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
let admin: string;
let agent: string;
let agentId: string;
let customer: string;
beforeAll(async () => {
  t = await buildTestApp();
  // The demo seed is off in tests: make the workspace the default one /team shows.
  const a = await userFactory(t.services, { role: "admin" });
  admin = await tokenFactory(t.services, a.user);
  const g = await userFactory(t.services, { role: "agent", name: "Anna Agent" });
  agentId = g.user.id;
  agent = await tokenFactory(t.services, g.user);
  customer = await tokenFactory(t.services, (await userFactory(t.services)).user);
});
afterAll(() => t?.close());
afterEach(() => {
  vi.useRealTimers();
});

const call = (token: string | null, method: string, url: string, payload?: unknown) =>
  t.app.inject({
    method: method as "GET",
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

/** Pretend it is this instant (only Date is faked; timers and I/O run normally). */
const at = (iso: string) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
};

const weekdays = (start: string, end: string) =>
  [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

const socialCare = {
  name: "Social Care",
  timeZone: "Europe/Berlin",
  holidays: { country: "de", state: "nw" },
  weekly: [...weekdays("08:00", "20:00"), { day: 6, start: "10:00", end: "16:00" }],
  exceptions: [{ date: "2024-12-24", shifts: [{ start: "08:00", end: "14:00" }] }],
};

describe("teams", () => {
  let teamId: string;

  it("lets admins create a team and names every invalid field", async () => {
    const bad = await call(admin, "POST", "/api/v1/teams", {
      name: "",
      timeZone: "Berlin",
      holidays: { country: "DE", state: "XX" },
      weekly: [{ day: 8, start: "8:00", end: "18:00" }],
      exceptions: [{ date: "2024-02-30" }],
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "name",
        "timeZone",
        "holidays",
        "weekly.0.day",
        "weekly.0.start",
        "exceptions.0.date",
      ]),
    );

    const res = await call(admin, "POST", "/api/v1/teams", socialCare);
    expect(res.statusCode).toBe(201);
    const team = res.json();
    expect(team).toMatchObject({
      name: "Social Care",
      isPublic: true,
      holidays: { country: "DE", state: "NW" },
      members: [],
    });
    teamId = team.id;

    const dup = await call(admin, "POST", "/api/v1/teams", { name: "social care" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe("team_exists");
  });

  it("keeps teams to admins for writes and staff for reads", async () => {
    expect((await call(agent, "POST", "/api/v1/teams", { name: "X" })).statusCode).toBe(403);
    expect((await call(null, "POST", "/api/v1/teams", { name: "X" })).statusCode).toBe(401);
    expect((await call(customer, "GET", "/api/v1/teams")).statusCode).toBe(403);
    const list = await call(agent, "GET", "/api/v1/teams");
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { name: string }) => x.name)).toEqual(["Social Care"]);
  });

  it("adds members with skills, capacity and own shifts, and removes them", async () => {
    const put = await call(admin, "PUT", `/api/v1/teams/${teamId}/members/${agentId}`, {
      skills: ["lang:de", "lang:en", "lang:de"],
      capacity: 8,
      shifts: weekdays("08:00", "14:00"),
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().members).toEqual([
      expect.objectContaining({
        userId: agentId,
        name: "Anna Agent",
        skills: ["lang:de", "lang:en"],
        capacity: 8,
      }),
    ]);
    const cust = (await userFactory(t.services)).user;
    const notStaff = await call(admin, "PUT", `/api/v1/teams/${teamId}/members/${cust.id}`, {});
    expect(notStaff.statusCode).toBe(400);
    expect(notStaff.json().error.details[0].field).toBe("userId");
    const temp = await userFactory(t.services, { role: "agent" });
    await call(admin, "PUT", `/api/v1/teams/${teamId}/members/${temp.user.id}`, {});
    const del = await call(admin, "DELETE", `/api/v1/teams/${teamId}/members/${temp.user.id}`);
    expect(del.statusCode).toBe(204);
    expect(
      (await call(admin, "DELETE", `/api/v1/teams/${teamId}/members/${temp.user.id}`)).statusCode,
    ).toBe(404);
  });

  it("updates hours and rejects an empty change", async () => {
    const res = await call(admin, "PATCH", `/api/v1/teams/${teamId}`, {
      exceptions: [...socialCare.exceptions, { date: "2024-12-31", closed: true }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().exceptions).toHaveLength(2);
    expect(res.json().members).toHaveLength(1);
    expect((await call(admin, "PATCH", `/api/v1/teams/${teamId}`, {})).statusCode).toBe(400);
  });

  it("tells anyone whether a public team is open, and when it is back", async () => {
    at("2024-06-03T10:00:00Z"); // Monday 12:00 in Berlin
    const open = await call(null, "GET", `/api/v1/teams/${teamId}/status`);
    expect(open.statusCode).toBe(200);
    expect(open.headers["x-ratelimit-limit"]).toBe("120"); // public: limited per IP
    expect(open.json()).toMatchObject({
      open: true,
      nextClosing: "2024-06-03T18:00:00.000Z",
      holiday: null,
    });

    at("2024-12-25T10:00:00Z"); // Christmas: closed until Friday 27th 08:00
    const closed = (await call(null, "GET", `/api/v1/teams/${teamId}/status`)).json();
    expect(closed).toMatchObject({
      open: false,
      nextOpening: "2024-12-27T07:00:00.000Z",
      holiday: "1. Weihnachtstag",
    });

    at("2024-12-24T13:30:00Z"); // 14:30 on Christmas Eve: the exception closed at 14:00
    expect((await call(null, "GET", `/api/v1/teams/${teamId}/status`)).json().open).toBe(false);

    const all = await call(null, "GET", "/api/v1/teams/status");
    expect(all.json().items.map((s: { id: string }) => s.id)).toEqual([teamId]);
  });

  it("hides internal teams from strangers", async () => {
    const internal = (
      await call(admin, "POST", "/api/v1/teams", { name: "Backoffice", isPublic: false })
    ).json();
    expect((await call(null, "GET", `/api/v1/teams/${internal.id}/status`)).statusCode).toBe(404);
    expect((await call(agent, "GET", `/api/v1/teams/${internal.id}/status`)).statusCode).toBe(200);
    expect((await call(null, "GET", "/api/v1/teams/status")).json().items).toHaveLength(1);
    expect((await call(admin, "DELETE", `/api/v1/teams/${internal.id}`)).statusCode).toBe(204);
    expect((await call(admin, "GET", `/api/v1/teams/${internal.id}`)).statusCode).toBe(404);
  });

  it("serves /team in German or English without JavaScript", async () => {
    at("2024-12-25T10:00:00Z");
    const de = await t.app.inject({
      url: "/team",
      headers: { "accept-language": "de-DE,de;q=0.9" },
    });
    expect(de.statusCode).toBe(200);
    expect(de.headers["content-type"]).toMatch(/text\/html/);
    expect(de.body).toContain('<html lang="de">');
    expect(de.body).toContain("Gerade nicht besetzt. Wieder da: Fr., 27. Dezember, 08:00 Uhr");
    expect(de.body).toContain("Heute ist Feiertag (1. Weihnachtstag).");
    expect(de.body).not.toContain("<script");

    at("2024-06-03T10:00:00Z");
    const en = await t.app.inject({
      url: "/team",
      headers: { "accept-language": "fr;q=1, en-US;q=0.8" },
    });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain("Online now, until today 8:00 PM");
    const gb = await t.app.inject({ url: "/team?lang=en" });
    expect(gb.body).toContain("Online now, until today 20:00");
  });
});

describe("staffing plan", () => {
  it("plans agents per hour with ×3 and ×6 scenarios", async () => {
    const res = await call(agent, "POST", "/api/v1/staffing/plan", {
      start: "2024-06-03T06:00:00Z",
      volumes: [0, 200],
      ahtSeconds: 180,
      serviceLevel: 0.8,
      targetSeconds: 20,
    });
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan.team).toBeNull();
    expect(plan.hours[0]).toMatchObject({ volume: 0, agents: 0, scheduled: null });
    expect(plan.hours[1]).toMatchObject({
      start: "2024-06-03T07:00:00.000Z",
      volume: 200,
      agents: 14,
    });
    expect(plan.hours[1].scenarios.map((s: { factor: number }) => s.factor)).toEqual([3, 6]);
    expect(plan.hours[1].scenarios[1].agents).toBeGreaterThan(plan.hours[1].scenarios[0].agents);
    expect(plan.totals).toMatchObject({ volume: 200, agentHours: 14, peakAgents: 14 });
  });

  it("compares with the team's scheduled members", async () => {
    const team = (
      await call(admin, "POST", "/api/v1/teams", {
        name: "Plan team",
        weekly: weekdays("08:00", "20:00"),
      })
    ).json();
    await call(admin, "PUT", `/api/v1/teams/${team.id}/members/${agentId}`, {
      shifts: [{ day: 1, start: "08:30", end: "10:00" }],
    });
    const res = await call(agent, "POST", "/api/v1/staffing/plan", {
      start: "2024-06-03T06:00:00+00:00", // Monday 08:00 Berlin
      volumes: [5, 5, 5],
      ahtSeconds: 360,
      teamId: team.id,
    });
    const plan = res.json();
    expect(plan.hours.map((h: { scheduled: number }) => h.scheduled)).toEqual([0.5, 1, 0]);
    expect(plan.hours[0].agents).toBe(1); // 0.5 erlangs: one agent answers 86 % in 15 min
    expect(plan.hours.map((h: { gap: number }) => h.gap)).toEqual([-0.5, 0, -1]);
    expect(plan.totals).toMatchObject({ scheduledHours: 1.5, understaffedHours: 2 });
  });

  it("names bad fields and refuses customers and unknown teams", async () => {
    const bad = await call(agent, "POST", "/api/v1/staffing/plan", {
      volumes: [-1],
      ahtSeconds: 0,
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["volumes.0", "ahtSeconds"]));
    expect(
      (await call(customer, "POST", "/api/v1/staffing/plan", { volumes: [1], ahtSeconds: 60 }))
        .statusCode,
    ).toBe(403);
    const unknown = await call(agent, "POST", "/api/v1/staffing/plan", {
      volumes: [1],
      ahtSeconds: 60,
      teamId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknown.statusCode).toBe(404);
  });
});

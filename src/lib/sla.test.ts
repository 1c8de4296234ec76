import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { OpeningSchedule } from "./opening-hours/index.ts";
import { conversationSla, DEFAULT_SLA_POLICY, slaClock } from "./sla.ts";

const H = 3_600_000;
const M = 60_000;
const berlin = (local: string) => DateTime.fromISO(local, { zone: "Europe/Berlin" }).toJSDate();
const office: OpeningSchedule = {
  weekly: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: "08:00", end: "18:00" })),
  holidays: { country: "DE", state: "NW" },
};

describe("SLA clock", () => {
  const start = berlin("2024-06-07T17:00"); // Friday, one office hour left

  it("counts business time: due on Monday, warning before, breached after", () => {
    const base = { schedule: office, startedAt: start, targetMs: 2 * H };
    const friday = slaClock({ ...base, now: berlin("2024-06-07T17:30") });
    expect(friday).toMatchObject({ state: "running", elapsedMs: 30 * M, remainingMs: 90 * M });
    expect(friday.dueAt).toEqual(berlin("2024-06-10T09:00"));
    expect(friday.warnAt).toEqual(berlin("2024-06-10T08:30"));
    const weekend = slaClock({ ...base, now: berlin("2024-06-09T12:00") });
    expect(weekend).toMatchObject({ state: "running", elapsedMs: H, remainingMs: H });
    expect(slaClock({ ...base, now: berlin("2024-06-10T08:45") }).state).toBe("warning");
    const late = slaClock({ ...base, now: berlin("2024-06-10T10:00") });
    expect(late).toMatchObject({ state: "breached", remainingMs: -H });
  });

  it("stops when answered: met or breached", () => {
    const base = {
      schedule: office,
      startedAt: start,
      targetMs: 2 * H,
      now: berlin("2024-06-11T12:00"),
    };
    expect(slaClock({ ...base, stoppedAt: berlin("2024-06-10T08:59") }).state).toBe("met");
    expect(slaClock({ ...base, stoppedAt: berlin("2024-06-10T09:00") }).state).toBe("met");
    const breached = slaClock({ ...base, stoppedAt: berlin("2024-06-10T09:30") });
    expect(breached).toMatchObject({ state: "breached", remainingMs: -30 * M });
  });

  it("skips public holidays", () => {
    const clock = slaClock({
      schedule: office,
      startedAt: berlin("2024-12-23T17:00"),
      targetMs: 3 * H,
      now: berlin("2024-12-23T17:00"),
    });
    // 24 Dec is an ordinary weekday (not a public holiday), 25/26 Dec are.
    expect(clock.dueAt).toEqual(berlin("2024-12-24T10:00"));
  });

  it("counts calendar time without a schedule", () => {
    const clock = slaClock({ schedule: null, startedAt: start, targetMs: 2 * H, now: start });
    expect(clock.dueAt).toEqual(berlin("2024-06-07T19:00"));
  });

  it("pauses while pending on the customer and moves the due time", () => {
    const base = { schedule: office, startedAt: berlin("2024-06-03T09:00"), targetMs: 4 * H };
    const pauses = [{ from: berlin("2024-06-03T10:00"), to: berlin("2024-06-03T12:00") }];
    const done = slaClock({ ...base, pauses, now: berlin("2024-06-03T13:00") });
    expect(done).toMatchObject({ state: "running", elapsedMs: 2 * H });
    expect(done.dueAt).toEqual(berlin("2024-06-03T15:00"));
    const open = slaClock({
      ...base,
      pauses: [{ from: berlin("2024-06-03T10:00"), to: null }],
      now: berlin("2024-06-04T10:00"),
    });
    expect(open).toMatchObject({ state: "paused", elapsedMs: H, remainingMs: 3 * H, dueAt: null });
    // Overlapping and out-of-order pauses merge; a pause outside open hours changes nothing.
    const messy = slaClock({
      ...base,
      pauses: [
        { from: berlin("2024-06-03T11:00"), to: berlin("2024-06-03T12:00") },
        { from: berlin("2024-06-03T10:00"), to: berlin("2024-06-03T11:30") },
        { from: berlin("2024-06-03T20:00"), to: berlin("2024-06-03T22:00") },
      ],
      now: berlin("2024-06-03T13:00"),
    });
    expect(messy.elapsedMs).toBe(2 * H);
  });

  it("runs the first-response and resolution clocks of a conversation", () => {
    const sla = conversationSla({
      priority: "urgent",
      schedule: office,
      createdAt: berlin("2024-06-03T09:00"),
      firstResponseAt: berlin("2024-06-03T09:10"),
      pauses: [{ from: berlin("2024-06-03T09:10"), to: berlin("2024-06-03T12:00") }],
      now: berlin("2024-06-03T13:00"),
    });
    expect(sla.firstResponse).toMatchObject({ state: "met", elapsedMs: 10 * M, targetMs: 15 * M });
    expect(sla.resolution).toMatchObject({ state: "running", elapsedMs: 70 * M });
    expect(sla.resolution.targetMs).toBe(DEFAULT_SLA_POLICY.targets.urgent.resolutionMinutes * M);
  });
});

describe("a team that never closes", () => {
  it("counts round the clock, across midnight, without running on forever", () => {
    const always = {
      timeZone: "Europe/Berlin",
      weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((day) => ({
        day,
        start: "00:00",
        end: "24:00",
      })),
      holidays: null,
      exceptions: [],
    };
    const at = new Date("2024-06-03T20:00:00Z");
    const clocks = conversationSla({
      priority: "normal",
      schedule: always,
      createdAt: at,
      now: at,
    });
    expect(clocks.firstResponse.dueAt?.toISOString()).toBe("2024-06-03T22:00:00.000Z");
    expect(clocks.resolution.dueAt?.toISOString()).toBe("2024-06-04T12:00:00.000Z");
  });
});

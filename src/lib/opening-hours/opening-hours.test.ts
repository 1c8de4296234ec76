import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  addBusinessTime,
  businessTimeBetween,
  isKnownHolidayRegion,
  isOpenAt,
  nextClosingAfter,
  nextOpeningAfter,
  type OpeningSchedule,
  openIntervalsBetween,
  publicHolidayOn,
  validateSchedule,
  type WeeklyShift,
} from "./index.ts";

const H = 3_600_000;
const M = 60_000;
/** A Berlin wall-clock time as a Date ("2024-03-31T03:00"). */
const berlin = (local: string) => DateTime.fromISO(local, { zone: "Europe/Berlin" }).toJSDate();
const inBerlin = (d: Date | null) =>
  d ? DateTime.fromJSDate(d, { zone: "Europe/Berlin" }).toFormat("yyyy-MM-dd'T'HH:mm ZZ") : null;

const everyDay = (start: string, end: string): WeeklyShift[] =>
  ([1, 2, 3, 4, 5, 6, 7] as const).map((day) => ({ day, start, end }));
const weekdays = (start: string, end: string): WeeklyShift[] =>
  ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start, end }));

const office: OpeningSchedule = { weekly: weekdays("08:00", "18:00") };
const nrw: OpeningSchedule = {
  weekly: everyDay("08:00", "20:00"),
  holidays: { country: "DE", state: "NW" },
};

describe("isOpenAt", () => {
  it("is open inside a shift, closed at its end, before its start and at weekends", () => {
    expect(isOpenAt(office, berlin("2024-06-03T08:00"))).toBe(true); // Monday
    expect(isOpenAt(office, berlin("2024-06-03T07:59"))).toBe(false);
    expect(isOpenAt(office, berlin("2024-06-03T17:59"))).toBe(true);
    expect(isOpenAt(office, berlin("2024-06-03T18:00"))).toBe(false);
    expect(isOpenAt(office, berlin("2024-06-08T12:00"))).toBe(false); // Saturday
  });

  it("reads the shifts in the schedule's zone, Europe/Berlin by default", () => {
    const t = new Date("2024-06-03T06:30:00Z"); // 08:30 in Berlin (CEST), 07:30 in London
    expect(isOpenAt(office, t)).toBe(true);
    expect(isOpenAt({ ...office, timeZone: "Europe/London" }, t)).toBe(false);
    expect(
      isOpenAt({ ...office, timeZone: "America/New_York" }, new Date("2024-06-03T12:30Z")),
    ).toBe(true);
  });

  it("keeps a midnight-spanning shift open after midnight and across the week end", () => {
    const nights: OpeningSchedule = { weekly: [{ day: 7, start: "22:00", end: "06:00" }] };
    expect(isOpenAt(nights, berlin("2024-06-09T21:59"))).toBe(false); // Sunday
    expect(isOpenAt(nights, berlin("2024-06-09T23:30"))).toBe(true);
    expect(isOpenAt(nights, berlin("2024-06-10T05:59"))).toBe(true); // Monday morning
    expect(isOpenAt(nights, berlin("2024-06-10T06:00"))).toBe(false);
    expect(isOpenAt(nights, berlin("2024-06-10T23:00"))).toBe(false);
  });

  it("treats 24:00 as the end of the day and merges shifts that meet", () => {
    const allDay: OpeningSchedule = { weekly: everyDay("00:00", "24:00") };
    expect(isOpenAt(allDay, berlin("2024-06-09T23:59"))).toBe(true);
    expect(nextClosingAfter(allDay, berlin("2024-06-09T12:00"))).toBeNull();
    expect(nextOpeningAfter(allDay, berlin("2024-06-09T12:00"))).toBeNull();
    const split: OpeningSchedule = {
      weekly: [
        { day: 1, start: "08:00", end: "12:00" },
        { day: 1, start: "12:00", end: "16:00" },
        { day: 1, start: "11:00", end: "13:00" },
      ],
    };
    expect(inBerlin(nextClosingAfter(split, berlin("2024-06-03T09:00")))).toBe(
      "2024-06-03T16:00 +02:00",
    );
  });

  it("is never open with an empty week", () => {
    const none: OpeningSchedule = { weekly: [] };
    expect(isOpenAt(none, berlin("2024-06-03T12:00"))).toBe(false);
    expect(nextOpeningAfter(none, berlin("2024-06-03T12:00"))).toBeNull();
    expect(nextClosingAfter(none, berlin("2024-06-03T12:00"))).toBeNull();
    expect(() => addBusinessTime(none, berlin("2024-06-03T12:00"), H)).toThrow(RangeError);
  });
});

describe("public holidays", () => {
  it("knows German federal and state holidays of type public only", () => {
    expect(publicHolidayOn("2024-12-25", "DE", "NW")).toBe("1. Weihnachtstag");
    expect(publicHolidayOn("2024-04-01", "DE", "NW")).toBe("Ostermontag");
    expect(publicHolidayOn("2025-04-21", "DE", "NW")).toBe("Ostermontag");
    expect(publicHolidayOn("2024-05-30", "DE", "NW")).toBe("Fronleichnam");
    expect(publicHolidayOn("2024-05-30", "DE", "BE")).toBeUndefined();
    expect(publicHolidayOn("2024-12-24", "DE", "NW")).toBeUndefined(); // a bank holiday
    expect(isKnownHolidayRegion("DE", "NW")).toBe(true);
    expect(isKnownHolidayRegion("DE", "XX")).toBe(false);
    expect(isKnownHolidayRegion("ZZ")).toBe(false);
  });

  it("closes on Christmas, Easter Monday and Corpus Christi in NRW but not in Berlin", () => {
    expect(isOpenAt(nrw, berlin("2024-12-25T12:00"))).toBe(false);
    expect(isOpenAt(nrw, berlin("2024-12-26T12:00"))).toBe(false);
    expect(isOpenAt(nrw, berlin("2024-12-27T12:00"))).toBe(true);
    expect(isOpenAt(nrw, berlin("2024-04-01T12:00"))).toBe(false);
    expect(isOpenAt(nrw, berlin("2024-05-30T12:00"))).toBe(false);
    const be = { ...nrw, holidays: { country: "DE", state: "BE" } };
    expect(isOpenAt(be, berlin("2024-05-30T12:00"))).toBe(true);
    expect(inBerlin(nextOpeningAfter(nrw, berlin("2024-12-24T20:00")))).toBe(
      "2024-12-27T08:00 +01:00",
    );
  });

  it("lets a shift that starts before a holiday run into it", () => {
    const nights: OpeningSchedule = {
      weekly: everyDay("22:00", "02:00"),
      holidays: { country: "DE" },
    };
    expect(isOpenAt(nights, berlin("2025-01-01T01:00"))).toBe(true); // began on 31 Dec
    expect(isOpenAt(nights, berlin("2025-01-01T23:00"))).toBe(false); // New Year's shift off
    expect(inBerlin(nextOpeningAfter(nights, berlin("2025-01-01T03:00")))).toBe(
      "2025-01-02T22:00 +01:00",
    );
  });

  it("crosses the year end", () => {
    const t = berlin("2024-12-31T19:00"); // Tuesday, open until 20:00
    expect(inBerlin(nextClosingAfter(nrw, t))).toBe("2024-12-31T20:00 +01:00");
    expect(inBerlin(nextOpeningAfter(nrw, t))).toBe("2025-01-02T08:00 +01:00");
    expect(businessTimeBetween(nrw, t, berlin("2025-01-02T09:00"))).toBe(2 * H);
    expect(inBerlin(addBusinessTime(nrw, t, 3 * H))).toBe("2025-01-02T10:00 +01:00");
  });
});

describe("exceptions", () => {
  const withExceptions: OpeningSchedule = {
    ...nrw,
    exceptions: [
      { date: "2024-12-24", shifts: [{ start: "08:00", end: "14:00" }] },
      { date: "2024-12-26", shifts: [{ start: "10:00", end: "16:00" }] }, // open on a holiday
      { date: "2024-06-05", closed: true, note: "Team day" },
      { date: "2024-06-06", shifts: [] },
      { date: "2024-06-07", shifts: [{ start: "20:00", end: "01:00" }] },
    ],
  };

  it("shortens a day, opens on a holiday, closes a day", () => {
    expect(isOpenAt(withExceptions, berlin("2024-12-24T13:59"))).toBe(true);
    expect(isOpenAt(withExceptions, berlin("2024-12-24T14:00"))).toBe(false);
    expect(isOpenAt(withExceptions, berlin("2024-12-26T11:00"))).toBe(true);
    expect(isOpenAt(withExceptions, berlin("2024-06-05T12:00"))).toBe(false);
    expect(isOpenAt(withExceptions, berlin("2024-06-06T12:00"))).toBe(false);
    expect(inBerlin(nextOpeningAfter(withExceptions, berlin("2024-06-05T12:00")))).toBe(
      "2024-06-07T20:00 +02:00",
    );
  });

  it("supports a special shift past midnight that meets the next day's shift", () => {
    expect(isOpenAt(withExceptions, berlin("2024-06-08T00:30"))).toBe(true);
    expect(inBerlin(nextClosingAfter(withExceptions, berlin("2024-06-07T21:00")))).toBe(
      "2024-06-08T01:00 +02:00",
    );
  });
});

describe("daylight-saving changes in Berlin", () => {
  it("counts a night shift across spring forward as one hour shorter", () => {
    // Sunday 31 March 2024: 02:00 CET → 03:00 CEST.
    const nights: OpeningSchedule = { weekly: everyDay("22:00", "06:00") };
    const sat = berlin("2024-03-30T22:00");
    expect(businessTimeBetween(nights, sat, berlin("2024-03-31T12:00"))).toBe(7 * H);
    expect(inBerlin(nextClosingAfter(nights, sat))).toBe("2024-03-31T06:00 +02:00");
    expect(inBerlin(addBusinessTime(nights, sat, 5 * H))).toBe("2024-03-31T04:00 +02:00");
  });

  it("counts a night shift across fall back as one hour longer", () => {
    // Sunday 27 October 2024: 03:00 CEST → 02:00 CET.
    const nights: OpeningSchedule = { weekly: everyDay("22:00", "06:00") };
    const sat = berlin("2024-10-26T22:00");
    expect(businessTimeBetween(nights, sat, berlin("2024-10-27T12:00"))).toBe(9 * H);
    expect(inBerlin(addBusinessTime(nights, sat, 5 * H))).toBe("2024-10-27T02:00 +01:00");
  });

  it("has 23 and 25 open hours on the change days of a round-the-clock team", () => {
    const allDay: OpeningSchedule = { weekly: everyDay("00:00", "24:00") };
    expect(
      businessTimeBetween(allDay, berlin("2024-03-31T00:00"), berlin("2024-04-01T00:00")),
    ).toBe(23 * H);
    expect(
      businessTimeBetween(allDay, berlin("2024-10-27T00:00"), berlin("2024-10-28T00:00")),
    ).toBe(25 * H);
  });

  it("keeps day shifts at their wall-clock times on both sides of the change", () => {
    expect(inBerlin(nextOpeningAfter(nrw, berlin("2024-03-30T21:00")))).toBe(
      "2024-03-31T08:00 +02:00",
    );
    expect(inBerlin(nextOpeningAfter(nrw, berlin("2024-10-26T21:00")))).toBe(
      "2024-10-27T08:00 +01:00",
    );
    expect(businessTimeBetween(nrw, berlin("2024-03-30T00:00"), berlin("2024-04-01T00:00"))).toBe(
      24 * H,
    );
  });

  it("moves a shift start inside the spring-forward gap forward with the clocks", () => {
    const early: OpeningSchedule = { weekly: [{ day: 7, start: "02:30", end: "04:00" }] };
    const sun = berlin("2024-03-31T00:00");
    expect(inBerlin(nextOpeningAfter(early, sun))).toBe("2024-03-31T03:30 +02:00");
    expect(businessTimeBetween(early, sun, berlin("2024-03-31T12:00"))).toBe(30 * M);
  });
});

describe("business time", () => {
  it("sums open time over a week and is negative backwards", () => {
    const mon = berlin("2024-06-03T00:00");
    const nextMon = berlin("2024-06-10T00:00");
    expect(businessTimeBetween(office, mon, nextMon)).toBe(50 * H);
    expect(businessTimeBetween(office, nextMon, mon)).toBe(-50 * H);
    expect(
      businessTimeBetween(office, berlin("2024-06-03T17:00"), berlin("2024-06-04T09:00")),
    ).toBe(2 * H);
    expect(businessTimeBetween(office, mon, mon)).toBe(0);
  });

  it("adds business time over nights and weekends and starts a closed clock at opening", () => {
    expect(inBerlin(addBusinessTime(office, berlin("2024-06-07T17:00"), 2 * H))).toBe(
      "2024-06-10T09:00 +02:00",
    );
    expect(inBerlin(addBusinessTime(office, berlin("2024-06-08T12:00"), 30 * M))).toBe(
      "2024-06-10T08:30 +02:00",
    );
    expect(inBerlin(addBusinessTime(office, berlin("2024-06-03T08:00"), 10 * H))).toBe(
      "2024-06-03T18:00 +02:00",
    );
    expect(addBusinessTime(office, berlin("2024-06-08T12:00"), 0)).toEqual(
      berlin("2024-06-08T12:00"),
    );
    expect(() => addBusinessTime(office, new Date(), -1)).toThrow(RangeError);
  });

  it("round-trips: the business time to addBusinessTime(t, x) is x", () => {
    const schedules = [office, nrw, { weekly: everyDay("22:00", "06:00") }];
    const starts = ["2024-03-29T19:00", "2024-10-25T23:00", "2024-12-23T10:00"].map(berlin);
    for (const s of schedules) {
      for (const t of starts) {
        for (const x of [M, 3 * H, 27 * H, 100 * H]) {
          expect(businessTimeBetween(s, t, addBusinessTime(s, t, x))).toBe(x);
        }
      }
    }
  });

  it("lists the open intervals of a range, clipped", () => {
    const list = openIntervalsBetween(
      office,
      berlin("2024-06-07T12:00"),
      berlin("2024-06-10T09:00"),
    );
    expect(list.map((i) => [inBerlin(new Date(i.start)), inBerlin(new Date(i.end))])).toEqual([
      ["2024-06-07T12:00 +02:00", "2024-06-07T18:00 +02:00"],
      ["2024-06-10T08:00 +02:00", "2024-06-10T09:00 +02:00"],
    ]);
  });
});

describe("validateSchedule", () => {
  it("names each bad field", () => {
    expect(validateSchedule(nrw)).toEqual([]);
    const problems = validateSchedule({
      timeZone: "Mars/Olympus",
      weekly: [
        { day: 8 as 1, start: "8:00", end: "18:00" },
        { day: 1, start: "10:00", end: "10:00" },
      ],
      exceptions: [{ date: "2024-13-01", shifts: [{ start: "24:00", end: "25:00" }] }],
    });
    expect(problems.map((p) => p.field)).toEqual([
      "timeZone",
      "weekly.0.day",
      "weekly.0.start",
      "weekly.1.end",
      "exceptions.0.date",
      "exceptions.0.shifts.0.start",
      "exceptions.0.shifts.0.end",
    ]);
  });
});

describe("BusinessClock", () => {
  it("agrees with businessTimeBetween inside and outside its window", async () => {
    const { BusinessClock } = await import("./index.ts");
    const from = berlin("2024-03-25T00:00").getTime();
    const to = berlin("2024-04-08T00:00").getTime();
    const clock = new BusinessClock(nrw, from, to);
    const points = [
      "2024-03-25T00:00",
      "2024-03-28T19:30",
      "2024-03-29T12:00", // Good Friday
      "2024-03-31T09:00", // DST change
      "2024-04-02T08:00",
      "2024-04-07T23:59",
      "2024-04-20T10:00", // outside the window
    ].map((s) => berlin(s).getTime());
    for (const a of points) {
      for (const b of points) {
        if (b < a) continue;
        expect(clock.between(a, b)).toBe(businessTimeBetween(nrw, a, b));
      }
    }
  });
});

import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { detectSpike, median } from "./spike.ts";

const berlin = (local: string) => DateTime.fromISO(local, { zone: "Europe/Berlin" }).toMillis();

describe("spike detection", () => {
  it("takes the median", () => {
    expect(median([])).toBe(0);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  const hour = berlin("2024-04-12T10:00"); // a Friday
  const history = new Map<number, number>([
    [berlin("2024-04-05T10:00"), 20],
    [berlin("2024-03-29T10:00"), 18],
    [berlin("2024-03-22T10:00"), 100], // last month's outage does not lift the baseline
    [berlin("2024-03-15T10:00"), 22],
    [berlin("2024-04-12T09:00"), 500], // other hours do not count
  ]);
  const since = berlin("2024-01-01T00:00");

  it("compares with the median of the same hour of the week", () => {
    const quiet = detectSpike({ hourStart: hour, count: 45, history, observedSince: since });
    expect(quiet).toMatchObject({ isSpike: false, baseline: 21, source: "same-hour-median" });
    expect(quiet.samples).toEqual([20, 18, 100, 22]);
    const spike = detectSpike({ hourStart: hour, count: 63, history, observedSince: since });
    expect(spike.isSpike).toBe(true);
    expect(spike.ratio).toBe(3);
    expect(
      detectSpike({ hourStart: hour, count: 45, history, observedSince: since, factor: 2 }).isSpike,
    ).toBe(true);
  });

  it("keeps the local hour across the DST change", () => {
    // Monday 1 April 10:00 CEST; a week before was 10:00 CET, an hour later in UTC.
    const h = new Map([
      [berlin("2024-03-25T10:00"), 10],
      [berlin("2024-03-18T10:00"), 12],
    ]);
    const r = detectSpike({
      hourStart: berlin("2024-04-01T10:00"),
      count: 11,
      history: h,
      observedSince: since,
      weeks: 2,
    });
    expect(r.samples).toEqual([10, 12]);
  });

  it("counts missing hours as zero but unknown weeks as missing", () => {
    const r = detectSpike({ hourStart: hour, count: 30, history: new Map(), observedSince: since });
    expect(r.samples).toEqual([0, 0, 0, 0]);
    expect(r.baseline).toBe(0);
    expect(r.isSpike).toBe(true); // 30 against a floor of one message
  });

  it("falls back to the average hour, then to the default, before enough history", () => {
    const twoDays = new Map([[berlin("2024-04-11T10:00"), 480]]);
    const avg = detectSpike({
      hourStart: hour,
      count: 50,
      history: twoDays,
      observedSince: berlin("2024-04-10T10:00"),
    });
    expect(avg.source).toBe("overall-average");
    expect(avg.baseline).toBe(10);
    expect(avg.isSpike).toBe(true);
    const fresh = detectSpike({
      hourStart: hour,
      count: 50,
      history: new Map(),
      observedSince: hour,
    });
    expect(fresh).toMatchObject({ source: "default", baseline: 20, isSpike: false });
    expect(
      detectSpike({
        hourStart: hour,
        count: 50,
        history: new Map(),
        observedSince: hour,
        defaultBaseline: 10,
      }).isSpike,
    ).toBe(true);
  });

  it("never calls a handful of messages a spike", () => {
    const r = detectSpike({ hourStart: hour, count: 9, history: new Map(), observedSince: since });
    expect(r.ratio).toBe(9);
    expect(r.isSpike).toBe(false);
  });
});

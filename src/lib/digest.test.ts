import { describe, expect, it } from "vitest";
import { digestDateDue, groupDigest, isTimeZone, localDateAndHour } from "./digest.ts";

describe("localDateAndHour", () => {
  it("reads the date and hour in the zone, across midnight and summer time", () => {
    expect(localDateAndHour(new Date("2026-12-05T23:30:00Z"), "Europe/Berlin")).toEqual({
      date: "2026-12-06",
      hour: 0,
    });
    expect(localDateAndHour(new Date("2026-07-01T05:00:00Z"), "Europe/Berlin")).toEqual({
      date: "2026-07-01",
      hour: 7,
    });
    expect(localDateAndHour(new Date("2026-07-01T05:00:00Z"), "America/New_York")).toEqual({
      date: "2026-07-01",
      hour: 1,
    });
  });
});

describe("digestDateDue", () => {
  it("is null before the hour and the local date from the hour on", () => {
    expect(digestDateDue(new Date("2026-12-05T05:59:00Z"), "Europe/Berlin", 7)).toBeNull();
    expect(digestDateDue(new Date("2026-12-05T06:00:00Z"), "Europe/Berlin", 7)).toBe("2026-12-05");
    expect(digestDateDue(new Date("2026-12-05T22:59:00Z"), "Europe/Berlin", 7)).toBe("2026-12-05");
  });
  it("sends at midnight with hour 0", () => {
    expect(digestDateDue(new Date("2026-12-05T23:00:00Z"), "Europe/Berlin", 0)).toBe("2026-12-06");
  });
});

describe("isTimeZone", () => {
  it("knows IANA zones and refuses anything else", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("groupDigest", () => {
  it("groups by key in order of first appearance, keeping entry order", () => {
    const groups = groupDigest([
      { groupKey: "q:1", item: "a" },
      { groupKey: "i:2", item: "b" },
      { groupKey: "q:1", item: "c" },
    ]);
    expect(groups).toEqual([
      { key: "q:1", items: ["a", "c"] },
      { key: "i:2", items: ["b"] },
    ]);
  });
  it("gives no groups for no entries", () => {
    expect(groupDigest([])).toEqual([]);
  });
});

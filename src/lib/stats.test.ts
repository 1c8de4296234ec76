import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.ts";
import { histogramPercentile, percentile } from "./stats.ts";

describe("percentile", () => {
  it("interpolates like percentile_cont", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile([10, 20], 0)).toBe(10);
    expect(percentile([10, 20], 1)).toBe(20);
    expect(() => percentile([1], 2)).toThrow(RangeError);
  });
});

describe("histogramPercentile", () => {
  it("equals percentile over the expanded values", () => {
    const bins = [
      { value: 30, count: 1 },
      { value: 10, count: 3 },
      { value: 20, count: 0 },
      { value: 90, count: 2 },
    ];
    const expanded = [10, 10, 10, 30, 90, 90];
    for (const p of [0, 0.1, 0.5, 0.75, 0.9, 1]) {
      expect(histogramPercentile(bins, p)).toBeCloseTo(percentile(expanded, p)!, 10);
    }
    expect(histogramPercentile([], 0.5)).toBeNull();
    expect(histogramPercentile([{ value: 5, count: 0 }], 0.5)).toBeNull();
    expect(histogramPercentile([{ value: 5, count: 4 }], 0.9)).toBe(5);
    expect(() => histogramPercentile(bins, -0.1)).toThrow(RangeError);
  });
});

describe("CSV", () => {
  it("quotes, escapes and defuses formulas", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          [1, 'say "hi", then go'],
          [null, "=SUM(A1)"],
          [-3, new Date(0)],
        ],
      ),
    ).toBe('a,b\r\n1,"say ""hi"", then go"\r\n,\'=SUM(A1)\r\n-3,1970-01-01T00:00:00.000Z\r\n');
  });
});

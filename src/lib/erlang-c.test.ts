import { describe, expect, it } from "vitest";
import {
  agentsNeeded,
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  occupancy,
  serviceLevel,
  trafficIntensity,
} from "./erlang-c.ts";

describe("Erlang C", () => {
  it("computes traffic in erlangs", () => {
    expect(trafficIntensity(200, 180)).toBe(10); // 100 calls per 30 min, 3-minute calls
    expect(trafficIntensity(420 / 24, 360)).toBeCloseTo(1.75, 10);
  });

  it("matches hand-computed small cases", () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12); // (1/2) / (1 + 1 + 1/2)
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12); // M/M/1: waiting probability = ρ
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(serviceLevel(1, 0.5, 100, 100)).toBeCloseTo(1 - 0.5 * Math.exp(-0.5), 12);
    expect(averageSpeedOfAnswer(2, 1, 300)).toBeCloseTo(100, 10);
  });

  it("matches the textbook table for 10 erlangs (100 calls / 30 min, AHT 180 s, 20 s)", () => {
    const table: [number, number, number][] = [
      [11, 0.6821, 0.3896],
      [12, 0.4494, 0.6402],
      [13, 0.2853, 0.7956],
      [14, 0.1741, 0.8884],
      [15, 0.102, 0.9415],
    ];
    for (const [n, wait, sl] of table) {
      expect(erlangC(n, 10)).toBeCloseTo(wait, 4);
      expect(serviceLevel(n, 10, 180, 20)).toBeCloseTo(sl, 4);
    }
    expect(averageSpeedOfAnswer(14, 10, 180)).toBeCloseTo(7.8, 1);
    expect(occupancy(14, 10)).toBeCloseTo(0.714, 3);
  });

  it("needs 14 agents for 80 % in 20 s in the classic example", () => {
    const r = agentsNeeded({
      volumePerHour: 200,
      ahtSeconds: 180,
      serviceLevel: 0.8,
      targetSeconds: 20,
    });
    expect(r.agents).toBe(14);
    expect(r.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(r.probabilityOfWaiting).toBeCloseTo(0.1741, 4);
  });

  it("is saturated at or below the traffic", () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(serviceLevel(9, 10, 180, 20)).toBe(0);
    expect(averageSpeedOfAnswer(10, 10, 180)).toBe(Number.POSITIVE_INFINITY);
    expect(occupancy(5, 10)).toBe(1);
  });

  it("needs nobody without volume, and more agents for ×3 and ×6", () => {
    const base = { ahtSeconds: 360, serviceLevel: 0.8, targetSeconds: 900 };
    expect(agentsNeeded({ ...base, volumePerHour: 0 }).agents).toBe(0);
    const one = agentsNeeded({ ...base, volumePerHour: 30 }).agents;
    const three = agentsNeeded({ ...base, volumePerHour: 90 }).agents;
    const six = agentsNeeded({ ...base, volumePerHour: 180 }).agents;
    expect(one).toBeGreaterThan(3); // 3 erlangs need more than 3 agents
    expect(three).toBeGreaterThan(one);
    expect(six).toBeGreaterThan(three);
    expect(six).toBeLessThan(6 * one); // economies of scale
  });

  it("honours an occupancy ceiling and rejects nonsense targets", () => {
    const r = agentsNeeded({
      volumePerHour: 200,
      ahtSeconds: 180,
      serviceLevel: 0.5,
      targetSeconds: 600,
      maxOccupancy: 0.8,
    });
    expect(r.agents).toBe(13); // ceil(10 / 0.8)
    expect(r.occupancy).toBeLessThanOrEqual(0.8);
    expect(() =>
      agentsNeeded({ volumePerHour: 1, ahtSeconds: 0, serviceLevel: 0.8, targetSeconds: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      agentsNeeded({ volumePerHour: 1, ahtSeconds: 60, serviceLevel: 1, targetSeconds: 1 }),
    ).toThrow(RangeError);
  });

  it("stays finite for a large team", () => {
    const r = agentsNeeded({
      volumePerHour: 6000,
      ahtSeconds: 360,
      serviceLevel: 0.8,
      targetSeconds: 900,
    });
    expect(r.agents).toBeGreaterThan(600);
    expect(r.agents).toBeLessThan(640);
    expect(Number.isFinite(r.probabilityOfWaiting)).toBe(true);
  });
});

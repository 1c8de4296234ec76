import { describe, expect, it } from "vitest";
import { EMPTY_AUDIT_FORM, lastMonths, toAuditFilter } from "./helpers.ts";

describe("toAuditFilter", () => {
  it("drops empty fields and trims the rest", () => {
    expect(toAuditFilter(EMPTY_AUDIT_FORM)).toEqual({});
    expect(
      toAuditFilter({ ...EMPTY_AUDIT_FORM, actor: " ops@example.com ", action: "channel." }),
    ).toEqual({ actor: "ops@example.com", action: "channel." });
  });

  it("turns days into the instants they start and end, the last day included", () => {
    const f = toAuditFilter({ ...EMPTY_AUDIT_FORM, from: "2026-03-01", to: "2026-03-31" });
    expect(f.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(f.to).toBe(new Date(2026, 3, 1).toISOString());
  });
});

describe("lastMonths", () => {
  it("counts back across the year boundary, newest first", () => {
    expect(lastMonths(3, new Date(2026, 0, 15))).toEqual(["2026-01", "2025-12", "2025-11"]);
  });
});

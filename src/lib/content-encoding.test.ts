import { describe, expect, it } from "vitest";
import { pickContentEncoding } from "./content-encoding.ts";

describe("pickContentEncoding", () => {
  it("prefers brotli, then gzip, then none", () => {
    expect(pickContentEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(pickContentEncoding("gzip, deflate")).toBe("gzip");
    expect(pickContentEncoding("x-gzip")).toBe("gzip");
    expect(pickContentEncoding("deflate")).toBe("identity");
    expect(pickContentEncoding("")).toBe("identity");
    expect(pickContentEncoding(undefined)).toBe("identity");
  });

  it("honours q-values and refusals", () => {
    expect(pickContentEncoding("br;q=0, gzip")).toBe("gzip");
    expect(pickContentEncoding("br;q=0.5, gzip;q=0.8")).toBe("gzip");
    expect(pickContentEncoding("BR;Q=1, gzip;q=0.8")).toBe("br");
    expect(pickContentEncoding("gzip;q=0, br;q=0")).toBe("identity");
    expect(pickContentEncoding("*")).toBe("br");
    expect(pickContentEncoding("*;q=0, gzip")).toBe("gzip");
    expect(pickContentEncoding("identity;q=1, gzip;q=0.5")).toBe("identity");
  });
});

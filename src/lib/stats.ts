/** Percentile with linear interpolation between ranks (PostgreSQL's percentile_cont). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (p < 0 || p > 1) throw new RangeError("p must be between 0 and 1");
  const s = [...values].sort((a, b) => a - b);
  const rank = p * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}

/**
 * `percentile` over a histogram: each value counted `count` times (values in any
 * order). Gives what `percentile` gives on the expanded list, without expanding it.
 */
export function histogramPercentile(
  bins: readonly { value: number; count: number }[],
  p: number,
): number | null {
  if (p < 0 || p > 1) throw new RangeError("p must be between 0 and 1");
  const sorted = bins.filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((sum, b) => sum + b.count, 0);
  if (n === 0) return null;
  const rank = p * (n - 1);
  const at = (r: number) => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.count;
      if (r < seen) return b.value;
    }
    return sorted.at(-1)!.value;
  };
  const lo = at(Math.floor(rank));
  const hi = at(Math.ceil(rank));
  return lo + (hi - lo) * (rank - Math.floor(rank));
}

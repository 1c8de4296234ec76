import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const COLORS = ["#e20074", "#1f6feb", "#2da44e", "#bf8700", "#8250df", "#cf222e"];

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

/**
 * A uPlot chart: a time series (x in epoch seconds) or, with `categories`, bars per
 * category. Rebuilt when the data change; sized to its container.
 */
export function UPlotChart({
  title,
  x,
  series,
  categories,
  testId,
  height = 220,
}: {
  title: string;
  x: number[];
  series: ChartSeries[];
  categories?: string[];
  testId: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const bars = Boolean(categories);
    const barPaths = uPlot.paths.bars?.({ size: [0.6, 60] });
    const opts: uPlot.Options = {
      title,
      width: Math.max(320, el.clientWidth || 600),
      height,
      // Categories sit at 0 … n−1: half a step of room on both sides keeps bars whole.
      scales: {
        x: bars ? { time: false, range: [-0.5, (categories?.length ?? 1) - 0.5] } : { time: true },
      },
      axes: [
        bars
          ? {
              values: (_u, ticks) => ticks.map((i) => categories?.[i] ?? ""),
              splits: () => categories?.map((_c, i) => i) ?? [],
            }
          : {},
        {},
      ],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: COLORS[i % COLORS.length],
          fill: bars ? `${COLORS[i % COLORS.length]}99` : undefined,
          width: bars ? 0 : 2,
          ...(bars && barPaths ? { paths: barPaths, points: { show: false } } : {}),
        })),
      ],
    };
    const data = [x, ...series.map((s) => s.values)] as uPlot.AlignedData;
    const chart = new uPlot(opts, data, el);
    return () => chart.destroy();
  }, [title, x, series, categories, height]);
  return <div ref={ref} className="report-chart" data-testid={testId} />;
}

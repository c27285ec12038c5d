import type { TChartSeries, TDayPoint } from "./chart-frame";

/**
 * The drawing units of the day charts: x from 0 to WIDTH over the days, y from 0 (the axis top)
 * to HEIGHT (zero). The SVG stretches to its box (preserveAspectRatio none, strokes that do not
 * scale), so the text around it stays HTML and never stretches.
 */
export const WIDTH = 1000;
export const HEIGHT = 100;

/** The x of the `index`-th of `count` days: the first at 0, the last at WIDTH; one day sits in the middle. */
export function dayX(index: number, count: number): number {
  return count <= 1 ? WIDTH / 2 : (index / (count - 1)) * WIDTH;
}

/** The y of `value` on an axis from 0 to `top`. */
export function valueY(value: number, top: number): number {
  return top > 0 ? HEIGHT - (Math.max(0, value) / top) * HEIGHT : HEIGHT;
}

const num = (v: number) => String(Math.round(v * 100) / 100);

/** One series drawn: its id, colour, and SVG path data (`area` for stacked areas, `line` for the top edge or the line). */
export interface TSeriesPath {
  id: string;
  name: string;
  color: string;
  line: string;
  area?: string;
}

/**
 * Areas stacked in series order (the top edge of the last one is the day's total); a day without
 * a value counts as 0. Answers the paths and each day's totals.
 */
export function stackedAreas(points: TDayPoint[], series: TChartSeries[], top: number): TSeriesPath[] {
  const n = points.length;
  const lower = new Array<number>(n).fill(0);
  return series.map((s) => {
    const upper = points.map((p, i) => lower[i]! + Math.max(0, p.values[s.id] ?? 0));
    const topEdge = upper.map((v, i) => `${num(dayX(i, n))},${num(valueY(v, top))}`);
    const bottomEdge = lower.map((v, i) => `${num(dayX(i, n))},${num(valueY(v, top))}`).reverse();
    const path = {
      id: s.id,
      name: s.name,
      color: s.color,
      line: n ? `M${topEdge.join("L")}` : "",
      area: n ? `M${topEdge.join("L")}L${bottomEdge.join("L")}Z` : "",
    };
    upper.forEach((v, i) => (lower[i] = v));
    return path;
  });
}

/**
 * One line per series through the days that have a value (a day without one is bridged, not a
 * drop to zero); a series with a single value is a dot (a zero-length segment with round caps).
 */
export function seriesLines(points: TDayPoint[], series: TChartSeries[], top: number): TSeriesPath[] {
  const n = points.length;
  return series.map((s) => {
    const at: string[] = [];
    points.forEach((p, i) => {
      const v = p.values[s.id];
      if (typeof v === "number") at.push(`${num(dayX(i, n))},${num(valueY(v, top))}`);
    });
    const line = at.length === 0 ? "" : at.length === 1 ? `M${at[0]}l0.01,0` : `M${at.join("L")}`;
    return { id: s.id, name: s.name, color: s.color, line };
  });
}

/** The day under a pointer at `fraction` (0…1) of the plot's width. */
export function dayIndexAt(fraction: number, count: number): number {
  if (count <= 1) return 0;
  return Math.min(count - 1, Math.max(0, Math.round(fraction * (count - 1))));
}

/** About `wanted` evenly spread day indexes for the axis labels, the first and last always among them. */
export function labelIndexes(count: number, wanted = 5): number[] {
  if (count <= 0) return [];
  if (count <= wanted) return Array.from({ length: count }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 0; k < wanted; k++) out.add(Math.round((k * (count - 1)) / (wanted - 1)));
  return [...out];
}

"use client";

import { useLocale } from "next-intl";
import type { ReactNode } from "react";
import { type AreaChart, CartesianGrid, Legend, type LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { byteTicks, bytesLabel, longDay, shortDay } from "./byte-axis";
import { AXIS_TICK, ChartFrame, GRID_STROKE, TOOLTIP_STYLE, type TChartSeries, type TDayPoint } from "./chart-frame";

/**
 * One chart row per day, the series keyed s0, s1… (a data key with a dot would be read as a
 * path); a series without a value that day gets `missing`.
 */
export function seriesRows<TMissing extends number | null>(
  points: TDayPoint[],
  series: TChartSeries[],
  missing: TMissing,
): Record<string, string | number | TMissing>[] {
  return points.map((p) => {
    const row: Record<string, string | number | TMissing> = { day: p.day };
    series.forEach((s, i) => {
      row[`s${i}`] = p.values[s.id] ?? missing;
    });
    return row;
  });
}

/** The data key of the `index`-th series in rows made by `seriesRows`. */
export function seriesKey(index: number): string {
  return `s${index}`;
}

/**
 * The frame, grid, day axis, byte axis (round ticks up to `max`), tooltip and legend shared by the
 * charts of bytes per day. `chart` is the Recharts chart to draw (AreaChart, LineChart); the
 * series (Area, Line…) are the children.
 */
export function DayBytesChart({
  chart: Chart,
  testId,
  title,
  description,
  emptyText,
  hasData,
  max,
  rows,
  children,
}: {
  chart: typeof AreaChart | typeof LineChart;
  testId: string;
  title: string;
  description?: string;
  emptyText: string;
  hasData: boolean;
  /** The largest value drawn; the byte axis is ticked up to it. */
  max: number;
  rows: Record<string, string | number | null>[];
  children: ReactNode;
}) {
  const locale = useLocale();
  const ticks = byteTicks(max);

  return (
    <ChartFrame testId={testId} title={title} description={description} hasData={hasData} emptyText={emptyText}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 240 }}>
        <Chart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="day"
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={{ stroke: GRID_STROKE }}
            tickFormatter={(day: string) => shortDay(day, locale)}
            minTickGap={16}
            interval="preserveStartEnd"
          />
          <YAxis
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={64}
            ticks={ticks}
            domain={[0, ticks[ticks.length - 1] ?? "auto"]}
            tickFormatter={(v: number) => bytesLabel(v, locale)}
          />
          <Tooltip {...TOOLTIP_STYLE} formatter={(value) => bytesLabel(value, locale)} labelFormatter={(label) => longDay(String(label), locale)} />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {children}
        </Chart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

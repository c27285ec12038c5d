"use client";

import { useLocale } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { byteTicks, bytesLabel, longDay, shortDay } from "./byte-axis";
import { AXIS_TICK, ChartFrame, GRID_STROKE, TOOLTIP_STYLE, type TChartSeries, type TDayPoint } from "./chart-frame";

/**
 * Storage over time, one line per series (a project, or a single "total" series). A day without
 * a measurement is a gap bridged by the line, not a drop to zero.
 */
export function StorageChart({
  title,
  description,
  emptyText,
  series,
  points,
}: {
  title: string;
  description?: string;
  emptyText: string;
  series: TChartSeries[];
  points: TDayPoint[];
}) {
  const locale = useLocale();
  const rows = points.map((p) => {
    const row: Record<string, string | number | null> = { day: p.day };
    series.forEach((s, i) => {
      row[`s${i}`] = p.values[s.id] ?? null;
    });
    return row;
  });
  const values = points.flatMap((p) => series.map((s) => p.values[s.id])).filter((v): v is number => typeof v === "number");
  const hasData = series.length > 0 && values.length > 0;
  const ticks = byteTicks(Math.max(0, ...values));

  return (
    <ChartFrame testId="chart-storage" title={title} description={description} hasData={hasData} emptyText={emptyText}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 240 }}>
        <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
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
          <Tooltip
            {...TOOLTIP_STYLE}
            formatter={(value) => bytesLabel(value, locale)}
            labelFormatter={(label) => longDay(String(label), locale)}
          />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Line
              key={s.id}
              type="monotone"
              dataKey={`s${i}`}
              name={s.name}
              stroke={s.color}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

"use client";

import { useLocale } from "next-intl";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { byteTicks, bytesLabel, longDay, shortDay } from "./byte-axis";
import { AXIS_TICK, ChartFrame, GRID_STROKE, TOOLTIP_STYLE, type TChartSeries, type TDayPoint } from "./chart-frame";

/**
 * Daily traffic of a period as areas stacked by project (the top edge is the team's total).
 * Plain data in: the series (projects) and one point per day with bytes per series.
 */
export function DailyTrafficChart({
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
  // Series are keyed s0, s1… inside the chart: a data key with a dot would be read as a path.
  const rows = points.map((p) => {
    const row: Record<string, string | number> = { day: p.day };
    series.forEach((s, i) => {
      row[`s${i}`] = p.values[s.id] ?? 0;
    });
    return row;
  });
  const totals = points.map((p) => series.reduce((sum, s) => sum + (p.values[s.id] ?? 0), 0));
  const hasData = series.length > 0 && totals.some((v) => v > 0);
  const ticks = byteTicks(Math.max(0, ...totals));

  return (
    <ChartFrame testId="chart-daily-traffic" title={title} description={description} hasData={hasData} emptyText={emptyText}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 240 }}>
        <AreaChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
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
            <Area
              key={s.id}
              type="monotone"
              dataKey={`s${i}`}
              name={s.name}
              stackId="traffic"
              stroke={s.color}
              fill={s.color}
              fillOpacity={0.3}
              strokeWidth={1.5}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

"use client";

import { Area, AreaChart } from "recharts";
import type { TChartSeries, TDayPoint } from "./chart-frame";
import { DayBytesChart, seriesKey, seriesRows } from "./day-bytes-chart";

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
  const rows = seriesRows(points, series, 0);
  const totals = points.map((p) => series.reduce((sum, s) => sum + (p.values[s.id] ?? 0), 0));
  const hasData = series.length > 0 && totals.some((v) => v > 0);

  return (
    <DayBytesChart
      chart={AreaChart}
      testId="chart-daily-traffic"
      title={title}
      description={description}
      emptyText={emptyText}
      hasData={hasData}
      max={Math.max(0, ...totals)}
      rows={rows}
    >
      {series.map((s, i) => (
        <Area
          key={s.id}
          type="monotone"
          dataKey={seriesKey(i)}
          name={s.name}
          stackId="traffic"
          stroke={s.color}
          fill={s.color}
          fillOpacity={0.3}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
      ))}
    </DayBytesChart>
  );
}

"use client";

import { Line, LineChart } from "recharts";
import type { TChartSeries, TDayPoint } from "./chart-frame";
import { DayBytesChart, seriesKey, seriesRows } from "./day-bytes-chart";

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
  const rows = seriesRows(points, series, null);
  const values = points.flatMap((p) => series.map((s) => p.values[s.id])).filter((v): v is number => typeof v === "number");
  const hasData = series.length > 0 && values.length > 0;

  return (
    <DayBytesChart
      chart={LineChart}
      testId="chart-storage"
      title={title}
      description={description}
      emptyText={emptyText}
      hasData={hasData}
      max={Math.max(0, ...values)}
      rows={rows}
    >
      {series.map((s, i) => (
        <Line
          key={s.id}
          type="monotone"
          dataKey={seriesKey(i)}
          name={s.name}
          stroke={s.color}
          strokeWidth={2}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      ))}
    </DayBytesChart>
  );
}

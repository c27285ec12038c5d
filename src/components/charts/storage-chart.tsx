"use client";

import type { TChartSeries, TDayPoint } from "./chart-frame";
import { DaySeriesChart } from "./day-series-chart";

/**
 * Storage over time, one line per series (a project, or a single "total" series). A day without
 * a measurement is a gap bridged by the line, not a drop to zero.
 */
export function StorageChart(props: { title: string; description?: string; emptyText: string; series: TChartSeries[]; points: TDayPoint[] }) {
  return <DaySeriesChart testId="chart-storage" stacked={false} {...props} />;
}

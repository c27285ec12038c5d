"use client";

import type { TChartSeries, TDayPoint } from "./chart-frame";
import { DaySeriesChart } from "./day-series-chart";

/**
 * Daily traffic of a period as areas stacked by project (the top edge is the team's total).
 * Plain data in: the series (projects) and one point per day with bytes per series.
 */
export function DailyTrafficChart(props: {
  title: string;
  description?: string;
  emptyText: string;
  /** The name of a day's total in the tooltip. */
  totalLabel?: string;
  series: TChartSeries[];
  points: TDayPoint[];
}) {
  return <DaySeriesChart testId="chart-daily-traffic" stacked {...props} />;
}

"use client";

import { useLocale } from "next-intl";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { byteTicks, bytesLabel } from "./byte-axis";
import { AXIS_TICK, ChartFrame, GRID_STROKE, TOOLTIP_STYLE } from "./chart-frame";

export interface TTopProject {
  id: string;
  name: string;
  bytes: number;
  color: string;
}

const ROW_HEIGHT = 36;
/** How many bars fit the default chart height. */
const FITS_DEFAULT = 6;

/** The projects with the most traffic, as horizontal bars, biggest first (at most `limit`). */
export function TopProjectsChart({
  title,
  description,
  emptyText,
  valueLabel,
  items,
  limit = 10,
}: {
  title: string;
  description?: string;
  emptyText: string;
  /** The name of the value in the tooltip, e.g. "Traffic". */
  valueLabel: string;
  items: TTopProject[];
  limit?: number;
}) {
  const locale = useLocale();
  const rows = items
    .filter((i) => i.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit);
  const hasData = rows.length > 0;
  const ticks = byteTicks(Math.max(0, ...rows.map((r) => r.bytes)), 3);
  const nameWidth = Math.min(140, Math.max(56, ...rows.map((r) => r.name.length * 7 + 12)));

  return (
    <ChartFrame
      testId="chart-top-projects"
      title={title}
      description={description}
      hasData={hasData}
      emptyText={emptyText}
      // As tall as the other charts; with many projects, one row each so the bars stay readable.
      bodyClassName={rows.length > FITS_DEFAULT ? "" : undefined}
      bodyStyle={rows.length > FITS_DEFAULT ? { height: rows.length * ROW_HEIGHT + 40 } : undefined}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 240 }}>
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 64, bottom: 0, left: 0 }} barCategoryGap="25%">
          <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={{ stroke: GRID_STROKE }}
            ticks={ticks}
            domain={[0, ticks[ticks.length - 1] ?? "auto"]}
            tickFormatter={(v: number) => bytesLabel(v, locale)}
          />
          <YAxis type="category" dataKey="name" tick={AXIS_TICK} tickLine={false} axisLine={false} width={nameWidth} />
          <Tooltip {...TOOLTIP_STYLE} cursor={{ fill: "var(--muted)" }} formatter={(value) => [bytesLabel(value, locale), valueLabel]} />
          <Bar dataKey="bytes" name={valueLabel} radius={[0, 4, 4, 0]} maxBarSize={40} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.id} fill={r.color} />
            ))}
            <LabelList dataKey="bytes" position="right" formatter={(v: unknown) => bytesLabel(v, locale)} style={{ fontSize: 12, fill: "var(--foreground)" }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

"use client";

import { useLocale } from "next-intl";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, ChartFrame, GRID_STROKE, TOOLTIP_STYLE } from "./chart-frame";

export interface TCountBar {
  key: string;
  label: string;
  value: number;
  color: string;
}

/**
 * Counts per category as horizontal bars, in the given order (e.g. tickets by status), each bar
 * in its own colour with its count written at its end. Readable on a phone: names on the left.
 */
export function CountBarChart({
  testId,
  title,
  description,
  emptyText,
  valueLabel,
  items,
  bodyClassName = "h-56",
  className,
}: {
  testId: string;
  title: string;
  description?: string;
  emptyText: string;
  /** The name of the value in the tooltip, e.g. "Tickets". */
  valueLabel: string;
  items: TCountBar[];
  bodyClassName?: string;
  className?: string;
}) {
  const locale = useLocale();
  const hasData = items.some((i) => i.value > 0);
  const nameWidth = Math.min(150, Math.max(56, ...items.map((i) => i.label.length * 7.5 + 16)));
  const number = new Intl.NumberFormat(locale);

  return (
    <ChartFrame
      testId={testId}
      title={title}
      description={description}
      hasData={hasData}
      emptyText={emptyText}
      bodyClassName={bodyClassName}
      className={className}
    >
      {/* Until it has measured its box, the chart is drawn at its initial size, which is wider than a
          phone's: clipped to its box, it never widens the page for that moment. */}
      <ResponsiveContainer width="100%" height="100%" className="overflow-hidden" initialDimension={{ width: 400, height: 220 }}>
        <BarChart data={items} layout="vertical" margin={{ top: 0, right: 40, bottom: 0, left: 0 }} barCategoryGap="20%">
          <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={{ stroke: GRID_STROKE }}
            allowDecimals={false}
            tickFormatter={(v: number) => number.format(v)}
          />
          <YAxis type="category" dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={false} width={nameWidth} />
          <Tooltip {...TOOLTIP_STYLE} cursor={{ fill: "var(--muted)" }} formatter={(value) => [number.format(Number(value)), valueLabel]} />
          <Bar dataKey="value" name={valueLabel} radius={[0, 4, 4, 0]} maxBarSize={32} isAnimationActive={false}>
            {items.map((i) => (
              <Cell key={i.key} fill={i.color} />
            ))}
            <LabelList
              dataKey="value"
              position="right"
              formatter={(v: unknown) => number.format(Number(v))}
              style={{ fontSize: 12, fill: "var(--foreground)" }}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

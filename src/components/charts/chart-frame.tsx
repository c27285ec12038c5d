import type { CSSProperties, ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** The plain data a chart of days draws: one value per series (project id) and day; null when unknown. */
export interface TChartSeries {
  id: string;
  name: string;
  color: string;
}

export interface TDayPoint {
  /** YYYY-MM-DD, UTC */
  day: string;
  values: Record<string, number | null | undefined>;
}

/** Shared axis and grid look of the charts. */
export const AXIS_TICK = { fontSize: 12, fill: "var(--muted-foreground)" } as const;
export const GRID_STROKE = "var(--border)";
export const TOOLTIP_STYLE = {
  contentStyle: {
    borderRadius: 8,
    border: "1px solid var(--border)",
    background: "var(--card)",
    color: "var(--card-foreground)",
    fontSize: 12,
    boxShadow: "0 4px 12px rgb(0 0 0 / 0.08)",
  },
  labelStyle: { fontWeight: 600, marginBottom: 4 },
} as const;

/**
 * The box every chart sits in: a titled `<figure>` (its `<figcaption>` names the chart) with a
 * test id, `data-chart` and `data-has-data`, and a body of fixed height (the SVG charts stretch to
 * it; Recharts' ResponsiveContainer always has a size to measure, headless browsers included).
 * Without data it says so instead.
 */
export function ChartFrame({
  testId,
  title,
  description,
  hasData,
  emptyText,
  bodyClassName = "h-56 sm:h-72",
  bodyStyle,
  className,
  children,
}: {
  testId: string;
  title: string;
  description?: string;
  hasData: boolean;
  emptyText: string;
  /** The body's fixed height (Tailwind classes); shorter on phones by default. */
  bodyClassName?: string;
  bodyStyle?: CSSProperties;
  className?: string;
  children: ReactNode;
}) {
  return (
    <figure
      data-testid={testId}
      data-chart
      data-has-data={hasData ? "true" : "false"}
      className={cn("min-w-0 rounded-xl border bg-card p-4 text-card-foreground shadow-sm sm:p-5", className)}
    >
      <figcaption className="mb-3">
        <span className="block text-base font-semibold leading-tight">{title}</span>
        {description ? <span className="mt-1 block text-sm text-muted-foreground">{description}</span> : null}
      </figcaption>
      <div className={cn("w-full min-w-0", bodyClassName)} style={bodyStyle}>
        {hasData ? (
          children
        ) : (
          <div className="flex h-full items-center justify-center rounded-lg border border-dashed px-4 text-center text-sm text-muted-foreground">
            {emptyText}
          </div>
        )}
      </div>
    </figure>
  );
}

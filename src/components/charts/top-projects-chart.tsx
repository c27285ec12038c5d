"use client";

import { useLocale } from "next-intl";
import { bytesLabel } from "./byte-axis";
import { ChartFrame } from "./chart-frame";

export interface TTopProject {
  id: string;
  name: string;
  bytes: number;
  color: string;
}

/** How many bars fit the default chart height. */
const FITS_DEFAULT = 6;

/**
 * The projects with the most traffic, as horizontal bars, biggest first (at most `limit`): each
 * row names its project and amount in text, the bar is SVG in proportion to the biggest. No chart library:
 * it is drawn in the server's HTML (spec 18.3).
 */
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
  /** The name of the value, e.g. "Traffic" (each bar's tooltip). */
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
  // The biggest project fills the row; the others in proportion.
  const top = Math.max(0, ...rows.map((r) => r.bytes)) || 1;

  return (
    <ChartFrame
      testId="chart-top-projects"
      title={title}
      description={description}
      hasData={hasData}
      emptyText={emptyText}
      // As tall as the other charts; with many projects, as tall as its rows.
      bodyClassName={rows.length > FITS_DEFAULT ? "" : undefined}
    >
      <ol className="flex h-full flex-col justify-center gap-3 text-sm">
        {rows.map((r) => (
          <li
            key={r.id}
            className="grid grid-cols-[minmax(4rem,9rem)_1fr] items-center gap-3"
            title={`${r.name} – ${valueLabel}: ${bytesLabel(r.bytes, locale)}`}
          >
            <span className="truncate text-muted-foreground">{r.name}</span>
            <span className="flex min-w-0 items-center gap-2">
              <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="h-5 min-w-0 flex-1" aria-hidden>
                <rect x={0} y={0} width={100} height={10} fill="var(--muted)" />
                <rect data-series={r.id} x={0} y={0} width={(r.bytes / top) * 100} height={10} fill={r.color} />
              </svg>
              <span className="w-16 shrink-0 text-right tabular-nums">{bytesLabel(r.bytes, locale)}</span>
            </span>
          </li>
        ))}
      </ol>
    </ChartFrame>
  );
}

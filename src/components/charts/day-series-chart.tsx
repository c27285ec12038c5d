"use client";

import { useLocale } from "next-intl";
import { useState, type KeyboardEvent, type PointerEvent } from "react";
import { byteTicks, bytesLabel, longDay, shortDay } from "./byte-axis";
import { ByteAxisLabels, ByteGridLines } from "./byte-grid";
import { ChartFrame, type TChartSeries, type TDayPoint } from "./chart-frame";
import { dayIndexAt, dayX, HEIGHT, labelIndexes, seriesLines, stackedAreas, WIDTH } from "./day-geometry";

/**
 * Bytes per day and series (projects) as plain SVG: stacked areas (`stacked`, the top edge is the
 * day's total) or one line per series. It draws in the server's HTML, with no chart library, so
 * the page arrives with its charts (spec 18.3); in the browser, pointing at a day (or focusing the
 * chart and using the arrow keys) shows that day's values.
 */
export function DaySeriesChart({
  testId,
  title,
  description,
  emptyText,
  series,
  points,
  stacked,
  totalLabel,
}: {
  testId: string;
  title: string;
  description?: string;
  emptyText: string;
  series: TChartSeries[];
  points: TDayPoint[];
  stacked: boolean;
  /** The name of the day's total in the tooltip of stacked charts ("Total"). */
  totalLabel?: string;
}) {
  const locale = useLocale();
  const [active, setActive] = useState<number | null>(null);
  const n = points.length;
  const totals = points.map((p) => series.reduce((sum, s) => sum + (p.values[s.id] ?? 0), 0));
  const values = points.flatMap((p) => series.map((s) => p.values[s.id])).filter((v): v is number => typeof v === "number");
  const max = stacked ? Math.max(0, ...totals) : Math.max(0, ...values);
  const hasData = series.length > 0 && (stacked ? max > 0 : values.length > 0);
  const ticks = byteTicks(max);
  const top = ticks[ticks.length - 1] || 1;
  const paths = stacked ? stackedAreas(points, series, top) : seriesLines(points, series, top);

  function onPointer(event: PointerEvent<HTMLDivElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width > 0) setActive(dayIndexAt((event.clientX - box.left) / box.width, n));
  }
  function onKey(event: KeyboardEvent<HTMLDivElement>) {
    const step = { ArrowLeft: -1, ArrowRight: 1, Home: -n, End: n }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    setActive((i) => Math.min(n - 1, Math.max(0, (i ?? n - 1) + (i === null ? 0 : step))));
  }
  const shown = active !== null && active < n ? points[active]! : null;

  return (
    <ChartFrame testId={testId} title={title} description={description} hasData={hasData} emptyText={emptyText}>
      <div className="flex h-full flex-col gap-2 text-xs text-muted-foreground">
        <div className="grid min-h-0 flex-1 grid-cols-[4rem_1fr] grid-rows-[1fr_auto] gap-x-2 gap-y-1">
          <ByteAxisLabels ticks={ticks} top={top} locale={locale} />
          <div
            className="relative min-w-0 rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
            tabIndex={0}
            role="group"
            aria-label={title}
            onPointerMove={onPointer}
            onPointerDown={onPointer}
            onPointerLeave={() => setActive(null)}
            onFocus={() => setActive((i) => i ?? n - 1)}
            onBlur={() => setActive(null)}
            onKeyDown={onKey}
          >
            <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" className="absolute inset-0 h-full w-full overflow-visible" aria-hidden>
              <ByteGridLines ticks={ticks} top={top} width={WIDTH} />
              {paths.map((p) =>
                p.area !== undefined ? <path key={`${p.id}-area`} data-series={p.id} d={p.area} fill={p.color} fillOpacity={0.3} stroke="none" /> : null,
              )}
              {paths.map((p) => (
                <path
                  key={`${p.id}-line`}
                  data-series={p.area === undefined ? p.id : undefined}
                  d={p.line}
                  fill="none"
                  stroke={p.color}
                  strokeWidth={p.area === undefined ? 2 : 1.5}
                  strokeLinejoin="round"
                  strokeLinecap="round"
                  vectorEffect="non-scaling-stroke"
                />
              ))}
            </svg>
            {shown ? (
              <>
                <div
                  aria-hidden
                  className="pointer-events-none absolute inset-y-0 w-px bg-foreground/40"
                  style={{ left: `${(dayX(active!, n) / WIDTH) * 100}%` }}
                />
                <div
                  role="status"
                  data-testid={`${testId}-tooltip`}
                  className="pointer-events-none absolute top-0 z-10 min-w-36 rounded-lg border bg-card p-2 text-card-foreground shadow-md"
                  style={
                    dayX(active!, n) > WIDTH / 2
                      ? { right: `${100 - (dayX(active!, n) / WIDTH) * 100}%`, marginRight: 8 }
                      : { left: `${(dayX(active!, n) / WIDTH) * 100}%`, marginLeft: 8 }
                  }
                >
                  <p className="mb-1 font-semibold">{longDay(shown.day, locale)}</p>
                  <ul className="space-y-0.5">
                    {series.map((s) => (
                      <li key={s.id} className="flex items-center justify-between gap-3">
                        <span className="flex min-w-0 items-center gap-1.5">
                          <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ background: s.color }} />
                          <span className="truncate">{s.name}</span>
                        </span>
                        <span className="tabular-nums">{typeof shown.values[s.id] === "number" ? bytesLabel(shown.values[s.id], locale) : "–"}</span>
                      </li>
                    ))}
                    {stacked && totalLabel && series.length > 1 ? (
                      <li className="flex justify-between gap-3 border-t pt-0.5 font-medium">
                        <span>{totalLabel}</span>
                        <span className="tabular-nums">{bytesLabel(totals[active!], locale)}</span>
                      </li>
                    ) : null}
                  </ul>
                </div>
              </>
            ) : null}
          </div>
          <span aria-hidden />
          <div className="relative h-4 tabular-nums" aria-hidden>
            {labelIndexes(n).map((i, k) => (
              <span
                key={points[i]!.day}
                // Every other label on a phone, so they never run into each other.
                className={k % 2 === 1 ? "absolute whitespace-nowrap max-sm:hidden" : "absolute whitespace-nowrap"}
                style={i === 0 ? { left: 0 } : i === n - 1 ? { right: 0 } : { left: `${(dayX(i, n) / WIDTH) * 100}%`, transform: "translateX(-50%)" }}
              >
                {shortDay(points[i]!.day, locale)}
              </span>
            ))}
          </div>
        </div>
        <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1" aria-label={title}>
          {series.map((s) => (
            <li key={s.id} className="flex items-center gap-1.5">
              <span aria-hidden className="size-2 rounded-full" style={{ background: s.color }} />
              <span className="text-foreground">{s.name}</span>
            </li>
          ))}
        </ul>
      </div>
    </ChartFrame>
  );
}

import { bytesLabel, byteTicks, longDay, shortDay } from "./byte-axis";
import { ByteAxisLabels, ByteGridLines } from "./byte-grid";
import { ChartFrame } from "./chart-frame";
import { HEIGHT, valueY } from "./day-geometry";

/** One bar: a UTC day (YYYY-MM-DD) and its bytes. */
export interface TDayBar {
  day: string;
  bytes: number;
}

/** The drawing's own units: one bar slot per day (its height is the day charts' HEIGHT). */
const SLOT = 10;
const BAR = 7;

/**
 * Bytes per day as plain SVG bars, with no script: it works in a server component, so the page
 * arrives with the chart drawn (spec 18.3) and needs no chart library in the browser. Each bar
 * names its day and amount (a native tooltip); the axis top and the first and last days are HTML
 * beside the drawing, so the text never stretches with it. The last bar is `partialDay` when the
 * day is still running (drawn lighter).
 */
export function DayBars({
  testId,
  title,
  description,
  emptyText,
  summary,
  bars,
  locale,
  color = "var(--primary)",
  partialDay,
}: {
  testId: string;
  title: string;
  description?: string;
  emptyText: string;
  /** What the chart shows, in one sentence for screen readers ("The busiest day was…"). */
  summary: string;
  bars: TDayBar[];
  locale: string;
  color?: string;
  partialDay?: string;
}) {
  const max = Math.max(0, ...bars.map((b) => b.bytes));
  const ticks = byteTicks(max, 2);
  const top = ticks[ticks.length - 1] || 1;
  const width = Math.max(1, bars.length) * SLOT;
  const hasData = max > 0;

  return (
    <ChartFrame testId={testId} title={title} description={description} hasData={hasData} emptyText={emptyText} bodyClassName="h-36 sm:h-44">
      <div className="grid h-full grid-cols-[4rem_1fr] grid-rows-[1fr_auto] gap-x-2 gap-y-1 text-xs text-muted-foreground">
        <ByteAxisLabels ticks={ticks} top={top} locale={locale} />
        <div className="relative min-h-0 min-w-0">
          <svg
            role="img"
            aria-label={summary}
            viewBox={`0 0 ${width} ${HEIGHT}`}
            preserveAspectRatio="none"
            className="absolute inset-0 h-full w-full overflow-visible"
          >
            <ByteGridLines ticks={ticks} top={top} width={width} />
            {bars.map((b, i) => {
              const y = valueY(b.bytes, top);
              return (
                <rect
                  key={b.day}
                  data-series="bytes"
                  data-day={b.day}
                  x={i * SLOT + (SLOT - BAR) / 2}
                  y={y}
                  width={BAR}
                  height={HEIGHT - y}
                  fill={color}
                  fillOpacity={b.day === partialDay ? 0.45 : 0.85}
                >
                  <title>{`${longDay(b.day, locale)}: ${bytesLabel(b.bytes, locale)}`}</title>
                </rect>
              );
            })}
          </svg>
        </div>
        <span aria-hidden />
        <div className="flex justify-between tabular-nums" aria-hidden>
          <span>{bars[0] ? shortDay(bars[0].day, locale) : null}</span>
          <span>{bars.length > 1 ? shortDay(bars[bars.length - 1]!.day, locale) : null}</span>
        </div>
      </div>
    </ChartFrame>
  );
}

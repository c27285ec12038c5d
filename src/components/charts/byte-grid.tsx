import { bytesLabel } from "./byte-axis";
import { HEIGHT, valueY } from "./day-geometry";

/**
 * The byte axis of the SVG day charts, as HTML beside the drawing (so its text never stretches
 * with it): one label per tick, placed at the tick's height. No hooks: server and client charts
 * both use it.
 */
export function ByteAxisLabels({ ticks, top, locale }: { ticks: number[]; top: number; locale: string }) {
  return (
    <div className="relative tabular-nums" aria-hidden>
      {ticks.map((v) => (
        <span key={v} className="absolute right-0 -translate-y-1/2 leading-none" style={{ top: `${(valueY(v, top) / HEIGHT) * 100}%` }}>
          {bytesLabel(v, locale)}
        </span>
      ))}
    </div>
  );
}

/** The ticks' grid lines inside a day chart's SVG of `width` units (the zero line solid, the others dashed). */
export function ByteGridLines({ ticks, top, width }: { ticks: number[]; top: number; width: number }) {
  return ticks.map((v) => (
    <line
      key={v}
      x1={0}
      x2={width}
      y1={valueY(v, top)}
      y2={valueY(v, top)}
      stroke="var(--border)"
      strokeDasharray={v === 0 ? undefined : "3 3"}
      vectorEffect="non-scaling-stroke"
    />
  ));
}

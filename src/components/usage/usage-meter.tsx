import { ArrowDownUp, HardDrive } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { formatBytes } from "@/lib/format";
import type { TForecast } from "@/lib/forecast";
import { LEVEL_THRESHOLDS, type TUsageLevel } from "@/lib/usage-levels";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { LEVEL_LOOK, LevelBadge, levelSurface } from "./level";

/** What a meter needs of a usage metric (the `TMetric` of `usage.summary`). */
export interface TMeterMetric {
  bytes: bigint;
  limit_bytes: bigint;
  percent: number | null;
  level: TUsageLevel;
  /** Team totals of the current month: where it is heading (spec 18.2). */
  forecast?: TForecast | null;
}

export type TMeterKind = "traffic" | "storage";

/** "84 %" / "84 %", one decimal under 10 %. */
export function formatPercent(percent: number, locale: string): string {
  if (!Number.isFinite(percent)) return "> 100 %";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: percent < 10 ? 1 : 0 }).format(percent / 100);
}

/** A long UTC date: "December 1, 2026" / "1 décembre 2026". */
function formatLongDate(value: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(value);
}

/** A short UTC day: "Dec 24" / "24 déc.". */
function formatShortDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

const ICONS = { traffic: ArrowDownUp, storage: HardDrive } as const;

/**
 * One metered resource against its limit: "4.2 GB of 5 GB", a bar with the 80 % and 95 % marks,
 * the percentage and the level (badge with icon and word; the card itself is tinted past 80 %).
 * The traffic card tells when the monthly quota resets; with a forecast and `periodEnd`, the card
 * says where the month ends at this rate. Works in server and client components.
 */
export function UsageMeter({
  kind,
  metric,
  resetsAt,
  isCurrentPeriod = true,
  periodEnd,
  className,
  children,
  ...props
}: {
  kind: TMeterKind;
  metric: TMeterMetric;
  /** Traffic only: the first instant of the next month (UTC). */
  resetsAt?: Date | null;
  /** Whether the period shown is the current month (the reset is then still ahead). */
  isCurrentPeriod?: boolean;
  /** The period's last day (YYYY-MM-DD), named by the forecast. */
  periodEnd?: string;
  className?: string;
  children?: ReactNode;
  "data-testid"?: string;
}) {
  const t = useTranslations("usage");
  const locale = useLocale();
  const Icon = ICONS[kind];
  const titleId = `usage-meter-${kind}-title`;
  const unlimited = metric.limit_bytes < 0n || metric.percent === null;
  const percent = metric.percent ?? 0;
  const used = formatBytes(metric.bytes, locale);
  const amount = unlimited ? t("ofUnlimited", { used }) : t("ofLimit", { used, limit: formatBytes(metric.limit_bytes, locale) });
  const percentText = unlimited ? null : formatPercent(percent, locale);
  const look = LEVEL_LOOK[metric.level];
  const forecast = metric.forecast && periodEnd ? metric.forecast : null;
  const forecastValues = forecast ? { amount: formatBytes(forecast.month_end_bytes, locale), date: formatShortDay(periodEnd!, locale) } : null;

  return (
    <Card
      aria-labelledby={titleId}
      data-level={metric.level}
      className={cn("flex flex-col transition-colors", levelSurface(metric.level), className)}
      {...props}
    >
      <CardHeader className="flex-row items-center justify-between gap-2">
        <CardTitle id={titleId} className="flex items-center gap-2">
          <Icon aria-hidden className="size-4 text-muted-foreground" />
          {t(kind)}
        </CardTitle>
        <LevelBadge level={metric.level} />
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
          <p className="text-lg font-semibold tabular-nums" data-testid="usage-amount">
            {amount}
          </p>
          {percentText ? (
            <p className={cn("text-sm font-medium tabular-nums", metric.level === "ok" ? "text-muted-foreground" : look.text)} data-testid="usage-percent">
              {percentText}
            </p>
          ) : null}
        </div>
        <div
          role="progressbar"
          aria-labelledby={titleId}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={unlimited ? undefined : Math.min(100, Math.round(percent * 100) / 100)}
          aria-valuetext={percentText ? `${amount} (${percentText})` : amount}
          className="relative h-2.5 w-full overflow-hidden rounded-full bg-muted ring-1 ring-inset ring-border"
        >
          <div
            className={cn("h-full rounded-full transition-[width]", look.bar)}
            style={{ width: unlimited ? "0%" : `${Math.min(100, Math.max(percent, percent > 0 ? 1 : 0))}%` }}
          />
          {/* The warning and critical thresholds, as faint marks on the track. */}
          {[LEVEL_THRESHOLDS.warning, LEVEL_THRESHOLDS.critical].map((mark) => (
            <span key={mark} aria-hidden className="absolute inset-y-0 w-px bg-foreground/30" style={{ left: `${mark}%` }} />
          ))}
        </div>
        {kind === "traffic" && resetsAt ? (
          <p className="text-sm text-muted-foreground">{t(isCurrentPeriod ? "resetsOn" : "resetOn", { date: formatLongDate(resetsAt, locale) })}</p>
        ) : null}
        {kind === "storage" ? <p className="text-sm text-muted-foreground">{t("storageHint")}</p> : null}
        {forecast && forecastValues ? (
          <p className="text-sm text-muted-foreground" data-testid="usage-forecast" data-limit-reached-on={forecast.limit_reached_on ?? undefined}>
            {forecast.limit_reached_on
              ? t("forecastWithLimit", { ...forecastValues, reached: formatShortDay(forecast.limit_reached_on, locale) })
              : t("forecast", forecastValues)}
          </p>
        ) : null}
        {metric.level === "exceeded" ? <p className={cn("text-sm font-medium", look.text)}>{t("exceededHint")}</p> : null}
        {children}
      </CardContent>
    </Card>
  );
}

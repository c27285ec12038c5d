"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { BarChart3, Download } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useMemo, useState, type ChangeEvent } from "react";
import { formatBytes } from "@/lib/format";
import { daysBetween, parseMonthKey } from "@/lib/usage-period";
import { isUsageRange, USAGE_RANGE_DAYS, USAGE_RANGES, usageView, type TUsageView } from "@/lib/usage-range";
import type { AppRouter } from "@/trpc/types";
import { useTRPC } from "@/trpc/react";
// The chart files themselves, not "@/components/charts": its Recharts charts (admin, support) stay out of this page's scripts.
import type { TChartSeries, TDayPoint } from "@/components/charts/chart-frame";
import { DailyTrafficChart } from "@/components/charts/daily-traffic-chart";
import { seriesColor } from "@/components/charts/palette";
import { StorageChart } from "@/components/charts/storage-chart";
import { TopProjectsChart } from "@/components/charts/top-projects-chart";
import { describeError } from "@/components/error-message";
import { EmptyState } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { formatPercent, UsageMeter } from "./usage-meter";
import { UsageChartsSkeleton, UsageMetersSkeleton } from "./usage-skeletons";

type TOutputs = inferRouterOutputs<AppRouter>;
type TSummary = TOutputs["usage"]["summary"];
type TDaily = TOutputs["usage"]["daily"];

/** The view (a range or a month) the server already read, handed over so the page arrives drawn. */
export interface TUsageInitial {
  view: string;
  summary: TSummary;
  daily: TDaily;
}

/** "November 2026" / "Novembre 2026" for a month key "2026-11". */
function monthLabel(key: string, locale: string, capitalize = true): string {
  const m = parseMonthKey(key);
  if (!m) return key;
  const text = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(m.year, m.month - 1, 1)));
  return capitalize ? text.charAt(0).toLocaleUpperCase(locale) + text.slice(1) : text;
}

/** A project's traffic and storage in the view: the summary's for a month, the daily rows' (sum; last measure) for a range. */
interface TProjectRow {
  id: string;
  slug: string;
  name: string;
  traffic: bigint;
  storage: bigint;
}

function rangeRows(summary: TSummary, daily: TDaily): TProjectRow[] {
  const rows = new Map<string, TProjectRow>(summary.projects.map((p) => [p.id, { id: p.id, slug: p.slug, name: p.name, traffic: 0n, storage: 0n }]));
  // The daily rows come by day: the last one seen of a project is its latest storage measure.
  for (const d of daily.days) {
    const row = rows.get(d.project_id);
    if (!row) continue;
    row.traffic += BigInt(d.traffic_bytes);
    row.storage = BigInt(d.storage_bytes);
  }
  return [...rows.values()];
}

/** The table's and top chart's rows: a month's from its summary, a range's from its daily rows (null until both are read). */
function projectRowsOf(isRange: boolean, summary: TSummary | undefined, daily: TDaily | undefined): TProjectRow[] | null {
  if (!summary) return null;
  if (!isRange) return summary.projects.map((p) => ({ id: p.id, slug: p.slug, name: p.name, traffic: p.traffic.bytes, storage: p.storage.bytes }));
  return daily ? rangeRows(summary, daily) : null;
}

/**
 * The Usage page's body: a period picker (the last 7, 30 or 90 days, or a calendar month; kept in
 * `?range=` or `?month=`), the month's meters (the current month's for a range), daily traffic,
 * storage over time and top projects charts, a per-project table and, for a month, the CSV download.
 */
export function UsageDashboard({
  team,
  months,
  initialView,
  today,
  initial,
}: {
  team: string;
  /** Month keys the picker offers, newest first. */
  months: string[];
  /** `last-7`, `last-30`, `last-90` or a month key. */
  initialView: string;
  /** Today (UTC, YYYY-MM-DD): the current month's charts stop there. */
  today: string;
  initial?: TUsageInitial;
}) {
  const t = useTranslations("usage");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const pathname = usePathname();
  const [viewKey, setViewKey] = useState(initialView);

  const view: TUsageView = usageView(viewKey, new Date(`${today}T00:00:00Z`)) ?? usageView(months[0]!, new Date(`${today}T00:00:00Z`))!;
  const month = view.month;
  const { from: first, to: last } = view;
  const fromServer = initial && initial.view === viewKey ? initial : undefined;
  const summary = useQuery(trpc.usage.summary.queryOptions({ team, month }, { initialData: () => fromServer?.summary }));
  const daily = useQuery(trpc.usage.daily.queryOptions({ team, from: first, to: last }, { initialData: () => fromServer?.daily }));

  function onViewChange(event: ChangeEvent<HTMLSelectElement>) {
    selectView(event.target.value);
  }

  function selectView(next: string) {
    setViewKey(next);
    // The address follows the picker (shareable, survives a reload) without a server round trip.
    const param = isUsageRange(next) ? "range" : "month";
    window.history.replaceState(null, "", `${pathname}?${param}=${encodeURIComponent(next)}`);
  }

  const chartData = useMemo(() => {
    if (!daily.data) return null;
    const series: TChartSeries[] = daily.data.projects.map((p, i) => ({ id: p.id, name: p.name, color: seriesColor(i) }));
    const end = last < today ? last : today;
    const days = first <= end ? daysBetween(first, end) : [];
    const traffic = new Map<string, TDayPoint>(days.map((d) => [d, { day: d, values: {} }]));
    const storage = new Map<string, TDayPoint>(days.map((d) => [d, { day: d, values: {} }]));
    for (const row of daily.data.days) {
      const day = typeof row.day === "string" ? row.day : String(row.day);
      if (!traffic.has(day)) {
        traffic.set(day, { day, values: {} });
        storage.set(day, { day, values: {} });
      }
      traffic.get(day)!.values[row.project_id] = Number(row.traffic_bytes);
      storage.get(day)!.values[row.project_id] = Number(row.storage_bytes);
    }
    const byDay = (a: TDayPoint, b: TDayPoint) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0);
    return { series, traffic: [...traffic.values()].sort(byDay), storage: [...storage.values()].sort(byDay), rows: daily.data.days.length };
  }, [daily.data, first, last, today]);

  const error = summary.error ?? daily.error;
  const isLoading = summary.isPending || daily.isPending;
  const isRange = view.kind === "range";
  const label = isRange ? t("lastDays", { days: view.days }) : monthLabel(month, locale);
  const inSentence = isRange ? t("lastDaysInSentence", { days: view.days }) : monthLabel(month, locale, locale === "en");
  const csvHref = `/api/usage/${encodeURIComponent(team)}/export?month=${month}`;
  const projectRows = projectRowsOf(isRange, summary.data, daily.data);

  return (
    <div className="space-y-6" data-testid="usage-dashboard" data-month={month} data-view={viewKey} data-days={chartData?.traffic.length}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Select aria-label={t("period")} value={viewKey} onChange={onViewChange} className="w-full sm:w-56" name="period">
          <optgroup label={t("recentDays")}>
            {USAGE_RANGES.map((key) => (
              <option key={key} value={key}>
                {t("lastDays", { days: USAGE_RANGE_DAYS[key] })}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("months")}>
            {months.map((key) => (
              <option key={key} value={key}>
                {monthLabel(key, locale)}
              </option>
            ))}
          </optgroup>
        </Select>
        {isRange ? null : (
          <a
            href={csvHref}
            download
            className={buttonVariants({ variant: "outline", className: "w-full sm:w-auto" })}
            title={t("downloadCsvHint", { month: inSentence })}
            data-testid="usage-csv-link"
          >
            <Download aria-hidden />
            {t("downloadCsv")}
          </a>
        )}
      </div>

      {isLoading && !error ? (
        <p className="sr-only" role="status">
          {t("loadingMonth", { month: inSentence })}
        </p>
      ) : null}

      {error ? (
        <Alert variant="error" data-testid="usage-error">
          <p className="font-medium">{t("errorTitle")}</p>
          <p>{describeError(error, tc("networkError"))}</p>
          <Button
            variant="outline"
            size="sm"
            className="mt-2"
            onClick={() => {
              void summary.refetch();
              void daily.refetch();
            }}
          >
            {tc("retry")}
          </Button>
        </Alert>
      ) : null}

      {summary.data && isRange ? <p className="text-sm text-muted-foreground">{t("metersThisMonth")}</p> : null}
      {summary.data ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <UsageMeter
            kind="traffic"
            data-testid="usage-card-traffic"
            metric={summary.data.totals.traffic}
            resetsAt={summary.data.period.traffic_resets_at}
            isCurrentPeriod={summary.data.period.is_current}
            periodEnd={summary.data.period.last_day}
          />
          <UsageMeter kind="storage" data-testid="usage-card-storage" metric={summary.data.totals.storage} periodEnd={summary.data.period.last_day} />
        </div>
      ) : summary.isPending ? (
        <UsageMetersSkeleton />
      ) : null}

      {summary.data && chartData ? (
        // No daily rows: a month without usage, or the first minutes of this one (the meters above still
        // show the storage last measured).
        summary.data.projects.length === 0 || chartData.rows === 0 ? (
          <EmptyState
            icon={<BarChart3 />}
            title={isRange ? t("emptyTitleRange", { days: view.days }) : t("emptyTitle")}
            className="bg-card"
            data-testid="usage-empty"
          >
            {summary.data.projects.length === 0 ? (
              t("emptyNoProjects")
            ) : !isRange && summary.data.period.is_current && months[1] ? (
              // The first hours of a month: nothing is counted yet, and last month is one click away.
              <>
                {t("emptyNewMonth", { month: label })}{" "}
                <button type="button" className="font-medium text-primary underline-offset-4 hover:underline" onClick={() => selectView(months[1]!)}>
                  {t("emptySeeMonth", { month: monthLabel(months[1], locale, locale === "en") })}
                </button>
              </>
            ) : (
              t("emptyNoRows")
            )}
          </EmptyState>
        ) : (
          <div className="space-y-6">
            <DailyTrafficChart
              title={t("dailyTraffic")}
              description={t("dailyTrafficDescription")}
              emptyText={t("chartEmpty")}
              totalLabel={t("total")}
              series={chartData.series}
              points={chartData.traffic}
            />
            <div className="grid gap-6 lg:grid-cols-2">
              <StorageChart
                title={t("storageOverTime")}
                description={t("storageOverTimeDescription")}
                emptyText={t("chartEmpty")}
                series={chartData.series}
                points={chartData.storage}
              />
              <TopProjectsChart
                title={
                  isRange
                    ? t("topProjectsRange", { days: view.days })
                    : summary.data.period.is_current
                      ? t("topProjectsCurrent")
                      : t("topProjectsMonth", { month: inSentence })
                }
                description={t("topProjectsDescription")}
                emptyText={t("chartEmpty")}
                valueLabel={t("traffic")}
                items={(projectRows ?? []).map((p, i) => ({
                  id: p.id,
                  name: p.name,
                  bytes: Number(p.traffic),
                  color: chartData.series.find((s) => s.id === p.id)?.color ?? seriesColor(i),
                }))}
              />
            </div>
            <ProjectTable rows={projectRows ?? []} caption={label} />
          </div>
        )
      ) : isLoading && !error ? (
        <UsageChartsSkeleton />
      ) : null}
    </div>
  );
}

/** Traffic, storage and share of the team's traffic, per project, biggest first, with a total row. */
function ProjectTable({ rows, caption }: { rows: TProjectRow[]; caption: string }) {
  const t = useTranslations("usage");
  const locale = useLocale();
  const total = rows.reduce((s, p) => s + p.traffic, 0n);
  const totalStorage = rows.reduce((s, p) => s + p.storage, 0n);
  const projects = [...rows].sort((a, b) => (b.traffic > a.traffic ? 1 : b.traffic < a.traffic ? -1 : a.name.localeCompare(b.name)));
  const share = (bytes: bigint) => (total > 0n ? Number((bytes * 10_000n) / total) / 100 : null);

  return (
    <Card aria-labelledby="usage-by-project-title">
      <CardHeader>
        <CardTitle id="usage-by-project-title">{t("byProject")}</CardTitle>
      </CardHeader>
      <CardContent>
        <Table stackOnMobile data-testid="usage-projects-table">
          <caption className="sr-only">{`${t("byProject")} – ${caption}`}</caption>
          <TableColumns
            columns={[
              t("colProject"),
              { label: t("colTraffic"), className: "text-right" },
              { label: t("colStorage"), className: "text-right" },
              { label: t("colShare"), className: "w-1/4" },
            ]}
          />
          <TableBody>
            {projects.map((p) => {
              const pct = share(p.traffic);
              return (
                <TableRow key={p.id} data-project={p.slug}>
                  <TableCell>
                    <div className="font-medium">{p.name}</div>
                    <div className="font-mono text-xs text-muted-foreground">{p.slug}</div>
                  </TableCell>
                  <TableCell data-label={t("colTraffic")} className="text-right tabular-nums">
                    {formatBytes(p.traffic, locale)}
                  </TableCell>
                  <TableCell data-label={t("colStorage")} className="text-right tabular-nums">
                    {formatBytes(p.storage, locale)}
                  </TableCell>
                  <TableCell data-label={t("colShare")}>
                    <div className="flex items-center justify-end gap-2 sm:justify-start">
                      <div aria-hidden className="h-1.5 w-16 overflow-hidden rounded-full bg-muted sm:w-full sm:max-w-32">
                        <div className="h-full rounded-full bg-primary" style={{ width: `${pct ?? 0}%` }} />
                      </div>
                      <span className="w-12 text-right text-sm tabular-nums">{pct === null ? "–" : formatPercent(pct, locale)}</span>
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
            <TableRow className="bg-muted/40 font-medium hover:bg-muted/40">
              <TableCell>{t("total")}</TableCell>
              <TableCell data-label={t("colTraffic")} className="text-right tabular-nums">
                {formatBytes(total, locale)}
              </TableCell>
              <TableCell data-label={t("colStorage")} className="text-right tabular-nums">
                {formatBytes(totalStorage, locale)}
              </TableCell>
              <TableCell />
            </TableRow>
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

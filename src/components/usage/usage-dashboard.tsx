"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { BarChart3, Download } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useMemo, useState, type ChangeEvent } from "react";
import { formatBytes } from "@/lib/format";
import { monthDays, parseMonthKey } from "@/lib/usage-period";
import type { AppRouter } from "@/trpc/types";
import { useTRPC } from "@/trpc/react";
import { DailyTrafficChart, StorageChart, TopProjectsChart, seriesColor, type TChartSeries, type TDayPoint } from "@/components/charts";
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

/** The month the server already read, handed over so the page arrives drawn. */
export interface TUsageInitial {
  month: string;
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

/** Every day of [first, last], as YYYY-MM-DD. */
function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * The Usage page's body: a month picker (kept in `?month=`), the month's meters, daily traffic,
 * storage over time and top projects charts, a per-project table and the CSV download.
 */
export function UsageDashboard({
  team,
  months,
  initialMonth,
  today,
  initial,
}: {
  team: string;
  /** Month keys the picker offers, newest first. */
  months: string[];
  initialMonth: string;
  /** Today (UTC, YYYY-MM-DD): the current month's charts stop there. */
  today: string;
  initial?: TUsageInitial;
}) {
  const t = useTranslations("usage");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const pathname = usePathname();
  const [month, setMonth] = useState(initialMonth);

  const { first, last } = monthDays(parseMonthKey(month)!);
  const fromServer = initial && initial.month === month ? initial : undefined;
  const summary = useQuery(trpc.usage.summary.queryOptions({ team, month }, { initialData: () => fromServer?.summary }));
  const daily = useQuery(trpc.usage.daily.queryOptions({ team, from: first, to: last }, { initialData: () => fromServer?.daily }));

  function onMonthChange(event: ChangeEvent<HTMLSelectElement>) {
    selectMonth(event.target.value);
  }

  function selectMonth(next: string) {
    setMonth(next);
    // The address follows the picker (shareable, survives a reload) without a server round trip.
    window.history.replaceState(null, "", `${pathname}?month=${encodeURIComponent(next)}`);
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
  const label = monthLabel(month, locale);
  const inSentence = monthLabel(month, locale, locale === "en");
  const csvHref = `/api/usage/${encodeURIComponent(team)}/export?month=${month}`;

  return (
    <div className="space-y-6" data-month={month}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Select aria-label={t("month")} value={month} onChange={onMonthChange} className="w-full sm:w-56" name="month">
          {months.map((key) => (
            <option key={key} value={key}>
              {monthLabel(key, locale)}
            </option>
          ))}
        </Select>
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
          <EmptyState icon={<BarChart3 />} title={t("emptyTitle")} className="bg-card" data-testid="usage-empty">
            {summary.data.projects.length === 0 ? (
              t("emptyNoProjects")
            ) : summary.data.period.is_current && months[1] ? (
              // The first hours of a month: nothing is counted yet, and last month is one click away.
              <>
                {t("emptyNewMonth", { month: label })}{" "}
                <button type="button" className="font-medium text-primary underline-offset-4 hover:underline" onClick={() => selectMonth(months[1]!)}>
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
                title={summary.data.period.is_current ? t("topProjectsCurrent") : t("topProjectsMonth", { month: inSentence })}
                description={t("topProjectsDescription")}
                emptyText={t("chartEmpty")}
                valueLabel={t("traffic")}
                items={summary.data.projects.map((p, i) => ({
                  id: p.id,
                  name: p.name,
                  bytes: Number(p.traffic.bytes),
                  color: chartData.series.find((s) => s.id === p.id)?.color ?? seriesColor(i),
                }))}
              />
            </div>
            <ProjectTable summary={summary.data} caption={label} />
          </div>
        )
      ) : isLoading && !error ? (
        <UsageChartsSkeleton />
      ) : null}
    </div>
  );
}

/** Traffic, storage and share of the team's traffic, per project, biggest first, with a total row. */
function ProjectTable({ summary, caption }: { summary: TSummary; caption: string }) {
  const t = useTranslations("usage");
  const locale = useLocale();
  const total = summary.totals.traffic.bytes;
  const projects = [...summary.projects].sort((a, b) =>
    b.traffic.bytes > a.traffic.bytes ? 1 : b.traffic.bytes < a.traffic.bytes ? -1 : a.name.localeCompare(b.name),
  );
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
              const pct = share(p.traffic.bytes);
              return (
                <TableRow key={p.id} data-project={p.slug}>
                  <TableCell>
                    <div className="font-medium">{p.name}</div>
                    <div className="font-mono text-xs text-muted-foreground">{p.slug}</div>
                  </TableCell>
                  <TableCell data-label={t("colTraffic")} className="text-right tabular-nums">
                    {formatBytes(p.traffic.bytes, locale)}
                  </TableCell>
                  <TableCell data-label={t("colStorage")} className="text-right tabular-nums">
                    {formatBytes(p.storage.bytes, locale)}
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
                {formatBytes(summary.totals.traffic.bytes, locale)}
              </TableCell>
              <TableCell data-label={t("colStorage")} className="text-right tabular-nums">
                {formatBytes(summary.totals.storage.bytes, locale)}
              </TableCell>
              <TableCell />
            </TableRow>
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

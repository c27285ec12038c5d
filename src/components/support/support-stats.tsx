"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { TICKET_STATUSES } from "@/lib/support";
import { useTRPC } from "@/trpc/react";
import { CountBarChart } from "@/components/charts";
import { describeError } from "@/components/error-message";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingFrame } from "@/components/list-states";
import { Skeleton } from "@/components/ui/skeleton";
import { useFormatDuration } from "./ticket-badges";
import { STATUS_LOOK } from "./ticket-look";

/**
 * The console's figures for every team: open, closed, total, average resolution and median first
 * response (hours), the last 30 days' average rating and share of 4s and 5s, and a bar chart of
 * tickets by status. Each figure has `data-stat`.
 */
export function SupportStatsPanel() {
  const t = useTranslations("console");
  const ts = useTranslations("ticketStatus");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const stats = useQuery(trpc.support.stats.queryOptions({}, { refetchInterval: 60_000 }));

  const number = new Intl.NumberFormat(locale);
  const duration = useFormatDuration();
  // Hours as "12 h 30 min" or "5 min", like the SLA; the exact hours are on hover.
  const hours = (value: number | null) => (value === null ? null : duration(value * 60));
  const exactHours = (value: number | null) =>
    value === null ? t("noData") : t("hours", { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value) });

  return (
    <Card aria-labelledby="stats-title" data-testid="support-stats">
      <CardHeader>
        <CardTitle id="stats-title">{t("statsTitle")}</CardTitle>
        <CardDescription>{t("statsDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        {stats.isError ? (
          <Alert variant="error">
            <p className="font-medium">{t("statsError")}</p>
            <p>{describeError(stats.error, tc("networkError"))}</p>
            <Button variant="outline" size="sm" className="mt-2" onClick={() => void stats.refetch()}>
              {tc("retry")}
            </Button>
          </Alert>
        ) : !stats.data ? (
          <LoadingFrame className="grid gap-4 lg:grid-cols-5">
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:col-span-3">
              {Array.from({ length: 8 }, (_, i) => (
                <Skeleton key={i} className="h-20" />
              ))}
            </div>
            <Skeleton className="h-56 lg:col-span-2" />
          </LoadingFrame>
        ) : (
          <div className="grid gap-4 lg:grid-cols-5">
            <dl className="grid grid-cols-2 content-start gap-3 sm:grid-cols-3 lg:col-span-3">
              {(
                [
                  ["open", t("statOpen"), number.format(stats.data.open), stats.data.open],
                  ["closed", t("statClosed"), number.format(stats.data.closed), stats.data.closed],
                  ["total", t("statTotal"), number.format(stats.data.total), stats.data.total],
                  ["avg_resolution_hours", t("statAvgResolution"), hours(stats.data.avg_resolution_hours), stats.data.avg_resolution_hours],
                  [
                    "median_first_response_hours",
                    t("statMedianFirstResponse"),
                    hours(stats.data.median_first_response_hours),
                    stats.data.median_first_response_hours,
                  ],
                  ["avg_first_response_hours", t("statAvgFirstResponse"), hours(stats.data.avg_first_response_hours), stats.data.avg_first_response_hours],
                  [
                    "rating_average",
                    t("statRatingAverage", { days: stats.data.satisfaction.window_days }),
                    stats.data.satisfaction.average === null
                      ? null
                      : t("ratingOutOf", { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(stats.data.satisfaction.average) }),
                    stats.data.satisfaction.average,
                  ],
                  [
                    "satisfied_share",
                    t("statSatisfiedShare", { count: stats.data.satisfaction.ratings }),
                    stats.data.satisfaction.satisfied_share === null
                      ? null
                      : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(stats.data.satisfaction.satisfied_share),
                    stats.data.satisfaction.satisfied_share,
                  ],
                ] as const
              ).map(([key, label, value, raw]) => (
                <div key={key} className="rounded-lg border bg-background p-3" data-stat={key} data-value={raw ?? ""}>
                  <dt className="text-xs text-muted-foreground">{label}</dt>
                  <dd className="mt-1 text-xl font-semibold tabular-nums" title={key.endsWith("_hours") ? exactHours(raw) : undefined}>
                    {value ?? (
                      <>
                        <span aria-hidden>{t("none")}</span>
                        <span className="sr-only">{t("noData")}</span>
                      </>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
            <CountBarChart
              testId="chart-ticket-status"
              title={t("chartTitle")}
              emptyText={t("chartEmpty")}
              valueLabel={t("chartValue")}
              className="shadow-none lg:col-span-2"
              bodyClassName="h-48"
              items={TICKET_STATUSES.map((s) => ({ key: s, label: ts(s), value: stats.data.by_status[s] ?? 0, color: STATUS_LOOK[s].chart }))}
            />
          </div>
        )}
      </CardContent>
    </Card>
  );
}

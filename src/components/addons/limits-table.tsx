"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useLocale, useTranslations } from "next-intl";
import { formatMegabytes } from "@/lib/format";
import type { AppRouter } from "@/trpc/types";
import { describeError } from "@/components/error-message";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";

type TLimits = inferRouterOutputs<AppRouter>["addons"]["limits"];
type TMetric = "traffic" | "storage" | "memory" | "cpu";

/** Plan + add-ons = total, per metered resource: what the team's projects may use right now. */
export function LimitsTable({ limits }: { limits: UseQueryResult<TLimits, unknown> }) {
  const t = useTranslations("addons");
  const to = useTranslations("overview");
  const tp = useTranslations("plans");
  const tc = useTranslations("common");
  const locale = useLocale();

  if (limits.isPending) {
    return <Skeleton className="h-64 w-full" />;
  }
  if (limits.isError) {
    return (
      <Alert variant="error">
        <p>
          {t("limitsError")} {describeError(limits.error, tc("networkError"))}
        </p>
        <Button variant="outline" size="sm" onClick={() => void limits.refetch()}>
          {tc("retry")}
        </Button>
      </Alert>
    );
  }

  const l = limits.data;
  const mb = (n: number) => formatMegabytes(n, locale);
  const cores = (n: number) => to("cpuCores", { cores: n });
  const extra = (n: number, format: (n: number) => string) => (n > 0 ? `+${format(n)}` : "–");
  const rows: Array<{ metric: TMetric; label: string; plan: string; addons: string; total: string }> = [
    {
      metric: "traffic",
      label: t("metricTraffic"),
      plan: mb(l.plan_limits.traffic_gb * 1024),
      addons: extra(l.additional_resources.traffic_gb * 1024, mb),
      total: mb(l.traffic_gb * 1024),
    },
    {
      metric: "storage",
      label: t("metricStorage"),
      plan: mb(l.plan_limits.storage_mb),
      addons: extra(l.additional_resources.storage_gb * 1024, mb),
      total: mb(l.storage_mb),
    },
    { metric: "memory", label: t("metricMemory"), plan: mb(l.plan_limits.memory_mb), addons: extra(l.additional_resources.ram_mb, mb), total: mb(l.memory_mb) },
    {
      metric: "cpu",
      label: t("metricCpu"),
      plan: cores(l.plan_limits.cpu_cores),
      addons: extra(l.additional_resources.cpu_cores, cores),
      total: cores(l.cpu_cores),
    },
  ];
  const planHead = t("colPlan", { plan: tp(l.plan) });

  return (
    <Card aria-labelledby="limits-title" data-testid="limits">
      <CardHeader>
        <CardTitle id="limits-title">{t("limitsTitle")}</CardTitle>
        <CardDescription>{t("limitsDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Table stackOnMobile>
          <caption className="sr-only">{t("limitsCaption")}</caption>
          <TableColumns
            columns={[
              t("colLimit"),
              { label: planHead, className: "text-right" },
              { label: t("colAddons"), className: "text-right" },
              { label: t("colTotal"), className: "text-right" },
            ]}
          />
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.metric} data-metric={row.metric}>
                <TableCell className="font-medium">{row.label}</TableCell>
                <TableCell data-label={planHead} className="whitespace-nowrap text-right tabular-nums" data-testid={`limit-${row.metric}-plan`}>
                  {row.plan}
                </TableCell>
                <TableCell
                  data-label={t("colAddons")}
                  className="whitespace-nowrap text-right tabular-nums text-muted-foreground"
                  data-testid={`limit-${row.metric}-addons`}
                >
                  {row.addons}
                </TableCell>
                <TableCell
                  data-label={t("colTotal")}
                  className="whitespace-nowrap text-right font-semibold tabular-nums"
                  data-testid={`limit-${row.metric}-total`}
                >
                  {row.total}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

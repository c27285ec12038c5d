"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatBytes, formatMoney } from "@/lib/format";
import { FRANC_PER_EUR_THOUSANDTHS } from "@/lib/money";
import { reasonText } from "@/lib/payment-reasons";
import { CountBarChart, seriesColor } from "@/components/charts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import type { TRouterOutputs } from "@/trpc/types";

type TReport = TRouterOutputs["admin"]["revenue"];

/** Minor units of a currency as euros, at the francs' fixed parity: what lets one chart compare them. */
function euroEquivalent(minor: number, currency: string): number {
  if (currency === "EUR") return minor / 100;
  return Math.round((minor * 1000 * 100) / FRANC_PER_EUR_THOUSANDTHS) / 100;
}

/** The admin revenue page's figures (spec 17): cards for the headline numbers, charts and tables for the rest. Each figure has `data-stat`. */
export function RevenueDashboard({ report }: { report: TReport }) {
  const t = useTranslations("admin");
  const tm = useTranslations("payments");
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const methodName = (method: string) => (["mobile_money", "credit_card", "balance"].includes(method) ? tm(`methods.${method}`) : method);
  const providerName = (provider: string) => (["payment_backend", "stripe", "balance"].includes(provider) ? t(`providers.${provider}`) : provider);
  const seconds = (value: number | null) =>
    value === null ? t("none") : t("seconds", { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value) });

  const headline = [
    ["paying_teams", t("payingTeams"), report.payingTeams],
    ["conversions", t("conversions"), report.conversionsThisMonth],
    ["open_tickets", t("openTickets"), report.openTickets],
    ["sla_breaches", t("slaBreaches"), report.slaBreaches],
  ] as const;

  return (
    <div className="space-y-6" data-testid="admin-revenue">
      <section aria-labelledby="admin-headline">
        <h2 id="admin-headline" className="sr-only">
          {t("headline")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {headline.map(([key, label, value]) => (
            <div key={key} className="rounded-lg border bg-card p-4" data-stat={key} data-value={value}>
              <dt className="text-sm text-muted-foreground">{label}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{number.format(value)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="admin-revenue-title" data-testid="admin-revenue-table">
          <CardHeader>
            <CardTitle id="admin-revenue-title">{t("revenueTitle")}</CardTitle>
            <CardDescription>{t("revenueDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <Table stackOnMobile scrollLabel={t("revenueTitle")}>
              <TableColumns columns={[t("currency"), t("proTeams"), t("pro"), t("addons"), { label: t("total"), className: "text-right" }]} />
              <TableBody>
                {report.revenue.map((r) => (
                  <TableRow key={r.currency} data-currency={r.currency} data-total={r.totalMinor}>
                    <TableCell className="font-medium">{r.currency}</TableCell>
                    <TableCell data-label={t("proTeams")} className="tabular-nums">
                      {number.format(r.proTeams)}
                    </TableCell>
                    <TableCell data-label={t("pro")} className="tabular-nums">
                      {formatMoney(r.proMinor, r.currency, locale)}
                    </TableCell>
                    <TableCell data-label={t("addons")} className="tabular-nums">
                      {formatMoney(r.addonsMinor, r.currency, locale)}
                    </TableCell>
                    <TableCell data-label={t("total")} className="text-right font-semibold tabular-nums sm:text-right">
                      {formatMoney(r.totalMinor, r.currency, locale)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
        <CountBarChart
          testId="admin-revenue-chart"
          title={t("revenueChartTitle")}
          description={t("revenueChartDescription")}
          emptyText={t("noRevenue")}
          valueLabel={t("euroEquivalent")}
          items={report.revenue.map((r, i) => ({ key: r.currency, label: r.currency, value: euroEquivalent(r.totalMinor, r.currency), color: seriesColor(i) }))}
        />
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="admin-payments-title" data-testid="admin-payments">
          <CardHeader>
            <CardTitle id="admin-payments-title">{t("paymentsTitle")}</CardTitle>
            <CardDescription>{t("paymentsDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            {report.payments.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("noPayments")}</p>
            ) : (
              <Table stackOnMobile scrollLabel={t("paymentsTitle")}>
                <TableColumns columns={[t("method"), t("payments"), t("successRate"), t("medianTime")]} />
                <TableBody>
                  {report.payments.map((p) => (
                    <TableRow key={`${p.method}:${p.provider}`} data-method={p.method} data-provider={p.provider}>
                      <TableCell className="font-medium">
                        {methodName(p.method)} <span className="text-muted-foreground">· {providerName(p.provider)}</span>
                      </TableCell>
                      <TableCell data-label={t("payments")} className="tabular-nums">
                        {t("completedOfFinal", { completed: p.completed, final: p.final, total: p.total })}
                      </TableCell>
                      <TableCell data-label={t("successRate")} className="tabular-nums">
                        {p.successRate === null ? t("none") : percent.format(p.successRate)}
                      </TableCell>
                      <TableCell data-label={t("medianTime")} className="tabular-nums">
                        {seconds(p.medianSeconds)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
        <CountBarChart
          testId="admin-success-chart"
          title={t("successChartTitle")}
          description={t("successChartDescription")}
          emptyText={t("noPayments")}
          valueLabel={t("successRatePercent")}
          items={report.payments
            .filter((p) => p.successRate !== null)
            .map((p, i) => ({
              key: `${p.method}:${p.provider}`,
              label: `${methodName(p.method)} · ${providerName(p.provider)}`,
              value: Math.round((p.successRate ?? 0) * 100),
              color: seriesColor(i),
            }))}
        />
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card aria-labelledby="admin-failures-title" data-testid="admin-failures">
          <CardHeader>
            <CardTitle id="admin-failures-title">{t("failuresTitle")}</CardTitle>
            <CardDescription>{t("failuresDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            {report.failureReasons.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("noFailures")}</p>
            ) : (
              <ol className="space-y-2 text-sm">
                {report.failureReasons.map((f) => (
                  <li
                    key={f.reason}
                    className="flex items-baseline justify-between gap-3"
                    title={f.reason === "unknown" ? undefined : reasonText(f.reason, locale)}
                  >
                    <code className="break-all">{f.reason === "unknown" ? t("unknownReason") : f.reason}</code>
                    <span className="tabular-nums font-medium">{number.format(f.count)}</span>
                  </li>
                ))}
              </ol>
            )}
          </CardContent>
        </Card>

        <Card aria-labelledby="admin-traffic-title" data-testid="admin-top-teams">
          <CardHeader>
            <CardTitle id="admin-traffic-title">{t("topTeamsTitle")}</CardTitle>
            <CardDescription>{t("topTeamsDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            {report.topTeams.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("noTraffic")}</p>
            ) : (
              <ol className="space-y-2 text-sm">
                {report.topTeams.map((team) => (
                  <li key={team.teamId} className="flex items-baseline justify-between gap-3" data-team={team.slug}>
                    <span className="min-w-0 truncate">
                      {team.name} <span className="text-muted-foreground">({team.slug})</span>
                    </span>
                    <span className="tabular-nums font-medium">{formatBytes(team.trafficBytes, locale)}</span>
                  </li>
                ))}
              </ol>
            )}
          </CardContent>
        </Card>

        <Card aria-labelledby="admin-tickets-title" data-testid="admin-tickets">
          <CardHeader>
            <CardTitle id="admin-tickets-title">{t("ticketsTitle")}</CardTitle>
            <CardDescription>{t("ticketsDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <Table scrollLabel={t("ticketsTitle")}>
              <TableColumns columns={[t("priority"), t("open"), t("breached")]} />
              <TableBody>
                {report.tickets.map((row) => (
                  <TableRow key={row.priority} data-priority={row.priority}>
                    <TableCell className="font-medium">{t(`priorities.${row.priority}`)}</TableCell>
                    <TableCell className="tabular-nums">{number.format(row.open)}</TableCell>
                    <TableCell className={row.breached > 0 ? "font-semibold text-destructive tabular-nums" : "tabular-nums"}>
                      {number.format(row.breached)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

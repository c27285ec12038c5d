"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useLocale, useTranslations } from "next-intl";
import { formatMoney } from "@/lib/format";
import type { AppRouter } from "@/trpc/types";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";

export type TPaymentStats = inferRouterOutputs<AppRouter>["payments"]["stats"];

/**
 * What the team has paid: the total per currency and, where there is more than one provider (or
 * Stripe is on), each provider's paid amount and count and its open and failed payments.
 * Give it stats with at least one row.
 */
export function PaymentStats({ stats, cardViaStripe = false, className }: { stats: TPaymentStats; cardViaStripe?: boolean; className?: string }) {
  const t = useTranslations("billing");
  const locale = useLocale();
  const rows = stats.by_provider;

  // Money paid in: a purchase from the balance spends money its top-up already brought, so it is
  // not counted again (its row in the breakdown still shows it).
  const totals = new Map<string, { minor: number; count: number }>();
  for (const r of rows) {
    if (r.provider === "balance") continue;
    const total = totals.get(r.currency) ?? { minor: 0, count: 0 };
    totals.set(r.currency, { minor: total.minor + r.paid_minor, count: total.count + r.paid_count });
  }
  const manyCurrencies = totals.size > 1;
  const showBreakdown = cardViaStripe || new Set(rows.map((r) => r.provider)).size > 1;

  return (
    <Card aria-labelledby="stats-title" data-testid="payment-stats" className={cn("flex flex-col", className)}>
      <CardHeader>
        <CardTitle id="stats-title">{t("statsTitle")}</CardTitle>
        <CardDescription>{t("statsDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <dl className="grid gap-3 sm:grid-cols-2">
          {[...totals].map(([currency, total]) => (
            <div key={currency} className="rounded-lg border p-3" data-currency={currency}>
              <dt className="text-xs text-muted-foreground">{manyCurrencies ? `${t("statsTotalPaid")} (${currency})` : t("statsTotalPaid")}</dt>
              <dd className="flex flex-wrap items-baseline gap-x-2">
                <span className="text-2xl font-semibold tabular-nums tracking-tight">{formatMoney(total.minor, currency, locale)}</span>
                <span className="text-sm text-muted-foreground">{t("statsPaidCount", { count: total.count })}</span>
              </dd>
            </div>
          ))}
        </dl>
        {showBreakdown ? (
          <div className="space-y-2">
            <h3 className="text-sm font-medium">{t("statsByProvider")}</h3>
            <Table stackOnMobile data-testid="payment-stats-providers">
              <caption className="sr-only">{t("statsByProvider")}</caption>
              <TableColumns
                columns={[
                  t("colProvider"),
                  { label: t("statsPaid"), className: "text-right" },
                  { label: t("statsOpen"), className: "text-right" },
                  { label: t("statsFailed"), className: "text-right" },
                ]}
              />
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={`${r.provider}-${r.currency}`} data-provider={r.provider} data-currency={r.currency}>
                    <TableCell className="font-medium">{t(`providers.${r.provider}`)}</TableCell>
                    <TableCell data-label={t("statsPaid")} className="text-right tabular-nums">
                      <span>
                        <span className="font-medium">{formatMoney(r.paid_minor, r.currency, locale)}</span>{" "}
                        <span className="text-muted-foreground">({t("statsPaidCount", { count: r.paid_count })})</span>
                      </span>
                    </TableCell>
                    <TableCell data-label={t("statsOpen")} className="text-right tabular-nums">
                      {r.open_count}
                    </TableCell>
                    <TableCell data-label={t("statsFailed")} className="text-right tabular-nums">
                      {r.failed_count}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

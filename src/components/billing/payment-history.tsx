"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { Receipt, Repeat } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { reasonText } from "@/lib/payment-reasons";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { EmptyState } from "@/components/states";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import type { TPaymentView } from "./payment-panel";
import { PaymentStatusBadge } from "./payment-status-badge";

/**
 * The team's payments, newest first: when, what for, how, how much, and the status as a coloured word.
 * The provider that took each one is a column only where there is more than one (Stripe on, or a
 * Stripe payment listed); a payment renewing by card says so under what it was for.
 */
export function PaymentHistory({ history, cardViaStripe = false }: { history: UseQueryResult<TPaymentView[], unknown>; cardViaStripe?: boolean }) {
  const t = useTranslations("billing");
  const tp = useTranslations("payments");
  const tc = useTranslations("common");
  const locale = useLocale();
  const showProvider = cardViaStripe || (history.data?.some((p) => p.provider === "stripe") ?? false);

  return (
    <Card aria-labelledby="history-title">
      <CardHeader>
        <CardTitle id="history-title">{t("historyTitle")}</CardTitle>
        <CardDescription>{t("historyDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        {history.isPending ? (
          <ListSkeleton rows={3} />
        ) : history.isError ? (
          <ListLoadError message={t("historyError")} error={describeError(history.error, tc("networkError"))} onRetry={() => void history.refetch()} />
        ) : history.data.length === 0 ? (
          <EmptyState icon={<Receipt />} title={t("historyEmpty")} className="py-8">
            {t("historyEmptyHint")}
          </EmptyState>
        ) : (
          <Table stackOnMobile data-testid="payment-history">
            <caption className="sr-only">{t("historyTitle")}</caption>
            <TableColumns
              columns={[
                t("colWhat"),
                t("colDate"),
                t("colMethod"),
                showProvider && { label: t("colProvider") },
                { label: t("colAmount"), className: "text-right" },
                t("colStatus"),
              ]}
            />
            <TableBody>
              {history.data.map((p) => (
                <TableRow key={p.id} data-payment={p.id} data-status={p.status} data-provider={p.provider}>
                  <TableCell className="font-medium">
                    {p.metadata.auto_renew ? (
                      <div className="flex flex-col gap-0.5">
                        <span>{tp(`purpose.${p.purpose}`)}</span>
                        <span className="flex items-center gap-1 text-xs font-normal text-muted-foreground" data-testid="payment-auto-renew">
                          <Repeat aria-hidden className="size-3 shrink-0" />
                          {t("autoRenewRow")}
                        </span>
                      </div>
                    ) : (
                      tp(`purpose.${p.purpose}`)
                    )}
                  </TableCell>
                  <TableCell data-label={t("colDate")} className="whitespace-nowrap">
                    <time dateTime={new Date(p.created_at).toISOString()} title={formatDateTime(p.created_at, locale)}>
                      {formatDate(p.created_at, locale)}
                    </time>
                  </TableCell>
                  <TableCell data-label={t("colMethod")}>{tp(`methods.${p.payment_method}`)}</TableCell>
                  {showProvider ? <TableCell data-label={t("colProvider")}>{t(`providers.${p.provider}`)}</TableCell> : null}
                  <TableCell data-label={t("colAmount")} className="text-right font-medium tabular-nums">
                    {formatMoney(p.amount_minor, p.currency, locale)}
                  </TableCell>
                  <TableCell data-label={t("colStatus")}>
                    <div className="flex flex-col items-end gap-0.5 sm:items-start">
                      <PaymentStatusBadge status={p.status} />
                      {p.status === "failed" && p.failure_reason ? (
                        <span className="max-w-64 text-xs text-muted-foreground" data-testid="payment-history-reason">
                          {reasonText(p.failure_reason, locale)}
                        </span>
                      ) : null}
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

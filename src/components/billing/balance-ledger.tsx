"use client";

import { useQueries } from "@tanstack/react-query";
import { ChevronDown, History, Loader2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { useTRPC } from "@/trpc/react";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { EmptyState } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import type { TLedgerEntry, TLedgerPage } from "./balance-query";
import { LEDGER_PAGE_SIZE, signedMoney } from "./ledger-format";

/**
 * The balance's ledger (spec 15), newest first: when, what moved it (in the reader's words), the
 * signed amount and the balance after it. Pages of LEDGER_PAGE_SIZE; "Show older" reads the page
 * before the last one shown (`next_before`). The first page comes from the server with the page.
 */
export function BalanceLedger({ team, initialPage }: { team: string; initialPage: TLedgerPage | null }) {
  const t = useTranslations("balance");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  // The `before` of each page shown; the first page is the newest (no `before`).
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const pages = useQueries({
    queries: cursors.map((before, i) =>
      trpc.balance.ledger.queryOptions(
        { team, limit: LEDGER_PAGE_SIZE, ...(before ? { before } : {}) },
        i === 0 ? { initialData: () => initialPage ?? undefined } : {},
      ),
    ),
  });
  const first = pages[0]!;
  const last = pages[pages.length - 1]!;
  const entries: TLedgerEntry[] = pages.flatMap((p) => p.data?.entries ?? []);
  const nextBefore = last.data?.next_before ?? null;
  const failedPage = pages.find((p) => p.isError && p !== first);

  return (
    <Card aria-labelledby="ledger-title">
      <CardHeader>
        <CardTitle id="ledger-title">{t("ledgerTitle")}</CardTitle>
        <CardDescription>{t("ledgerDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        {first.isPending ? (
          <ListSkeleton rows={3} />
        ) : first.isError ? (
          <ListLoadError message={t("ledgerError")} error={describeError(first.error, tc("networkError"))} onRetry={() => void first.refetch()} />
        ) : entries.length === 0 ? (
          <EmptyState icon={<History />} title={t("ledgerEmpty")} className="py-8">
            {t("ledgerEmptyHint")}
          </EmptyState>
        ) : (
          <>
            <Table stackOnMobile data-testid="balance-ledger">
              <caption className="sr-only">{t("ledgerTitle")}</caption>
              <TableColumns
                columns={[
                  t("colEntry"),
                  t("colDate"),
                  { label: t("colAmount"), className: "text-right" },
                  { label: t("colBalanceAfter"), className: "text-right" },
                ]}
              />
              <TableBody>
                {entries.map((e) => (
                  <TableRow key={e.id} data-entry={e.id} data-kind={e.kind} data-amount={e.amount_minor}>
                    <TableCell className="font-medium">
                      <div className="flex flex-col gap-0.5">
                        <span>{t(`kinds.${e.kind}`)}</span>
                        {/* A credit's note is support's own reason, written for the team; other notes are the system's. */}
                        {e.kind === "credit" && e.note ? <span className="text-xs font-normal text-muted-foreground">{e.note}</span> : null}
                      </div>
                    </TableCell>
                    <TableCell data-label={t("colDate")} className="whitespace-nowrap">
                      <time dateTime={new Date(e.created_at).toISOString()} title={formatDateTime(e.created_at, locale)}>
                        {formatDate(e.created_at, locale)}
                      </time>
                    </TableCell>
                    <TableCell
                      data-label={t("colAmount")}
                      className={cn("whitespace-nowrap text-right font-medium tabular-nums", e.amount_minor > 0 && "text-ok")}
                      data-testid="ledger-amount"
                    >
                      {signedMoney(e.amount_minor, e.currency, locale)}
                    </TableCell>
                    <TableCell data-label={t("colBalanceAfter")} className="whitespace-nowrap text-right tabular-nums text-muted-foreground">
                      {formatMoney(e.balance_after_minor, e.currency, locale)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {failedPage ? (
              <ListLoadError message={t("ledgerError")} error={describeError(failedPage.error, tc("networkError"))} onRetry={() => void failedPage.refetch()} />
            ) : null}
            {nextBefore || last.isPending ? (
              <Button
                variant="outline"
                size="sm"
                disabled={last.isPending || !nextBefore}
                aria-busy={last.isPending || undefined}
                onClick={() => nextBefore && setCursors((c) => [...c, nextBefore])}
                data-testid="ledger-older"
              >
                {last.isPending ? <Loader2 aria-hidden className="animate-spin" /> : <ChevronDown aria-hidden />}
                {t("ledgerOlder")}
              </Button>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}

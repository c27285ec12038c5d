"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronDown, Download, FileText, Loader2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { useTRPC } from "@/trpc/react";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { EmptyState } from "@/components/states";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { DOCUMENTS_PAGE_SIZE, documentsLimit, formatMonth } from "./documents-format";
import type { TOutputs } from "./payment-flow";

export type TDocumentList = TOutputs["documents"]["list"];

/**
 * The team's receipts and monthly statements (spec 16), newest first: which document, when it was
 * issued, its amount (a statement's is its closing balance) in the reader's locale, and its PDF, a
 * plain link the session cookie authenticates. DOCUMENTS_PAGE_SIZE at first, more with "Show
 * more" (the list asks for one more than it shows, to know whether there are more).
 */
export function DocumentsCard({ team, initialDocuments }: { team: string; initialDocuments: TDocumentList | null }) {
  const t = useTranslations("documents");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const [shown, setShown] = useState(DOCUMENTS_PAGE_SIZE);
  const list = useQuery(
    trpc.documents.list.queryOptions(
      { team, limit: documentsLimit(shown) },
      {
        initialData: shown === DOCUMENTS_PAGE_SIZE && initialDocuments ? () => initialDocuments : undefined,
        placeholderData: keepPreviousData,
      },
    ),
  );
  // While the longer list loads, the shorter one stays as it was shown (its extra document is not one of them).
  const isLoadingMore = list.isPlaceholderData;
  const visible = isLoadingMore ? shown - DOCUMENTS_PAGE_SIZE : shown;
  const documents = list.data?.slice(0, visible) ?? [];
  const hasMore = (list.data?.length ?? 0) > visible;

  return (
    <Card aria-labelledby="documents-title" data-testid="documents-card">
      <CardHeader>
        <CardTitle id="documents-title">{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        {list.isPending ? (
          <ListSkeleton rows={3} />
        ) : list.isError && !list.data ? (
          <ListLoadError message={t("loadError")} error={describeError(list.error, tc("networkError"))} onRetry={() => void list.refetch()} />
        ) : documents.length === 0 ? (
          <EmptyState icon={<FileText />} title={t("empty")} className="py-8" data-testid="documents-empty">
            {t("emptyHint")}
          </EmptyState>
        ) : (
          <>
            <Table stackOnMobile data-testid="documents">
              <caption className="sr-only">{t("title")}</caption>
              <TableColumns
                columns={[
                  t("colDocument"),
                  t("colDate"),
                  { label: t("colAmount"), className: "text-right" },
                  { label: t("colDownload"), srOnly: true, className: "text-right" },
                ]}
              />
              <TableBody>
                {documents.map((d) => (
                  <TableRow key={d.number} data-number={d.number} data-kind={d.kind} data-payment={d.payment_id ?? undefined}>
                    <TableCell className="font-medium">
                      <div className="flex flex-col gap-0.5">
                        <span data-testid="document-kind">
                          {d.kind === "statement" && d.period ? t("statementOf", { month: formatMonth(d.period, locale) }) : t(`kinds.${d.kind}`)}
                        </span>
                        <span className="break-all font-mono text-xs font-normal text-muted-foreground" data-testid="document-number">
                          {d.number}
                        </span>
                      </div>
                    </TableCell>
                    <TableCell data-label={t("colDate")} className="whitespace-nowrap">
                      <time dateTime={new Date(d.issued_at).toISOString()} title={formatDateTime(d.issued_at, locale)}>
                        {formatDate(d.issued_at, locale)}
                      </time>
                    </TableCell>
                    <TableCell data-label={t("colAmount")} className="whitespace-nowrap text-right tabular-nums" data-testid="document-amount">
                      <div className="flex flex-col items-end gap-0.5">
                        <span className="font-medium">{formatMoney(d.amount_minor, d.currency, locale)}</span>
                        {d.kind === "statement" ? <span className="text-xs text-muted-foreground">{t("closingBalance")}</span> : null}
                      </div>
                    </TableCell>
                    <TableCell className="text-right max-sm:justify-end">
                      <a
                        href={d.pdf_url}
                        download={`${d.number}.pdf`}
                        className={cn(buttonVariants({ variant: "outline", size: "sm" }))}
                        data-testid="document-download"
                      >
                        <Download aria-hidden />
                        <span className="sr-only">{t("downloadLabel", { number: d.number })} </span>
                        {t("download")}
                      </a>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {list.isError ? (
              <ListLoadError message={t("loadError")} error={describeError(list.error, tc("networkError"))} onRetry={() => void list.refetch()} />
            ) : null}
            {hasMore || isLoadingMore ? (
              <Button
                variant="outline"
                size="sm"
                disabled={isLoadingMore}
                aria-busy={isLoadingMore || undefined}
                onClick={() => setShown((n) => n + DOCUMENTS_PAGE_SIZE)}
                data-testid="documents-more"
              >
                {isLoadingMore ? <Loader2 aria-hidden className="animate-spin" /> : <ChevronDown aria-hidden />}
                {t("showMore")}
              </Button>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}

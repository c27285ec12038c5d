"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ClipboardList } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { STAFF_ACTIONS, type TStaffAction } from "@/lib/support";
import { useTRPC } from "@/trpc/react";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { EmptyState } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";

const PAGE = 25;

const isAction = (a: string): a is TStaffAction => (STAFF_ACTIONS as readonly string[]).includes(a);

/**
 * `admin.audit` as a table, newest first, a page at a time ("Older" follows the cursor, "Newer"
 * goes back): when, who, which team, the ticket (a link to it in the console), the action and
 * what it was asked and did.
 */
export function StaffAudit() {
  const t = useTranslations("admin");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  // The cursors of the pages read so far: the last one is the page shown (null: the newest).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const before = cursors[cursors.length - 1] ?? null;
  const audit = useQuery(trpc.admin.audit.queryOptions({ limit: PAGE, before }, { placeholderData: keepPreviousData }));

  return (
    <Card>
      <CardContent className="space-y-4 pt-6">
        {audit.isPending ? (
          <ListSkeleton rows={5} />
        ) : audit.isError && !audit.data ? (
          <ListLoadError message={t("auditError")} error={describeError(audit.error, tc("networkError"))} onRetry={() => void audit.refetch()} />
        ) : audit.data.entries.length === 0 ? (
          <EmptyState icon={<ClipboardList />} title={t("auditEmpty")}>
            {t("auditEmptyHint")}
          </EmptyState>
        ) : (
          <>
            <Table stackOnMobile data-testid="audit-table" aria-busy={audit.isFetching || undefined}>
              <caption className="sr-only">{t("auditTitle")}</caption>
              <TableColumns columns={[t("auditWhen"), t("auditWho"), t("auditTeam"), t("auditTicket"), t("auditAction"), t("auditParams")]} />
              <TableBody>
                {audit.data.entries.map((e) => (
                  <TableRow key={e.id} data-audit={e.id} data-action={e.action}>
                    <TableCell data-label={t("auditWhen")} className="whitespace-nowrap">
                      <RelativeTime date={e.created_at} locale={locale} />
                    </TableCell>
                    <TableCell data-label={t("auditWho")}>
                      <span title={e.actor_email ?? undefined}>{e.actor_name ?? e.actor_email ?? t("auditUnknown")}</span>
                    </TableCell>
                    <TableCell data-label={t("auditTeam")}>{e.team_name}</TableCell>
                    <TableCell data-label={t("auditTicket")} className="max-w-56">
                      {e.ticket_id ? (
                        <Link
                          href={`/support/tickets/${encodeURIComponent(e.ticket_id)}`}
                          className="break-words text-primary underline-offset-4 hover:underline"
                        >
                          {e.ticket_subject ?? e.ticket_id}
                        </Link>
                      ) : (
                        t("auditNone")
                      )}
                    </TableCell>
                    <TableCell data-label={t("auditAction")} className="font-medium">
                      {isAction(e.action) ? t(`auditActions.${e.action}`) : e.action}
                    </TableCell>
                    <TableCell data-label={t("auditParams")} className="max-w-80">
                      <code className="block whitespace-pre-wrap break-all text-xs">{formatParams(e.params)}</code>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <nav aria-label={t("auditPages")} className="flex justify-between gap-2">
              <Button variant="outline" size="sm" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                {t("auditNewer")}
              </Button>
              <Button
                variant="outline"
                size="sm"
                disabled={!audit.data.next_before || audit.isFetching}
                onClick={() => setCursors((c) => [...c, audit.data.next_before])}
              >
                {t("auditOlder")}
              </Button>
            </nav>
          </>
        )}
      </CardContent>
    </Card>
  );
}

/** `key: value` per line; nested values as compact JSON. */
function formatParams(params: unknown): string {
  if (!params || typeof params !== "object") return String(params ?? "");
  return Object.entries(params as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("\n");
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { Search, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, type FormEvent } from "react";
import { TICKET_STATUSES, type TTicketStatus } from "@/lib/support";
import { useTRPC } from "@/trpc/react";
import { useReadAgainWhenLive } from "@/components/live/live-status";
import { describeError } from "@/components/error-message";
import { RelativeTime } from "@/components/relative-time";
import { ListSkeleton, RetryAlert } from "@/components/list-states";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { TicketPriorityBadge, TicketStatusBadge } from "./ticket-badges";
import { TicketListEmpty } from "./ticket-parts";
import type { TTeamTicket } from "./types";

/**
 * The team's tickets: a status filter (kept in `?status=`), a full-text search whose results
 * replace the list, and one row per ticket (`data-ticket`, `data-status`) linking to its conversation.
 */
export function TeamTicketList({ team, initialStatus, initial }: { team: string; initialStatus: TTicketStatus | null; initial?: TTeamTicket[] }) {
  const t = useTranslations("support");
  const ts = useTranslations("ticketStatus");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const pathname = usePathname();
  const [status, setStatus] = useState<TTicketStatus | null>(initialStatus);
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState("");

  const list = useQuery(
    trpc.tickets.list.queryOptions(
      { team, status: status ?? undefined },
      { initialData: status === initialStatus ? initial : undefined, enabled: query === "" },
    ),
  );
  // Support's replies change the list's statuses: read it again once the live stream is open (what changed before has no event left).
  useReadAgainWhenLive(() => query === "" && list.refetch());
  const search = useQuery(trpc.tickets.search.queryOptions({ team, query }, { enabled: query !== "" }));
  const active = query ? search : list;
  // Search answers every status; the status filter still applies to what it found.
  const rows = active.data ? (query && status ? active.data.filter((r) => r.status === status) : active.data) : undefined;

  function onStatusChange(next: string) {
    const value = (TICKET_STATUSES as readonly string[]).includes(next) ? (next as TTicketStatus) : null;
    setStatus(value);
    window.history.replaceState(null, "", value ? `${pathname}?status=${value}` : pathname);
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery(draft.trim());
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <Select
          aria-label={t("statusFilter")}
          name="status"
          value={status ?? ""}
          onChange={(event) => onStatusChange(event.target.value)}
          className="w-full sm:w-48"
        >
          <option value="">{t("statusAll")}</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </Select>
        <form role="search" onSubmit={onSearch} className="flex w-full gap-2 sm:max-w-md">
          <div className="relative min-w-0 flex-1">
            <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
            <Input
              type="search"
              aria-label={t("search")}
              placeholder={t("searchPlaceholder")}
              value={draft}
              maxLength={200}
              onChange={(event) => {
                setDraft(event.target.value);
                if (event.target.value === "") setQuery("");
              }}
              className="pl-8"
            />
          </div>
          <Button type="submit" variant="outline">
            {t("searchButton")}
          </Button>
        </form>
      </div>

      {query ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="search-summary">
          <span role="status">{rows ? t("searchResults", { count: rows.length, query }) : tc("loading")}</span>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setDraft("");
              setQuery("");
            }}
          >
            <X aria-hidden />
            {t("clearSearch")}
          </Button>
        </div>
      ) : null}

      {active.isError ? (
        <RetryAlert
          testId="tickets-error"
          title={t("listError")}
          error={describeError(active.error, tc("networkError"))}
          onRetry={() => void active.refetch()}
        />
      ) : !rows ? (
        <ListSkeleton rows={3} rowClassName="h-12 w-full" />
      ) : rows.length === 0 ? (
        <TicketListEmpty namespace="support" isSearch={!!query} isFiltered={!!status} />
      ) : (
        <TicketTable team={team} rows={rows} />
      )}
    </div>
  );
}

function TicketTable({ team, rows }: { team: string; rows: TTeamTicket[] }) {
  const t = useTranslations("support");
  const tcat = useTranslations("ticketCategory");
  const locale = useLocale();
  return (
    <div className="rounded-xl border bg-card px-2 shadow-sm sm:px-3">
      <Table stackOnMobile data-testid="tickets-table">
        <TableColumns columns={[t("colSubject"), t("colStatus"), t("colPriority"), t("colCategory"), t("colCreated")]} />
        <TableBody>
          {rows.map((ticket) => (
            <TableRow key={ticket.id} data-ticket={ticket.id} data-status={ticket.status} data-priority={ticket.priority}>
              <TableCell className="max-w-md">
                <Link
                  href={`/teams/${encodeURIComponent(team)}/support/${encodeURIComponent(ticket.id)}`}
                  className="font-medium text-primary underline-offset-4 hover:underline max-sm:break-words"
                >
                  {ticket.subject}
                </Link>
              </TableCell>
              <TableCell data-label={t("colStatus")}>
                <TicketStatusBadge status={ticket.status} />
              </TableCell>
              <TableCell data-label={t("colPriority")}>
                <TicketPriorityBadge priority={ticket.priority} />
              </TableCell>
              <TableCell data-label={t("colCategory")} className="whitespace-nowrap text-muted-foreground">
                {tcat(ticket.category)}
              </TableCell>
              <TableCell data-label={t("colCreated")} className="whitespace-nowrap text-muted-foreground">
                <RelativeTime date={ticket.created_at} locale={locale} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

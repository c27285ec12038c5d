"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { RotateCcw, Search, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useId, useState, type FormEvent } from "react";
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/support";
import { useTRPC } from "@/trpc/react";
import { describeError } from "@/components/error-message";
import { RelativeTime } from "@/components/relative-time";
import { ListSkeleton, RetryAlert } from "@/components/list-states";
import { cn } from "@/components/ui/cn";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { EMPTY_QUEUE_FILTERS, hasQueueFilters, queueInput, queueSearchString, type TQueueFilters } from "./queue-filters";
import { SlaBadge, TicketPriorityBadge, TicketStatusBadge } from "./ticket-badges";
import { TicketListEmpty } from "./ticket-parts";
import type { TQueueTicket } from "./types";

/** How long the Team field waits for typing to stop before it filters. */
const TEAM_DEBOUNCE_MS = 400;

/**
 * The staff queue: filters (Status, Priority, Category, Assignee, Team) kept in the address, a
 * full-text search whose results replace the queue, and one row per ticket (`data-ticket`) with
 * its SLA, priority, subject, team, status, assignee and age. Refreshes every minute.
 */
export function SupportQueue({ initialFilters }: { initialFilters: TQueueFilters }) {
  const t = useTranslations("console");
  const ts = useTranslations("ticketStatus");
  const tp = useTranslations("ticketPriority");
  const tcat = useTranslations("ticketCategory");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const id = useId();
  const [filters, setFilters] = useState<TQueueFilters>(initialFilters);
  const [teamDraft, setTeamDraft] = useState(initialFilters.team);
  const [queryDraft, setQueryDraft] = useState(initialFilters.query);

  const queue = useQuery(trpc.support.queue.queryOptions(queueInput(filters), { placeholderData: keepPreviousData, refetchInterval: 60_000 }));
  const staff = useQuery(trpc.support.staff.queryOptions());

  function apply(next: Partial<TQueueFilters>) {
    setFilters((current) => ({ ...current, ...next }));
  }

  // The address follows the filters (shareable, and kept when coming back from a ticket).
  useEffect(() => {
    window.history.replaceState(null, "", `/support${queueSearchString(filters)}`);
  }, [filters]);

  // The Team field filters once typing stops (Enter applies it at once).
  useEffect(() => {
    if (teamDraft.trim() === filters.team.trim()) return;
    const timer = setTimeout(() => apply({ team: teamDraft.trim() }), TEAM_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [teamDraft, filters.team]);

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply({ query: queryDraft.trim(), team: teamDraft.trim() });
  }

  function onFilterSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply({ team: teamDraft.trim() });
  }

  const rows = queue.data;
  // While new filters load, the previous rows stay (dimmed) but are not counted as the answer.
  const isStale = queue.isPlaceholderData;
  const isSearch = filters.query.trim() !== "";

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4">
      <h2 id={`${id}-title`} className="sr-only">
        {t("queue")}
      </h2>

      <form role="search" onSubmit={onSearch} className="flex gap-2">
        <div className="relative min-w-0 flex-1">
          <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            type="search"
            aria-label={t("search")}
            placeholder={t("searchPlaceholder")}
            value={queryDraft}
            maxLength={200}
            onChange={(event) => {
              setQueryDraft(event.target.value);
              if (event.target.value === "" && isSearch) apply({ query: "" });
            }}
            className="pl-8"
          />
        </div>
        <Button type="submit">{t("searchButton")}</Button>
      </form>

      <form
        onSubmit={onFilterSubmit}
        aria-label={t("filters")}
        className="grid grid-cols-2 gap-3 rounded-xl border bg-card p-3 shadow-sm sm:p-4 md:grid-cols-3 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-end"
      >
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-status`}>{t("status")}</Label>
          <Select id={`${id}-status`} value={filters.status} onChange={(e) => apply({ status: e.target.value as TQueueFilters["status"] })}>
            <option value="">{t("statusNotClosed")}</option>
            <option value="all">{t("statusAll")}</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-priority`}>{t("priority")}</Label>
          <Select id={`${id}-priority`} value={filters.priority} onChange={(e) => apply({ priority: e.target.value as TQueueFilters["priority"] })}>
            <option value="">{t("priorityAny")}</option>
            {[...TICKET_PRIORITIES].reverse().map((p) => (
              <option key={p} value={p}>
                {tp(p)}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-category`}>{t("category")}</Label>
          <Select id={`${id}-category`} value={filters.category} onChange={(e) => apply({ category: e.target.value as TQueueFilters["category"] })}>
            <option value="">{t("categoryAny")}</option>
            {TICKET_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {tcat(c)}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-assignee`}>{t("assignee")}</Label>
          <Select id={`${id}-assignee`} value={filters.assignee} onChange={(e) => apply({ assignee: e.target.value })}>
            <option value="">{t("assigneeAnyone")}</option>
            <option value="me">{t("assigneeMe")}</option>
            <option value="unassigned">{t("assigneeUnassigned")}</option>
            {(staff.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            {filters.assignee && !["me", "unassigned"].includes(filters.assignee) && !staff.data?.some((s) => s.id === filters.assignee) ? (
              <option value={filters.assignee}>{filters.assignee}</option>
            ) : null}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-team`}>{t("team")}</Label>
          <Input
            id={`${id}-team`}
            value={teamDraft}
            maxLength={100}
            autoComplete="off"
            placeholder={t("teamPlaceholder")}
            onChange={(e) => setTeamDraft(e.target.value)}
          />
        </div>
        <div className="flex items-end">
          <Button
            type="button"
            variant="ghost"
            className="w-full lg:w-auto"
            disabled={!hasQueueFilters(filters) && teamDraft === ""}
            onClick={() => {
              setTeamDraft("");
              apply({ ...EMPTY_QUEUE_FILTERS, query: filters.query });
            }}
          >
            <RotateCcw aria-hidden />
            {t("resetFilters")}
          </Button>
        </div>
      </form>

      <div className="flex min-h-8 flex-wrap items-center justify-between gap-2 text-sm">
        {isSearch ? (
          <div className="flex flex-wrap items-center gap-2" data-testid="search-summary">
            <span role="status">{rows && !isStale ? t("searchResults", { count: rows.length, query: filters.query.trim() }) : tc("loading")}</span>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setQueryDraft("");
                apply({ query: "" });
              }}
            >
              <X aria-hidden />
              {t("clearSearch")}
            </Button>
          </div>
        ) : (
          <span className="text-muted-foreground" role="status" data-testid="queue-count">
            {rows && !isStale ? t("count", { count: rows.length }) : tc("loading")}
          </span>
        )}
      </div>

      {queue.isError ? (
        <RetryAlert testId="queue-error" title={t("queueError")} error={describeError(queue.error, tc("networkError"))} onRetry={() => void queue.refetch()} />
      ) : !rows ? (
        <ListSkeleton rows={4} rowClassName="h-12 w-full" />
      ) : rows.length === 0 ? (
        <TicketListEmpty namespace="console" isSearch={isSearch} isFiltered={hasQueueFilters(filters)} />
      ) : (
        <QueueTable rows={rows} isStale={isStale} />
      )}
    </section>
  );
}

function QueueTable({ rows, isStale }: { rows: TQueueTicket[]; isStale: boolean }) {
  const t = useTranslations("console");
  const locale = useLocale();
  return (
    <div className={cn("rounded-xl border bg-card px-2 shadow-sm transition-opacity sm:px-3", isStale && "opacity-60")} aria-busy={isStale || undefined}>
      <Table stackOnMobile data-testid="queue-table">
        <TableColumns columns={[t("colSla"), t("colPriority"), t("colSubject"), t("colTeam"), t("colStatus"), t("colAssignee"), t("colAge")]} />
        <TableBody>
          {rows.map((ticket) => (
            <TableRow
              key={ticket.id}
              data-ticket={ticket.id}
              data-status={ticket.status}
              data-priority={ticket.priority}
              // On a phone the subject leads the card.
              className="max-sm:flex! max-sm:flex-col"
            >
              <TableCell data-label={t("colSla")}>
                <SlaBadge sla={ticket.sla} firstResponseAt={ticket.first_response_at} />
              </TableCell>
              <TableCell data-label={t("colPriority")}>
                <TicketPriorityBadge priority={ticket.priority} />
              </TableCell>
              <TableCell className="max-w-xs max-sm:order-first max-sm:max-w-none">
                <Link
                  href={`/support/tickets/${encodeURIComponent(ticket.id)}`}
                  className="font-medium text-primary underline-offset-4 hover:underline max-sm:break-words"
                >
                  {ticket.subject}
                </Link>
              </TableCell>
              <TableCell data-label={t("colTeam")} className="whitespace-nowrap">
                <span title={ticket.team.slug}>{ticket.team.name}</span>
              </TableCell>
              <TableCell data-label={t("colStatus")}>
                <TicketStatusBadge status={ticket.status} />
              </TableCell>
              <TableCell data-label={t("colAssignee")} className="whitespace-nowrap" data-testid="assignee">
                {ticket.assignee_name ?? <span className="text-muted-foreground">{t("unassigned")}</span>}
              </TableCell>
              <TableCell data-label={t("colAge")} className="whitespace-nowrap text-muted-foreground">
                <RelativeTime date={ticket.created_at} locale={locale} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

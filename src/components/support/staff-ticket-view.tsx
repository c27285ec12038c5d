"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Lock, UserCheck } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useId, useState, type ReactNode } from "react";
import { toast } from "@/components/toast";
import { TICKET_STATUSES, type TTicketStatus } from "@/lib/support";
import { useFallbackPolling, useReadAgainWhenLive } from "@/components/live/live-status";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { describeError } from "@/components/error-message";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { CannedReplyPicker } from "./canned-reply-picker";
import { ReplyBox } from "./reply-box";
import { TeamContextPanel } from "./team-context-panel";
import { SlaBadge } from "./ticket-badges";
import { ClosedTicketNote, TicketBackLink, TicketConversation, TicketHeading, TicketLoadError, TicketViewSkeleton } from "./ticket-parts";
import type { TStaffTicketDetail } from "./types";

/**
 * A ticket in the staff console: the whole conversation (internal notes amber, with a lock), a
 * reply box with "Internal note (staff only)", the status (select + "Update status"), the
 * assignee (select, or "Assign to me") and the team, with a link to its tickets in the queue.
 */
export function StaffTicketView({ ticketId, meId, initial }: { ticketId: string; meId: string; initial?: TStaffTicketDetail }) {
  const t = useTranslations("console");
  const ts = useTranslations("ticketStatus");
  const tcat = useTranslations("ticketCategory");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [internal, setInternal] = useState(false);
  const [statusChoice, setStatusChoice] = useState<TTicketStatus | null>(null);

  // The team's replies come with the live events; while their stream is not open, read again now and then.
  const ticket = useQuery(trpc.support.ticket.queryOptions({ ticketId }, { initialData: initial, refetchInterval: useFallbackPolling() }));
  useReadAgainWhenLive(ticket.refetch);
  const staff = useQuery(trpc.support.staff.queryOptions());
  const refresh = () => refreshQueries(queryClient, trpc.support.pathFilter());

  const reply = useMutation(trpc.support.reply.mutationOptions({ onSuccess: () => refresh() }));
  const setStatus = useMutation(
    trpc.support.setStatus.mutationOptions({
      onSuccess: async (result) => {
        toast.success(t("statusUpdated", { status: ts(result.status) }));
        setStatusChoice(null);
        await refresh();
      },
      onError: (error) => toast.error(describeError(error, tc("unknownError"))),
    }),
  );
  const assign = useMutation(
    trpc.support.assign.mutationOptions({
      onSuccess: async (result) => {
        const name = staff.data?.find((s) => s.id === result.assigned_to)?.name;
        toast.success(result.assigned_to ? t("assigned", { name: name ?? result.assigned_to }) : t("unassignedToast"));
        await refresh();
      },
      onError: (error) => toast.error(describeError(error, tc("unknownError"))),
    }),
  );

  const back = <TicketBackLink href="/support" label={t("back")} />;

  if (ticket.isError && !ticket.data) {
    return (
      <TicketLoadError back={back} title={t("ticketError")} error={describeError(ticket.error, tc("networkError"))} onRetry={() => void ticket.refetch()} />
    );
  }
  if (!ticket.data) return <TicketViewSkeleton />;

  const data = ticket.data;
  const isClosed = data.status === "closed";
  const chosenStatus = statusChoice ?? data.status;
  const assigneeKnown = !data.assigned_to || staff.data?.some((s) => s.id === data.assigned_to);
  const when = (value: Date | string | null) => (value ? <RelativeTime date={value} locale={locale} /> : t("none"));

  return (
    <article className="space-y-6" data-testid="ticket-view" data-ticket-id={data.id} data-status={data.status}>
      <div className="space-y-3">
        {back}
        <TicketHeading ticket={data} badges={<SlaBadge sla={data.sla} firstResponseAt={data.first_response_at} />} meta={<span>{data.team?.name}</span>} />
      </div>

      {/* Details on top, then the conversation, then the team's context on a phone; details and context beside the conversation on a desktop. */}
      <div className="grid gap-6 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        <Card className="lg:col-start-3 lg:row-start-1 lg:self-start" aria-labelledby={`${id}-details`} data-testid="ticket-details">
          <CardHeader>
            <CardTitle id={`${id}-details`}>{t("details")}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-5">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <Detail term={t("teamLabel")}>
                {data.team ? (
                  <Link
                    href={`/support?team=${encodeURIComponent(data.team.slug)}`}
                    className="font-medium text-primary underline-offset-4 hover:underline"
                    title={t("teamLink", { team: data.team.name })}
                    data-testid="ticket-team"
                  >
                    {data.team.name}
                  </Link>
                ) : (
                  t("none")
                )}
              </Detail>
              <Detail term={t("category")}>{tcat(data.category)}</Detail>
              <Detail term={t("created")}>{when(data.created_at)}</Detail>
              <Detail term={t("updated")}>{when(data.updated_at)}</Detail>
              <Detail term={t("firstResponse")}>{when(data.first_response_at)}</Detail>
              {data.resolved_at ? <Detail term={t("resolvedAt")}>{when(data.resolved_at)}</Detail> : null}
              {data.closed_at ? <Detail term={t("closedAt")}>{when(data.closed_at)}</Detail> : null}
            </dl>

            <form
              className="space-y-2 border-t pt-4"
              onSubmit={(event) => {
                event.preventDefault();
                if (chosenStatus !== data.status) setStatus.mutate({ ticketId: data.id, status: chosenStatus });
              }}
            >
              <Label htmlFor={`${id}-status`}>{t("statusSelect")}</Label>
              <div className="flex gap-2">
                <Select
                  id={`${id}-status`}
                  aria-label={t("statusSelect")}
                  className="min-w-0 flex-1"
                  value={chosenStatus}
                  disabled={isClosed || setStatus.isPending}
                  onChange={(event) => setStatusChoice(event.target.value as TTicketStatus)}
                >
                  {TICKET_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {ts(s)}
                    </option>
                  ))}
                </Select>
                <Button type="submit" variant="outline" disabled={isClosed || setStatus.isPending || chosenStatus === data.status}>
                  {setStatus.isPending ? t("updating") : t("updateStatus")}
                </Button>
              </div>
            </form>

            <div className="space-y-2 border-t pt-4">
              <Label htmlFor={`${id}-assignee`}>{t("assigneeSelect")}</Label>
              <Select
                id={`${id}-assignee`}
                aria-label={t("assigneeSelect")}
                value={data.assigned_to ?? ""}
                disabled={assign.isPending || staff.isPending}
                onChange={(event) => assign.mutate({ ticketId: data.id, assigneeId: event.target.value || null })}
              >
                <option value="">{t("unassigned")}</option>
                {(staff.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
                {!assigneeKnown && data.assigned_to ? <option value={data.assigned_to}>{staff.isPending ? tc("loading") : data.assigned_to}</option> : null}
              </Select>
              <Button
                variant="outline"
                className="w-full"
                disabled={assign.isPending || data.assigned_to === meId}
                onClick={() => assign.mutate({ ticketId: data.id, assigneeId: "me" })}
              >
                <UserCheck aria-hidden />
                {t("assignToMe")}
              </Button>
              {staff.isError ? <p className="text-sm text-critical">{describeError(staff.error, tc("networkError"))}</p> : null}
            </div>
          </CardContent>
        </Card>

        <div className="space-y-4 lg:col-span-2 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <TicketConversation headingId={`${id}-conversation`} messages={data.messages} />

          {isClosed ? (
            <ClosedTicketNote replyError={reply.isError ? describeError(reply.error, tc("unknownError")) : null} note={t("closedNote")} />
          ) : (
            <ReplyBox
              sendLabel={t("send")}
              placeholder={internal ? t("notePlaceholder") : t("replyPlaceholder")}
              tone={internal ? "internal" : "default"}
              tools={(insert) => <CannedReplyPicker ticketId={data.id} language={data.language} onInsert={insert} />}
              isPending={reply.isPending}
              error={reply.isError ? describeError(reply.error, tc("unknownError")) : null}
              onEdit={() => {
                if (reply.isError) reply.reset();
              }}
              onSend={async (message) => {
                try {
                  await reply.mutateAsync({ ticketId: data.id, message, internal });
                  toast.success(internal ? t("noteAdded") : t("replySent"));
                  setInternal(false);
                  return true;
                } catch {
                  await refresh();
                  return false;
                }
              }}
            >
              <div className="space-y-1">
                <label className="flex items-center gap-2 text-sm font-medium">
                  <input
                    type="checkbox"
                    checked={internal}
                    onChange={(event) => setInternal(event.target.checked)}
                    className="size-4 shrink-0 accent-amber-600"
                    aria-describedby={`${id}-internal-hint`}
                  />
                  <Lock aria-hidden className="size-3.5 shrink-0" />
                  {t("internalCheckbox")}
                </label>
                <p id={`${id}-internal-hint`} className="text-xs text-muted-foreground">
                  {t("internalHint")}
                </p>
              </div>
            </ReplyBox>
          )}
        </div>

        <div className="lg:col-start-3 lg:row-start-2">
          <TeamContextPanel ticketId={data.id} isClosed={isClosed} />
        </div>
      </div>
    </article>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 text-right">{children}</dd>
    </div>
  );
}

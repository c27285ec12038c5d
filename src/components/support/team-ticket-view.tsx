"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Lock } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "@/components/toast";
import { formatDateTime } from "@/lib/format";
import { useFallbackPolling, useReadAgainWhenLive } from "@/components/live/live-status";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { ConfirmDialogContent } from "@/components/confirm-dialog";
import { describeError } from "@/components/error-message";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ReplyBox } from "./reply-box";
import { TicketRating } from "./ticket-rating";
import { ClosedTicketNote, TicketBackLink, TicketConversation, TicketHeading, TicketLoadError, TicketViewSkeleton } from "./ticket-parts";
import type { TTeamTicketDetail } from "./types";

/**
 * A ticket's conversation as its team sees it: subject, status and priority, the messages, a reply
 * box (a note instead once closed), "Mark as resolved" and "Close ticket" (confirmed in a dialog).
 * Every action refreshes the ticket and the list, so the status shown is the server's.
 */
export function TeamTicketView({ team, ticketId, initial }: { team: string; ticketId: string; initial?: TTeamTicketDetail }) {
  const t = useTranslations("support");
  const tt = useTranslations("ticket");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmClose, setConfirmClose] = useState(false);

  // The other side's replies come with the live events; while their stream is not open, read again now and then.
  const ticket = useQuery(trpc.tickets.get.queryOptions({ team, ticketId }, { initialData: initial, refetchInterval: useFallbackPolling() }));
  useReadAgainWhenLive(ticket.refetch);
  const refresh = () => refreshQueries(queryClient, trpc.tickets.pathFilter());

  const reply = useMutation(trpc.tickets.reply.mutationOptions({ onSuccess: () => refresh() }));
  const setStatus = useMutation(
    trpc.tickets.setStatus.mutationOptions({
      onSuccess: async (result) => {
        toast.success(result.status === "closed" ? t("closedToast") : t("resolvedToast"));
        setConfirmClose(false);
        await refresh();
      },
      onError: (error, variables) => {
        if (variables.status !== "closed") toast.error(describeError(error, tc("unknownError")));
      },
    }),
  );

  const listHref = `/teams/${encodeURIComponent(team)}/support`;
  const back = <TicketBackLink href={listHref} label={t("back")} />;

  if (ticket.isError && !ticket.data) {
    return (
      <TicketLoadError back={back} title={t("ticketError")} error={describeError(ticket.error, tc("networkError"))} onRetry={() => void ticket.refetch()} />
    );
  }
  if (!ticket.data) return <TicketViewSkeleton />;

  const data = ticket.data;
  const isClosed = data.status === "closed";
  const isResolved = data.status === "resolved";

  return (
    <article className="space-y-6" data-testid="ticket-view" data-ticket-id={data.id} data-status={data.status}>
      <div className="space-y-3">
        {back}
        <div className="flex flex-col gap-4 md:flex-row md:items-start md:justify-between">
          <div className="min-w-0 space-y-3">
            <TicketHeading
              ticket={data}
              meta={
                <span>
                  {tt("opened")} <RelativeTime date={data.created_at} locale={locale} />
                </span>
              }
            />
            {data.first_response_at ? (
              <p className="text-sm text-muted-foreground">
                {t("slaAnswered")} <RelativeTime date={data.first_response_at} locale={locale} />
              </p>
            ) : !isClosed && !isResolved ? (
              <p className="text-sm text-muted-foreground" data-testid="sla-expectation">
                {t("slaPending", { date: formatDateTime(data.sla.due_at, locale) })}
              </p>
            ) : null}
          </div>
          {!isClosed ? (
            <div className="flex shrink-0 flex-col gap-2 sm:flex-row">
              {!isResolved ? (
                <Button variant="outline" disabled={setStatus.isPending} onClick={() => setStatus.mutate({ team, ticketId: data.id, status: "resolved" })}>
                  <CheckCircle2 aria-hidden />
                  {setStatus.isPending && setStatus.variables?.status === "resolved" ? t("resolving") : t("markResolved")}
                </Button>
              ) : null}
              <Button
                variant="outline"
                disabled={setStatus.isPending}
                onClick={() => {
                  setStatus.reset();
                  setConfirmClose(true);
                }}
              >
                <Lock aria-hidden />
                {t("closeTicket")}
              </Button>
            </div>
          ) : null}
        </div>
      </div>

      <TicketConversation headingId="conversation-title" messages={data.messages} />

      {data.resolved_at && (isResolved || isClosed) ? (
        <TicketRating team={team} ticketId={data.id} rating={data.rating} requestedByYou={data.requested_by_you} />
      ) : null}

      {isClosed ? (
        <ClosedTicketNote replyError={reply.isError ? describeError(reply.error, tc("unknownError")) : null} note={t("closedNote")} />
      ) : (
        <div className="space-y-4">
          {isResolved ? (
            <Alert variant="ok" data-testid="ticket-resolved-note">
              {t("resolvedNote")}
            </Alert>
          ) : null}
          <ReplyBox
            sendLabel={t("sendReply")}
            placeholder={t("replyPlaceholder")}
            isPending={reply.isPending}
            error={reply.isError ? describeError(reply.error, tc("unknownError")) : null}
            onEdit={() => {
              if (reply.isError) reply.reset();
            }}
            onSend={async (message) => {
              try {
                await reply.mutateAsync({ team, ticketId: data.id, message });
                toast.success(t("replySent"));
                return true;
              } catch {
                // A closed ticket (409) or a refusal: the message stays, the reason shows under the box.
                await refresh();
                return false;
              }
            }}
          />
        </div>
      )}

      <Dialog open={confirmClose} onOpenChange={setConfirmClose}>
        <ConfirmDialogContent
          title={t("closeTitle")}
          description={t("closeDescription")}
          error={setStatus.isError && setStatus.variables?.status === "closed" ? describeError(setStatus.error, tc("unknownError")) : null}
          confirmLabel={t("closeConfirm")}
          pendingLabel={t("closing")}
          isPending={setStatus.isPending}
          onConfirm={() => setStatus.mutate({ team, ticketId: data.id, status: "closed" })}
        />
      </Dialog>
    </article>
  );
}

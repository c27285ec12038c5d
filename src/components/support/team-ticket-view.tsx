"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, CheckCircle2, Lock } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/trpc/react";
import { describeError } from "../error-message";
import { RelativeTime } from "../relative-time";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "../ui/dialog";
import { Skeleton } from "../ui/skeleton";
import { MessageThread } from "./message-thread";
import { ReplyBox } from "./reply-box";
import { TicketPriorityBadge, TicketStatusBadge } from "./ticket-badges";
import type { TTeamTicketDetail } from "./types";

/**
 * A ticket's conversation as its team sees it: subject, status and priority, the messages, a reply
 * box (a note instead once closed), "Mark as resolved" and "Close ticket" (confirmed in a dialog).
 * Every action refreshes the ticket and the list, so the status shown is the server's.
 */
export function TeamTicketView({ team, ticketId, initial }: { team: string; ticketId: string; initial?: TTeamTicketDetail }) {
  const t = useTranslations("support");
  const tt = useTranslations("ticket");
  const tcat = useTranslations("ticketCategory");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmClose, setConfirmClose] = useState(false);

  const ticket = useQuery(trpc.tickets.get.queryOptions({ team, ticketId }, { initialData: initial }));
  const refresh = () => queryClient.invalidateQueries(trpc.tickets.pathFilter());

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
  const back = (
    <Link href={listHref} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft aria-hidden className="size-4" />
      {t("back")}
    </Link>
  );

  if (ticket.isError && !ticket.data) {
    return (
      <div className="space-y-4">
        {back}
        <Alert variant="error">
          <p className="font-medium">{t("ticketError")}</p>
          <p>{describeError(ticket.error, tc("networkError"))}</p>
          <Button variant="outline" size="sm" className="mt-2" onClick={() => void ticket.refetch()}>
            {tc("retry")}
          </Button>
        </Alert>
      </div>
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
            <h1 className="break-words text-2xl font-semibold tracking-tight">{data.subject}</h1>
            <div className="flex flex-wrap items-center gap-2">
              <TicketStatusBadge status={data.status} />
              <TicketPriorityBadge priority={data.priority} />
            </div>
            <p className="flex flex-wrap gap-x-2 gap-y-1 text-sm text-muted-foreground">
              <span>{tcat(data.category)}</span>
              <span aria-hidden className="max-sm:hidden">
                ·
              </span>
              <span>
                {tt("opened")} <RelativeTime date={data.created_at} locale={locale} />
              </span>
              <span aria-hidden className="max-sm:hidden">
                ·
              </span>
              <span className="font-mono text-xs leading-5">{tt("ticketRef", { id: data.id })}</span>
            </p>
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
                <Button
                  variant="outline"
                  disabled={setStatus.isPending}
                  onClick={() => setStatus.mutate({ team, ticketId: data.id, status: "resolved" })}
                >
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

      <section aria-labelledby="conversation-title" className="space-y-4">
        <h2 id="conversation-title" className="sr-only">
          {tt("conversation")}
        </h2>
        <MessageThread messages={data.messages} />
      </section>

      {isClosed ? (
        <div className="space-y-3">
          {reply.isError ? (
            <Alert variant="error" data-testid="reply-error">
              {describeError(reply.error, tc("unknownError"))}
            </Alert>
          ) : null}
          <Alert variant="info" data-testid="ticket-closed-note">
            {t("closedNote")}
          </Alert>
        </div>
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
        <DialogContent closeLabel={tc("close")}>
          <DialogHeader>
            <DialogTitle>{t("closeTitle")}</DialogTitle>
            <DialogDescription>{t("closeDescription")}</DialogDescription>
          </DialogHeader>
          {setStatus.isError && setStatus.variables?.status === "closed" ? (
            <Alert variant="error">{describeError(setStatus.error, tc("unknownError"))}</Alert>
          ) : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">{tc("cancel")}</Button>
            </DialogClose>
            <Button
              variant="destructive"
              disabled={setStatus.isPending}
              onClick={() => setStatus.mutate({ team, ticketId: data.id, status: "closed" })}
            >
              {setStatus.isPending ? t("closing") : t("closeConfirm")}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </article>
  );
}

/** The conversation's shape while it loads (also the route's loading state). */
export function TicketViewSkeleton() {
  const tc = useTranslations("common");
  return (
    <div className="space-y-6" aria-busy="true">
      <p className="sr-only" role="status">
        {tc("loading")}
      </p>
      <div className="space-y-3">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-full max-w-lg" />
        <Skeleton className="h-5 w-64" />
      </div>
      <Skeleton className="h-28 w-full" />
      <Skeleton className="h-28 w-full" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}

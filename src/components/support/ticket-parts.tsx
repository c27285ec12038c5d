"use client";

import { ArrowLeft, Inbox, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { LoadingFrame, RetryAlert } from "@/components/list-states";
import { EmptyState } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { MessageThread } from "./message-thread";
import { TicketPriorityBadge, TicketStatusBadge } from "./ticket-badges";
import type { TStaffTicketDetail, TTeamTicketDetail } from "./types";

/** The parts of a ticket page shared by the team's view and the staff console's. */

type TTicketHead = Pick<TTeamTicketDetail | TStaffTicketDetail, "id" | "subject" | "status" | "priority" | "category">;

/** "← Back" to the list the ticket came from. */
export function TicketBackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft aria-hidden className="size-4" />
      {label}
    </Link>
  );
}

/** The ticket could not be loaded (and none is cached): the back link, the reason and "Retry". */
export function TicketLoadError({ back, title, error, onRetry }: { back: ReactNode; title: string; error: string; onRetry: () => void }) {
  return (
    <div className="space-y-4">
      {back}
      <RetryAlert title={title} error={error} onRetry={onRetry} />
    </div>
  );
}

/**
 * The subject as the page's heading, the status and priority badges (then `badges`), and a line
 * "category · `meta` · ticket ref".
 */
export function TicketHeading({ ticket, badges, meta }: { ticket: TTicketHead; badges?: ReactNode; meta: ReactNode }) {
  const tt = useTranslations("ticket");
  const tcat = useTranslations("ticketCategory");
  return (
    <>
      <h1 className="break-words text-2xl font-semibold tracking-tight">{ticket.subject}</h1>
      <div className="flex flex-wrap items-center gap-2">
        <TicketStatusBadge status={ticket.status} />
        <TicketPriorityBadge priority={ticket.priority} />
        {badges}
      </div>
      <p className="flex flex-wrap gap-x-2 gap-y-1 text-sm text-muted-foreground">
        <span>{tcat(ticket.category)}</span>
        <span aria-hidden className="max-sm:hidden">
          ·
        </span>
        {meta}
        <span aria-hidden className="max-sm:hidden">
          ·
        </span>
        <span className="font-mono text-xs leading-5">{tt("ticketRef", { id: ticket.id })}</span>
      </p>
    </>
  );
}

/** The messages under a visually hidden "Conversation" heading (`headingId` names the section). */
export function TicketConversation({ headingId, messages }: { headingId: string; messages: ComponentProps<typeof MessageThread>["messages"] }) {
  const tt = useTranslations("ticket");
  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <h2 id={headingId} className="sr-only">
        {tt("conversation")}
      </h2>
      <MessageThread messages={messages} />
    </section>
  );
}

/** In place of the reply box once the ticket is closed: the last reply's error, if any, and `note`. */
export function ClosedTicketNote({ replyError, note }: { replyError: string | null; note: string }) {
  return (
    <div className="space-y-3">
      {replyError !== null ? (
        <Alert variant="error" data-testid="reply-error">
          {replyError}
        </Alert>
      ) : null}
      <Alert variant="info" data-testid="ticket-closed-note">
        {note}
      </Alert>
    </div>
  );
}

/**
 * An empty list of tickets (the team's or the staff queue, after `namespace`'s texts): nothing
 * found by the search, nothing under the filters, or no ticket at all.
 */
export function TicketListEmpty({ namespace, isSearch, isFiltered }: { namespace: "support" | "console"; isSearch: boolean; isFiltered: boolean }) {
  const t = useTranslations(namespace);
  return isSearch ? (
    <EmptyState icon={<SearchX />} title={t("emptySearchTitle")} className="bg-card">
      {t("emptySearchBody")}
    </EmptyState>
  ) : isFiltered ? (
    <EmptyState icon={<Inbox />} title={t("emptyFilteredTitle")} className="bg-card">
      {t("emptyFilteredBody")}
    </EmptyState>
  ) : (
    <EmptyState icon={<Inbox />} title={t("emptyTitle")} className="bg-card">
      {t("emptyBody")}
    </EmptyState>
  );
}

/** The conversation's shape while it loads (also the route's loading state). */
export function TicketViewSkeleton() {
  return (
    <LoadingFrame className="space-y-6">
      <div className="space-y-3">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-full max-w-lg" />
        <Skeleton className="h-5 w-64" />
      </div>
      <Skeleton className="h-28 w-full" />
      <Skeleton className="h-28 w-full" />
      <Skeleton className="h-40 w-full" />
    </LoadingFrame>
  );
}

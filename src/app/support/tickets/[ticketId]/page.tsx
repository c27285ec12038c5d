import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { StaffTicketView } from "@/components/support/staff-ticket-view";
import { getServerCaller } from "@/trpc/server";

type TProps = { params: Promise<{ ticketId: string }> };

/**
 * The ticket with every message (internal notes included), once per request; null when there is
 * none (or the caller is signed out: the layout, rendered alongside, redirects to sign-in then).
 */
const loadTicket = cache(async (ticketId: string) => {
  try {
    return await (await getServerCaller()).support.ticket({ ticketId });
  } catch (err) {
    if (err instanceof TRPCError && ["NOT_FOUND", "BAD_REQUEST", "UNAUTHORIZED"].includes(err.code)) return null;
    throw err;
  }
});

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const t = await getTranslations("console");
  const ticket = await loadTicket((await params).ticketId).catch(() => null);
  return { title: ticket ? `${ticket.subject} – ${t("title")}` : t("title") };
}

export default async function StaffTicketPage({ params }: TProps) {
  const { ticketId } = await params;
  const caller = await getServerCaller();
  const [ticket, me] = await Promise.all([loadTicket(ticketId), caller.me().catch(() => null)]);
  if (!ticket || !me) notFound();
  return <StaffTicketView ticketId={ticket.id} meId={me.id} initial={ticket} />;
}

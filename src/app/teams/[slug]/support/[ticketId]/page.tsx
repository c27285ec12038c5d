import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { TeamTicketView } from "@/components/support/team-ticket-view";
import { getServerCaller, getTeamForPage } from "@/trpc/server";

type TProps = { params: Promise<{ slug: string; ticketId: string }> };

/** The ticket as the team sees it, once per request; null when it is not this team's (or does not exist). */
const loadTicket = cache(async (slug: string, ticketId: string) => {
  try {
    return await (await getServerCaller()).tickets.get({ team: slug, ticketId });
  } catch (err) {
    if (err instanceof TRPCError && ["NOT_FOUND", "BAD_REQUEST", "UNAUTHORIZED"].includes(err.code)) return null;
    throw err;
  }
});

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { slug, ticketId } = await params;
  const t = await getTranslations("support");
  const ticket = await loadTicket(slug, ticketId).catch(() => null);
  return { title: ticket ? `${ticket.subject} – ${t("title")}` : t("title") };
}

export default async function TicketPage({ params }: TProps) {
  const { slug, ticketId } = await params;
  const [team, ticket] = await Promise.all([getTeamForPage(slug), loadTicket(slug, ticketId)]);
  if (!team || !ticket) notFound();
  return <TeamTicketView team={team.slug} ticketId={ticket.id} initial={ticket} />;
}

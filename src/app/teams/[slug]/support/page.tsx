import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/states";
import { NewTicketDialog } from "@/components/support/new-ticket-dialog";
import { TeamTicketList } from "@/components/support/team-ticket-list";
import type { TTeamTicket } from "@/components/support/types";
import { SLA_HOURS, TICKET_STATUSES, type TTicketStatus } from "@/lib/support";
import { getServerCaller, getTeamForPage, logCrash } from "@/trpc/server";
import { teamPageMetadata } from "@/app/teams/[slug]/team-page";

type TProps = { params: Promise<{ slug: string }>; searchParams: Promise<{ status?: string | string[] }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return teamPageMetadata((await params).slug, "support");
}

export default async function SupportPage({ params, searchParams }: TProps) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const team = await getTeamForPage(slug);
  if (!team) notFound();
  const t = await getTranslations("support");
  const status = typeof query.status === "string" && (TICKET_STATUSES as readonly string[]).includes(query.status) ? (query.status as TTicketStatus) : null;

  // The list arrives drawn; a failure is left to the browser, which shows the API's message and a retry.
  let initial: TTeamTicket[] | undefined;
  try {
    initial = await (await getServerCaller()).tickets.list({ team: team.slug, status: status ?? undefined });
  } catch (err) {
    logCrash(err);
  }

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <PageHeading title={t("title")}>
          <NewTicketDialog team={team.slug} isPro={team.plan === "pay_as_you_go"} />
        </PageHeading>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("description", SLA_HOURS)}</p>
      </div>
      <TeamTicketList team={team.slug} initialStatus={status} initial={initial} />
    </div>
  );
}

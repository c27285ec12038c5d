import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { PastDueBanner } from "@/components/billing/past-due-banner";
import { TeamNav } from "@/components/team-nav";
import { getCurrentUser, getServerCaller, getTeamForPage } from "@/trpc/server";
import { getBalanceForPage } from "./team-page";

/**
 * Every team page: signed in, a member of the team (anyone else sees "Page not found"), the header,
 * and while Pro or an add-on is past due (spec 15) the banner that says what to top up by when.
 */
export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=/teams/${encodeURIComponent(slug)}`);
  const team = await getTeamForPage(slug);
  if (!team) notFound();
  const caller = await getServerCaller();
  const [teams, balance] = await Promise.all([caller.teams.list(), getBalanceForPage(team.slug)]);
  return (
    <>
      <AppHeader email={user.email} teams={teams} current={{ slug: team.slug, name: team.name, plan: team.plan }} nav={<TeamNav slug={team.slug} />} />
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
        <PastDueBanner team={team.slug} initial={balance} canManage={team.role === "owner" || team.role === "admin"} />
        {children}
      </main>
    </>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { MembersSection } from "@/components/settings/members-section";
import { TokensSection } from "@/components/settings/tokens-section";
import { PageHeading } from "@/components/states";
import { getCurrentUser, getTeamForPage } from "@/trpc/server";
import { teamPageMetadata } from "@/app/teams/[slug]/team-page";

type TParams = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  return teamPageMetadata((await params).slug, "settings");
}

export default async function SettingsPage({ params }: TParams) {
  const [team, user] = await Promise.all([getTeamForPage((await params).slug), getCurrentUser()]);
  if (!team || !user) notFound();
  const t = await getTranslations("settings");
  return (
    <div className="space-y-6">
      <PageHeading title={t("title")} />
      <MembersSection team={team.slug} teamName={team.name} actorRole={team.role} currentUserId={user.id} />
      <TokensSection />
    </div>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { hasTeamRole } from "@/lib/roles";
import { BillingLegalSection } from "@/components/settings/billing-legal-section";
import { BillingProfileSection } from "@/components/settings/billing-profile-section";
import { MembersSection } from "@/components/settings/members-section";
import { TokensSection } from "@/components/settings/tokens-section";
import { WebhooksSection } from "@/components/settings/webhooks-section";
import { PageHeading } from "@/components/states";
import { getCurrentUser, getServerCaller, getTeamForPage, orNull } from "@/trpc/server";
import { teamPageMetadata } from "@/app/teams/[slug]/team-page";

type TParams = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  return teamPageMetadata((await params).slug, "settings");
}

export default async function SettingsPage({ params }: TParams) {
  const { slug } = await params;
  const [team, user, profile] = await Promise.all([
    getTeamForPage(slug),
    getCurrentUser(),
    getServerCaller().then((caller) => orNull(caller.billing.profile({ team: slug }))),
  ]);
  if (!team || !user) notFound();
  const t = await getTranslations("settings");
  // Owners and admins manage billing and webhooks.
  const isOwnerOrAdmin = hasTeamRole(team.role, "admin");
  return (
    <div className="space-y-6">
      <PageHeading title={t("title")} />
      <MembersSection team={team.slug} teamName={team.name} actorRole={team.role} currentUserId={user.id} />
      <BillingProfileSection team={team.slug} canManage={isOwnerOrAdmin} initialProfile={profile} />
      <BillingLegalSection team={team.slug} canManage={isOwnerOrAdmin} initialProfile={profile} />
      {isOwnerOrAdmin ? <WebhooksSection team={team.slug} /> : null}
      <TokensSection />
    </div>
  );
}

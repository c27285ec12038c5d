import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AddonsView } from "@/components/addons/addons-view";
import { PageHeading } from "@/components/states";
import { getServerCaller, getTeamForPage, orNull } from "@/trpc/server";
import { paymentIdParam, teamPageMetadata } from "@/app/teams/[slug]/team-page";

type TProps = { params: Promise<{ slug: string }>; searchParams: Promise<{ payment?: string | string[] }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return teamPageMetadata((await params).slug, "addons");
}

export default async function AddonsPage({ params, searchParams }: TProps) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const team = await getTeamForPage(slug);
  if (!team) notFound();
  const t = await getTranslations("addons");
  const paymentId = paymentIdParam(query.payment);
  const caller = await getServerCaller();
  const [catalogue, list, limits, payment, profile] = await Promise.all([
    caller.addons.catalogue({ team: team.slug }),
    orNull(caller.addons.list({ team: team.slug })),
    orNull(caller.addons.limits({ team: team.slug })),
    paymentId ? orNull(caller.payments.status({ paymentId })) : null,
    orNull(caller.billing.profile({ team: team.slug })),
  ]);

  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p className="w-full text-sm text-muted-foreground">{t("description")}</p>
      </PageHeading>
      <AddonsView
        team={team.slug}
        plan={team.plan}
        canManage={team.role === "owner" || team.role === "admin"}
        catalogue={catalogue}
        initialList={list}
        initialLimits={limits}
        urlPaymentId={paymentId}
        initialPayment={payment}
        initialProfile={profile}
      />
    </div>
  );
}

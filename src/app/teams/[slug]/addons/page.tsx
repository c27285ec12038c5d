import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AddonsView } from "@/components/addons/addons-view";
import { PageHeading } from "@/components/states";
import { getServerCaller, getTeamForPage } from "@/trpc/server";

type TProps = { params: Promise<{ slug: string }>; searchParams: Promise<{ payment?: string | string[] }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const team = await getTeamForPage((await params).slug);
  const t = await getTranslations("addons");
  return { title: team ? `${t("title")} – ${team.name}` : t("title") };
}

/**
 * Reads what the page shows first; a failure is left to the browser, which shows the API's message
 * and a retry. Only a crash is logged: a refusal (a payment id that is not the team's) is no news.
 */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (err) {
    if (!(err instanceof TRPCError) || err.code === "INTERNAL_SERVER_ERROR") console.error(err);
    return null;
  }
}

export default async function AddonsPage({ params, searchParams }: TProps) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const team = await getTeamForPage(slug);
  if (!team) notFound();
  const t = await getTranslations("addons");
  const paymentId = typeof query.payment === "string" && query.payment.length > 0 && query.payment.length <= 100 ? query.payment : null;
  const caller = await getServerCaller();
  const [catalogue, list, limits, payment] = await Promise.all([
    caller.addons.catalogue(),
    orNull(caller.addons.list({ team: team.slug })),
    orNull(caller.addons.limits({ team: team.slug })),
    paymentId ? orNull(caller.payments.status({ paymentId })) : null,
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
      />
    </div>
  );
}

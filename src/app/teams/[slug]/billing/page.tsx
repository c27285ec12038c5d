import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { BillingView } from "@/components/billing/billing-view";
import { PageHeading } from "@/components/states";
import { getServerCaller, getTeamForPage } from "@/trpc/server";

type TProps = { params: Promise<{ slug: string }>; searchParams: Promise<{ payment?: string | string[] }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const team = await getTeamForPage((await params).slug);
  const t = await getTranslations("billing");
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

export default async function BillingPage({ params, searchParams }: TProps) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const team = await getTeamForPage(slug);
  if (!team) notFound();
  const t = await getTranslations("billing");
  // `?payment=` is where the payment page sends the payer back.
  const paymentId = typeof query.payment === "string" && query.payment.length > 0 && query.payment.length <= 100 ? query.payment : null;
  const caller = await getServerCaller();
  const [history, payment] = await Promise.all([
    orNull(caller.payments.history({ team: team.slug })),
    paymentId ? orNull(caller.payments.status({ paymentId })) : null,
  ]);

  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p className="w-full text-sm text-muted-foreground">{t("description")}</p>
      </PageHeading>
      <BillingView initialTeam={team} initialHistory={history} urlPaymentId={paymentId} initialPayment={payment} />
    </div>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { BillingView } from "@/components/billing/billing-view";
import { DOCUMENTS_PAGE_SIZE, documentsLimit } from "@/components/billing/documents-format";
import { LEDGER_PAGE_SIZE } from "@/components/billing/ledger-format";
import { topUpParam } from "@/components/billing/top-up-form";
import { PageHeading } from "@/components/states";
import { getServerCaller, getTeamForPage, orNull } from "@/trpc/server";
import { getBalanceForPage, paymentIdParam, teamPageMetadata } from "@/app/teams/[slug]/team-page";

type TProps = { params: Promise<{ slug: string }>; searchParams: Promise<{ payment?: string | string[]; top_up?: string | string[] }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return teamPageMetadata((await params).slug, "billing");
}

export default async function BillingPage({ params, searchParams }: TProps) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const team = await getTeamForPage(slug);
  if (!team) notFound();
  const t = await getTranslations("billing");
  const paymentId = paymentIdParam(query.payment);
  const caller = await getServerCaller();
  const [history, payment, cardBilling, stats, profile, balance, ledger, documents] = await Promise.all([
    orNull(caller.payments.history({ team: team.slug })),
    paymentId ? orNull(caller.payments.status({ paymentId })) : null,
    orNull(caller.payments.cardBilling({ team: team.slug })),
    orNull(caller.payments.stats({ team: team.slug })),
    orNull(caller.billing.profile({ team: team.slug })),
    getBalanceForPage(team.slug),
    orNull(caller.balance.ledger({ team: team.slug, limit: LEDGER_PAGE_SIZE })),
    orNull(caller.documents.list({ team: team.slug, limit: documentsLimit(DOCUMENTS_PAGE_SIZE) })),
  ]);

  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p className="w-full text-sm text-muted-foreground">{cardBilling?.enabled ? t("descriptionCard") : t("description")}</p>
      </PageHeading>
      <BillingView
        initialTeam={team}
        initialHistory={history}
        initialCardBilling={cardBilling}
        initialStats={stats}
        urlPaymentId={paymentId}
        initialPayment={payment}
        initialProfile={profile}
        initialBalance={balance}
        initialLedger={ledger}
        initialDocuments={documents}
        askedTopUpMinor={topUpParam(query.top_up)}
      />
    </div>
  );
}

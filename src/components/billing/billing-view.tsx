"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import type { AppRouter } from "@/trpc/types";
import { useTRPC } from "@/trpc/react";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { BalanceCard } from "./balance-card";
import { BalanceLedger } from "./balance-ledger";
import { useBalance, type TBalanceView, type TLedgerPage } from "./balance-query";
import { CardBillingCard, type TCardBilling } from "./card-billing-card";
import { DocumentsCard, type TDocumentList } from "./documents-card";
import { useBillingProfile, type TBillingProfile } from "./payer-fields";
import { PaymentHistory } from "./payment-history";
import { PaymentPanel, useTrackedPayment, type TPaymentStatusView, type TPaymentView } from "./payment-panel";
import { PaymentStats, type TPaymentStats } from "./payment-stats";
import { PlanCard } from "./plan-card";
import { RenewalsCard } from "./renewals-card";
import { UpgradeCard } from "./upgrade-card";

type TTeam = inferRouterOutputs<AppRouter>["teams"]["get"];

/**
 * The Billing page's body: a payment being followed (from `?payment=` or still open in the
 * history), the plan, the upgrade or extension (priced in the team's currency, from its billing
 * profile), the prepaid balance with its top-up, the next renewals with their switches and the
 * balance's ledger (spec 15), card billing (only with Stripe), the payment summary, the payment
 * history and the receipts and statements (spec 16). The plan, profile, balance, card billing,
 * summary, history and documents are queries seeded by the server, so a completed payment
 * refreshes them in place. `askedTopUpMinor` (`?top_up=`) opens the top-up with that amount.
 */
export function BillingView({
  initialTeam,
  initialHistory,
  initialCardBilling,
  initialStats,
  urlPaymentId,
  initialPayment,
  initialProfile,
  initialBalance,
  initialLedger,
  initialDocuments,
  askedTopUpMinor,
}: {
  initialTeam: TTeam;
  initialBalance: TBalanceView | null;
  initialLedger: TLedgerPage | null;
  initialDocuments: TDocumentList | null;
  askedTopUpMinor: number | null;
  initialProfile: TBillingProfile | null;
  initialHistory: TPaymentView[] | null;
  initialCardBilling: TCardBilling | null;
  initialStats: TPaymentStats | null;
  urlPaymentId: string | null;
  initialPayment: TPaymentStatusView | null;
}) {
  const trpc = useTRPC();
  const t = useTranslations("paying");
  const tc = useTranslations("common");
  const tb = useTranslations("balance");
  const slug = initialTeam.slug;
  const profile = useBillingProfile(slug, initialProfile);
  const team = useQuery(trpc.teams.get.queryOptions({ team: slug }, { initialData: () => initialTeam })).data ?? initialTeam;
  const history = useQuery(trpc.payments.history.queryOptions({ team: slug }, { initialData: () => initialHistory ?? undefined }));
  const cardBilling = useQuery(trpc.payments.cardBilling.queryOptions({ team: slug }, { initialData: () => initialCardBilling ?? undefined })).data ?? null;
  const stats = useQuery(trpc.payments.stats.queryOptions({ team: slug }, { initialData: () => initialStats ?? undefined })).data ?? null;
  const balance = useBalance(slug, initialBalance);
  const canManage = team.role === "owner" || team.role === "admin";
  const cardViaStripe = cardBilling?.enabled === true;
  const hasStats = !!stats && stats.by_provider.length > 0;

  const open = history.data?.find((p) => p.status === "pending" || p.status === "processing") ?? null;
  const { paymentId, dismiss } = useTrackedPayment(urlPaymentId, open?.id ?? null);
  const fromHistory = history.data?.find((p) => p.id === paymentId);
  const initial = paymentId && paymentId === initialPayment?.id ? initialPayment : fromHistory ? { ...fromHistory, backend_error: null } : null;

  return (
    <div className="space-y-6">
      {paymentId ? <PaymentPanel key={paymentId} team={slug} paymentId={paymentId} canManage={canManage} initial={initial} onDismiss={dismiss} /> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <PlanCard team={slug} plan={team.plan} currentPeriodEnd={team.currentPeriodEnd} />
        {profile.data ? (
          <UpgradeCard
            team={slug}
            plan={team.plan}
            currentPeriodEnd={team.currentPeriodEnd}
            canManage={canManage}
            cardBilling={cardBilling}
            profile={profile.data}
          />
        ) : (
          <Card aria-labelledby="upgrade-unavailable-title" data-testid="upgrade-card">
            <CardHeader>
              <CardTitle id="upgrade-unavailable-title">{t("priceTitle")}</CardTitle>
            </CardHeader>
            <CardContent>
              {profile.isError ? (
                <ListLoadError message={t("profileError")} error={describeError(profile.error, tc("networkError"))} onRetry={() => void profile.refetch()} />
              ) : (
                <ListSkeleton rows={4} />
              )}
            </CardContent>
          </Card>
        )}
      </div>
      <section aria-labelledby="balance-section-title" className="space-y-4" data-testid="balance-section">
        <h2 id="balance-section-title" className="sr-only">
          {tb("sectionTitle")}
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
          <BalanceCard
            team={slug}
            balance={balance}
            profile={profile.data ?? null}
            canManage={canManage}
            cardViaStripe={cardViaStripe}
            askedTopUpMinor={askedTopUpMinor}
          />
          <RenewalsCard team={slug} balance={balance} canManage={canManage} plan={team.plan} currentPeriodEnd={team.currentPeriodEnd} />
        </div>
        <BalanceLedger team={slug} initialPage={initialLedger} />
      </section>
      {cardViaStripe || hasStats ? (
        <div className="grid gap-6 lg:grid-cols-2">
          {cardViaStripe ? (
            <CardBillingCard team={slug} cardBilling={cardBilling} canManage={canManage} className={hasStats ? undefined : "lg:col-span-2"} />
          ) : null}
          {hasStats ? <PaymentStats stats={stats} cardViaStripe={cardViaStripe} className={cardViaStripe ? undefined : "lg:col-span-2"} /> : null}
        </div>
      ) : null}
      <PaymentHistory history={history} cardViaStripe={cardViaStripe} />
      <DocumentsCard team={slug} initialDocuments={initialDocuments} />
    </div>
  );
}

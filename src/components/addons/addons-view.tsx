"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { ArrowUpRight, Lock } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { TPlanId } from "@/lib/plans";
import type { AppRouter } from "@/trpc/types";
import { useTRPC } from "@/trpc/react";
import { useBillingProfile, type TBillingProfile } from "@/components/billing/payer-fields";
import { PaymentPanel, useTrackedPayment, type TPaymentStatusView } from "@/components/billing/payment-panel";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { AddonCatalogue, type TCatalogueItem } from "./addon-catalogue";
import { AddonList } from "./addon-list";
import { LimitsTable } from "./limits-table";

type TOutputs = inferRouterOutputs<AppRouter>;

/**
 * The Add-ons page's body: a payment being followed (from `?payment=`, or the newest add-on still
 * waiting for its payment), the catalogue (buy controls for owners and admins of Pro teams, an
 * upgrade prompt for Free teams), the team's add-ons, and the limits they add up to.
 */
export function AddonsView({
  team,
  plan,
  canManage,
  catalogue,
  initialList,
  initialLimits,
  urlPaymentId,
  initialPayment,
  initialProfile,
}: {
  team: string;
  initialProfile: TBillingProfile | null;
  plan: TPlanId;
  canManage: boolean;
  catalogue: TCatalogueItem[];
  initialList: TOutputs["addons"]["list"] | null;
  initialLimits: TOutputs["addons"]["limits"] | null;
  urlPaymentId: string | null;
  initialPayment: TPaymentStatusView | null;
}) {
  const t = useTranslations("addons");
  const trpc = useTRPC();
  const list = useQuery(trpc.addons.list.queryOptions({ team }, { initialData: () => initialList ?? undefined }));
  const limits = useQuery(trpc.addons.limits.queryOptions({ team }, { initialData: () => initialLimits ?? undefined }));
  const isPro = plan === "pay_as_you_go";
  const profile = useBillingProfile(team, initialProfile).data ?? null;

  const waiting = list.data?.resources.find((r) => r.status === "pending" && r.payment_id)?.payment_id ?? null;
  const { paymentId, dismiss } = useTrackedPayment(urlPaymentId, waiting);

  return (
    <div className="space-y-8">
      {paymentId ? (
        <PaymentPanel
          key={paymentId}
          team={team}
          paymentId={paymentId}
          canManage={canManage}
          initial={paymentId === initialPayment?.id ? initialPayment : null}
          onDismiss={dismiss}
          showAddonsLink={false}
        />
      ) : null}

      <section aria-labelledby="catalogue-title" className="space-y-4">
        <h2 id="catalogue-title" className="text-lg font-semibold tracking-tight">
          {t("catalogueTitle")}
        </h2>
        {!isPro ? (
          <Alert variant="info" data-testid="addons-upgrade-prompt">
            <p className="font-medium">{t("freePrompt")}</p>
            <p className="text-muted-foreground">{t("freePromptHint")}</p>
            <Link href={`/teams/${team}/billing`} className={buttonVariants({ size: "sm", className: "mt-2" })}>
              <ArrowUpRight aria-hidden />
              {t("upgrade")}
            </Link>
          </Alert>
        ) : !canManage ? (
          <p className="flex items-start gap-2 rounded-lg border border-dashed bg-card p-3 text-sm text-muted-foreground" data-testid="addons-members-note">
            <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
            {t("membersCannotBuy")}
          </p>
        ) : null}
        <AddonCatalogue team={team} items={catalogue} canBuy={isPro && canManage} profile={profile} />
      </section>

      <AddonList team={team} list={list} canManage={canManage} isPro={isPro} profile={profile} />
      <LimitsTable limits={limits} />
    </div>
  );
}

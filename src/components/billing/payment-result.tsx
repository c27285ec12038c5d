"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowRight, CreditCard, Loader2, Repeat, RotateCcw, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { formatDate, formatMoney } from "@/lib/format";
import { OPERATOR_NAMES } from "@/lib/mobile-money";
import { reasonText } from "@/lib/payment-reasons";
import { useTRPC } from "@/trpc/react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { displayPhone } from "./payer-form";
import { useBillingProfile } from "./payer-fields";
import type { TPaymentStatusView } from "./payment-flow";
import { OtherPayerForm, RestartError, type TRestartState } from "./restart-controls";

/**
 * A payment's end: completed (what it changed), or failed with the reason in the reader's words
 * (spec 14.3), or cancelled; for owners and admins, a retry with the same method and number, and
 * with Mobile Money another number or operator, or a card.
 */
export function PaymentResult({
  team,
  payment,
  canManage,
  isRefreshing,
  restart,
  onDismiss,
  showAddonsLink,
}: {
  team: string;
  payment: TPaymentStatusView;
  canManage: boolean;
  isRefreshing: boolean;
  restart: TRestartState;
  onDismiss: () => void;
  showAddonsLink: boolean;
}) {
  const t = useTranslations("payments");
  const te = useTranslations("paymentEnd");
  const locale = useLocale();
  const trpc = useTRPC();
  const country = useBillingProfile(team).data?.country ?? null;
  const needsTeam = payment.status === "completed" && payment.purpose === "plan_upgrade";
  const teamQuery = useQuery(trpc.teams.get.queryOptions({ team }, { enabled: needsTeam }));
  const [isOtherOpen, setIsOtherOpen] = useState(false);
  const [chosen, setChosen] = useState<"retry" | "card" | null>(null);

  const amount = formatMoney(payment.amount_minor, payment.currency, locale);
  const method = t(`methods.${payment.payment_method}`);
  const what = t(`purpose.${payment.purpose}`);
  const isAddon = payment.purpose === "addon_purchase" || payment.purpose === "addon_renewal";
  const isTopUp = payment.purpose === "top_up";
  const dismiss = (
    <Button variant="ghost" size="sm" onClick={onDismiss}>
      <X aria-hidden />
      {t("dismiss")}
    </Button>
  );

  if (payment.status === "completed") {
    const periodEnd = !isRefreshing && teamQuery.data?.currentPeriodEnd ? teamQuery.data.currentPeriodEnd : null;
    return (
      <Alert variant="ok" data-testid="payment-result" data-status="completed" data-payment={payment.id}>
        <p className="font-medium">
          {payment.purpose === "plan_upgrade"
            ? periodEnd
              ? t("completedPlan", { date: formatDate(periodEnd, locale) })
              : t("completedPlanNoDate")
            : isTopUp
              ? t("completedTopUp", { amount })
              : payment.purpose === "addon_renewal"
                ? t("completedRenewal")
                : t("completedAddon")}
        </p>
        <p className="text-muted-foreground">{t("resultSummary", { amount, method, what })}</p>
        <div className="flex flex-wrap items-center gap-2 pt-1">
          {isAddon && showAddonsLink ? (
            <Link href={`/teams/${team}/addons`} className={buttonVariants({ variant: "outline", size: "sm" })}>
              {t("seeAddons")}
              <ArrowRight aria-hidden />
            </Link>
          ) : null}
          {dismiss}
        </div>
      </Alert>
    );
  }

  const failed = payment.status === "failed";
  const isMobileMoney = payment.payment_method === "mobile_money";
  const mutation = restart.restart;
  const isBusy = mutation.isPending || mutation.isSuccess;
  const mayRestart = canManage && restart.canRestart;
  const hasPayer = !!payment.payer_phone && !!payment.operator;
  const payer = payment.payer_phone && payment.operator ? { payer_phone: payment.payer_phone, operator: payment.operator } : undefined;

  return (
    <Alert
      variant={failed ? "error" : "info"}
      data-testid="payment-result"
      data-status={payment.status}
      data-reason={failed ? (payment.failure_reason ?? "") : undefined}
      data-payment={payment.id}
    >
      <p className="font-medium">{failed ? t("failedTitle") : t("cancelledTitle")}</p>
      {failed ? <p data-testid="payment-reason">{payment.failure_reason ? reasonText(payment.failure_reason, locale) : t("failedNoReason")}</p> : null}
      <p className="text-muted-foreground">
        {t("resultSummary", { amount, method, what })}
        {isMobileMoney && payment.payer_phone ? (
          <>
            {" "}
            {te("payerWas", {
              phone: displayPhone(payment.payer_phone, country),
              operator: payment.operator ? OPERATOR_NAMES[payment.operator] : "–",
            })}
          </>
        ) : null}{" "}
        {isAddon ? t("addonUnchanged") : isTopUp ? t("balanceUnchanged") : t("planUnchanged")}
      </p>
      <div className="flex flex-wrap items-center gap-2 pt-1">
        {mayRestart && (!isMobileMoney || hasPayer) ? (
          <Button
            size="sm"
            disabled={isBusy}
            aria-busy={(isBusy && chosen === "retry") || undefined}
            onClick={() => {
              setChosen("retry");
              setIsOtherOpen(false);
              mutation.reset();
              mutation.mutate({ method: payment.payment_method, payer });
            }}
          >
            {isBusy && chosen === "retry" ? <Loader2 aria-hidden className="animate-spin" /> : <RotateCcw aria-hidden />}
            {isBusy && chosen === "retry" ? te("retrying") : te("retry")}
          </Button>
        ) : null}
        {mayRestart && isMobileMoney ? (
          <>
            <Button
              variant="outline"
              size="sm"
              disabled={isBusy}
              aria-expanded={isOtherOpen}
              onClick={() => {
                mutation.reset();
                setChosen(null);
                setIsOtherOpen((open) => !open);
              }}
            >
              <Repeat aria-hidden />
              {te("otherPayer")}
            </Button>
            <Button
              variant="outline"
              size="sm"
              disabled={isBusy}
              aria-busy={(isBusy && chosen === "card") || undefined}
              onClick={() => {
                setChosen("card");
                setIsOtherOpen(false);
                mutation.reset();
                mutation.mutate({ method: "credit_card" });
              }}
            >
              {isBusy && chosen === "card" ? <Loader2 aria-hidden className="animate-spin" /> : <CreditCard aria-hidden />}
              {te("payByCard")}
            </Button>
          </>
        ) : null}
        {dismiss}
      </div>
      {canManage && !restart.canRestart && payment.purpose === "addon_renewal" ? <p className="text-muted-foreground">{te("renewalRetry")}</p> : null}
      {isOtherOpen ? <OtherPayerForm team={team} payment={payment} restart={restart} cancelFirst={false} onClose={() => setIsOtherOpen(false)} /> : null}
      <RestartError restart={restart} isFieldShown={isOtherOpen} />
    </Alert>
  );
}

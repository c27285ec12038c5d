"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowUpRight, CalendarPlus, Loader2, Lock } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { clock } from "@/lib/clock";
import { formatDate, formatMoney } from "@/lib/format";
import { priceOf } from "@/lib/money";
import { PLANS, type TPlanId } from "@/lib/plans";
import { useTRPC } from "@/trpc/react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { balanceOptionFor, useBalance, usePayErrorText } from "./balance-query";
import type { TCardBilling } from "./card-billing-card";
import { PayerFields, firstPayerFieldId, payerRefusal, usePayerForm, type TBillingProfile } from "./payer-fields";
import { goToPaymentPage } from "./payment-panel";
import { PaymentMethodPicker, type TPaymentMethod } from "./payment-method-picker";
import { PlanLimitList } from "./plan-limit-list";

const DAY_MS = 86_400_000;

/**
 * "Upgrade to Pro" (or "Extend Pro by 30 days"): the price in the team's currency, the method (with
 * Mobile Money, the payer's number and operator), and a Pay button that starts the payment: a card
 * goes to the payment page, Mobile Money stays here to follow the request sent to the phone.
 * Members only read why they cannot. With the prepaid balance (spec 15) Pro may be paid from it at
 * once ("Pay from balance", offered when it covers the price, else shown with the shortfall).
 * With Stripe (`cardBilling.enabled`), a card payment may renew by itself every 30 days (a Stripe
 * subscription), unless the team already has one running: then a note says so instead.
 */
export function UpgradeCard({
  team,
  plan,
  currentPeriodEnd,
  canManage,
  cardBilling,
  profile,
}: {
  team: string;
  plan: TPlanId;
  currentPeriodEnd: Date | null;
  canManage: boolean;
  /** Stripe's state for the team; null (or `enabled: false`) shows nothing of Stripe. */
  cardBilling: TCardBilling | null;
  /** The team's currency and remembered payer (the price is in its currency). */
  profile: TBillingProfile;
}) {
  const t = useTranslations("billing");
  const tb = useTranslations("balance");
  const locale = useLocale();
  const trpc = useTRPC();
  const pro = PLANS.pay_as_you_go;
  const priceMinor = priceOf("pro", profile.currency);
  const price = formatMoney(priceMinor, profile.currency, locale);
  const isPro = plan === "pay_as_you_go";
  const [chosen, setMethod] = useState<TPaymentMethod>("mobile_money");
  const balance = useBalance(team).data;
  const balanceOption = balanceOptionFor(balance, priceMinor, profile.currency);
  // A balance that no longer covers the price (read again meanwhile) gives the choice back to Mobile Money.
  const method: TPaymentMethod = chosen === "balance" && !(balanceOption && balanceOption.balanceMinor >= priceMinor) ? "mobile_money" : chosen;
  const proRenewsFromBalance = isPro && !!balance?.renewals.some((r) => r.item === "pro" && r.auto_renew);
  const payErrorText = usePayErrorText();
  const [isRedirecting, setIsRedirecting] = useState(false);
  const [autoRenew, setAutoRenew] = useState(false);
  const id = useId();
  const payer = usePayerForm(profile);

  const cardViaStripe = cardBilling?.enabled === true;
  const renewal = cardViaStripe ? (cardBilling.subscription?.status ?? null) : null;
  const isRenewing = renewal === "active" || renewal === "past_due";
  const canAutoRenew = cardViaStripe && !isRenewing && method === "credit_card";
  const willAutoRenew = canAutoRenew && autoRenew;

  const initiate = useMutation(
    trpc.payments.initiate.mutationOptions({
      onSuccess: (view) => {
        setIsRedirecting(true);
        goToPaymentPage(view.payment_url, view.id, view.payment_method);
      },
    }),
  );
  const isBusy = initiate.isPending || isRedirecting;
  const startError = initiate.isError ? payErrorText(initiate.error) : null;
  const refusal = method === "mobile_money" ? payerRefusal(startError) : null;

  function pay() {
    initiate.reset();
    if (method === "balance") {
      initiate.mutate({ team, payment_method: "balance" });
      return;
    }
    if (method === "credit_card") {
      initiate.mutate(willAutoRenew ? { team, payment_method: method, auto_renew: true } : { team, payment_method: method });
      return;
    }
    const fields = payer.submit();
    if (!fields) {
      document.getElementById(firstPayerFieldId(id, payer))?.focus();
      return;
    }
    initiate.mutate({ team, payment_method: method, ...fields });
  }

  // Paying again adds 30 days from the later of now and the current end (spec section 2).
  const extendedEnd = isPro && currentPeriodEnd ? new Date(Math.max(clock.nowMs(), new Date(currentPeriodEnd).getTime()) + pro.periodDays * DAY_MS) : null;

  return (
    <Card aria-labelledby="upgrade-title" data-testid="upgrade-card" className="flex flex-col">
      <CardHeader>
        <CardTitle id="upgrade-title" className="flex items-center gap-2">
          {isPro ? <CalendarPlus aria-hidden className="size-4 text-muted-foreground" /> : <ArrowUpRight aria-hidden className="size-4 text-primary" />}
          {isPro ? t("extendTitle") : t("upgradeTitle")}
        </CardTitle>
        <CardDescription>
          {isPro
            ? extendedEnd
              ? t("extendDescription", { price, date: formatDate(extendedEnd, locale) })
              : t("extendDescriptionNoEnd", { price })
            : willAutoRenew
              ? t("upgradeDescriptionAutoRenew", { price })
              : t("upgradeDescription", { price })}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex-1 space-y-4">
        <p className="flex items-baseline gap-1.5">
          <span className="text-3xl font-semibold tabular-nums tracking-tight">{price}</span>
          <span className="text-sm text-muted-foreground">{t("perPeriod")}</span>
        </p>
        {isPro ? null : (
          <div className="space-y-2">
            <h3 className="text-sm font-medium">{t("proGives")}</h3>
            <PlanLimitList plan="pay_as_you_go" />
          </div>
        )}
        {canManage ? (
          <>
            <PaymentMethodPicker
              value={method}
              onChange={(next) => {
                initiate.reset();
                setMethod(next);
              }}
              disabled={isBusy}
              cardViaStripe={cardViaStripe}
              balance={balanceOption}
            />
            {method === "mobile_money" ? <PayerFields idPrefix={id} form={payer} refusal={refusal} disabled={isBusy} onEdit={() => initiate.reset()} /> : null}
          </>
        ) : (
          <p className="flex items-start gap-2 rounded-lg border border-dashed p-3 text-sm text-muted-foreground" data-testid="billing-members-note">
            <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
            {t("membersCannotPay")}
          </p>
        )}
        {canManage && canAutoRenew ? (
          <div className="flex items-start gap-2.5" data-testid="auto-renew">
            <input
              type="checkbox"
              id={`${id}-auto-renew`}
              checked={autoRenew}
              disabled={isBusy}
              onChange={(e) => setAutoRenew(e.target.checked)}
              aria-describedby={`${id}-footer-note`}
              className="mt-0.5 size-4 shrink-0 cursor-pointer accent-primary disabled:cursor-not-allowed"
            />
            <label htmlFor={`${id}-auto-renew`} className={isBusy ? "cursor-not-allowed text-sm opacity-60" : "cursor-pointer text-sm"}>
              {t("autoRenewLabel")}
            </label>
          </div>
        ) : null}
        {canManage && isRenewing ? (
          <Alert variant={renewal === "past_due" ? "warning" : "info"} data-testid="card-renewal-note" data-renewal={renewal}>
            {renewal === "past_due" ? t("renewalPastDueNote") : t("renewalActiveNote")}
          </Alert>
        ) : null}
        {startError && !refusal ? (
          <Alert variant="error" data-testid="payment-start-error">
            {startError}
          </Alert>
        ) : null}
      </CardContent>
      {canManage ? (
        <CardFooter className="justify-between">
          <Button size="lg" className="w-full sm:w-auto" disabled={isBusy} aria-busy={isBusy || undefined} onClick={pay}>
            {isBusy ? <Loader2 aria-hidden className="animate-spin" /> : null}
            {isRedirecting
              ? t("redirecting")
              : initiate.isPending
                ? t("starting")
                : method === "balance"
                  ? tb("payFromBalanceButton", { price })
                  : t("pay", { price })}
          </Button>
          <p id={`${id}-footer-note`} className="text-xs text-muted-foreground" data-testid="renewal-footer">
            {willAutoRenew
              ? t("autoRenewFooter", { price })
              : isRenewing
                ? t("renewalOneTimeFooter")
                : proRenewsFromBalance
                  ? tb("proRenewsFooter", { price })
                  : t("noAutoRenew")}
          </p>
        </CardFooter>
      ) : null}
    </Card>
  );
}

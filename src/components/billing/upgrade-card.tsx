"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowUpRight, CalendarPlus, Loader2, Lock } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { formatDate, formatMoney } from "@/lib/format";
import { PLANS, type TPlanId } from "@/lib/plans";
import { useTRPC } from "@/trpc/react";
import { describeError } from "@/components/error-message";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import type { TCardBilling } from "./card-billing-card";
import { goToPaymentPage } from "./payment-panel";
import { PaymentMethodPicker, type TPaymentMethod } from "./payment-method-picker";
import { PlanLimitList } from "./plan-limit-list";
import { clock } from "@/lib/clock";

const DAY_MS = 86_400_000;

/**
 * "Upgrade to Pro" (or "Extend Pro by 30 days"): the price, the method, and a Pay button that
 * starts the payment and sends the browser to the payment page. Members only read why they cannot.
 * With Stripe (`cardBilling.enabled`), a card payment may renew by itself every 30 days (a Stripe
 * subscription), unless the team already has one running: then a note says so instead.
 */
export function UpgradeCard({
  team,
  plan,
  currentPeriodEnd,
  canManage,
  cardBilling,
}: {
  team: string;
  plan: TPlanId;
  currentPeriodEnd: Date | null;
  canManage: boolean;
  /** Stripe's state for the team; null (or `enabled: false`) shows nothing of Stripe. */
  cardBilling: TCardBilling | null;
}) {
  const t = useTranslations("billing");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const pro = PLANS.pay_as_you_go;
  const price = formatMoney(pro.priceMinor, pro.currency, locale);
  const isPro = plan === "pay_as_you_go";
  const [method, setMethod] = useState<TPaymentMethod>("mobile_money");
  const [isRedirecting, setIsRedirecting] = useState(false);
  const [autoRenew, setAutoRenew] = useState(false);
  const id = useId();

  const cardViaStripe = cardBilling?.enabled === true;
  const renewal = cardViaStripe ? (cardBilling.subscription?.status ?? null) : null;
  const isRenewing = renewal === "active" || renewal === "past_due";
  const canAutoRenew = cardViaStripe && !isRenewing && method === "credit_card";
  const willAutoRenew = canAutoRenew && autoRenew;

  const initiate = useMutation(
    trpc.payments.initiate.mutationOptions({
      onSuccess: (view) => {
        setIsRedirecting(true);
        goToPaymentPage(view.payment_url, view.id);
      },
    }),
  );
  const isBusy = initiate.isPending || isRedirecting;

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
          <PaymentMethodPicker value={method} onChange={setMethod} disabled={isBusy} cardViaStripe={cardViaStripe} />
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
        {initiate.isError ? (
          <Alert variant="error" data-testid="payment-start-error">
            {describeError(initiate.error, tc("networkError"))}
          </Alert>
        ) : null}
      </CardContent>
      {canManage ? (
        <CardFooter className="justify-between">
          <Button
            size="lg"
            className="w-full sm:w-auto"
            disabled={isBusy}
            aria-busy={isBusy || undefined}
            onClick={() => {
              initiate.reset();
              initiate.mutate(willAutoRenew ? { team, payment_method: method, auto_renew: true } : { team, payment_method: method });
            }}
          >
            {isBusy ? <Loader2 aria-hidden className="animate-spin" /> : null}
            {isRedirecting ? t("redirecting") : initiate.isPending ? t("starting") : t("pay", { price })}
          </Button>
          <p id={`${id}-footer-note`} className="text-xs text-muted-foreground" data-testid="renewal-footer">
            {willAutoRenew ? t("autoRenewFooter", { price }) : isRenewing ? t("renewalOneTimeFooter") : t("noAutoRenew")}
          </p>
        </CardFooter>
      ) : null}
    </Card>
  );
}

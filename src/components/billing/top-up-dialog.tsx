"use client";

import { useMutation } from "@tanstack/react-query";
import { Loader2, Wallet } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { formatMoney } from "@/lib/format";
import type { TRailMethod } from "@/lib/payments";
import { useTRPC } from "@/trpc/react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { usePayErrorText, type TBalanceView } from "./balance-query";
import { PayerFields, firstPayerFieldId, payerRefusal, usePayerForm, type TBillingProfile } from "./payer-fields";
import { goToPaymentPage } from "./payment-flow";
import { PaymentMethodPicker } from "./payment-method-picker";
import { amountInputValue, checkTopUp, type TTopUpProblem } from "./top-up-form";

/**
 * A top-up of the prepaid balance (spec 15): the amount (from Pro's price to 100 times it, francs
 * in steps of 5; `initialMinor` prefills it, e.g. from a reminder's link), the rail (Mobile Money
 * with the remembered number prefilled, or a card: never the balance itself), and the button that
 * starts the payment. The payment is then followed on the page as any other (`?payment=`).
 */
export function TopUpDialog({
  team,
  view,
  profile,
  initialMinor,
  cardViaStripe,
}: {
  team: string;
  view: TBalanceView;
  profile: TBillingProfile | null;
  initialMinor: number;
  cardViaStripe: boolean;
}) {
  const t = useTranslations("balance");
  const tb = useTranslations("billing");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const currency = view.currency;
  const [amountText, setAmountText] = useState(() => amountInputValue(initialMinor, currency));
  const [isChecked, setIsChecked] = useState(false);
  const [method, setMethod] = useState<TRailMethod>("mobile_money");
  const [isRedirecting, setIsRedirecting] = useState(false);
  const payer = usePayerForm(profile);
  const payErrorText = usePayErrorText();
  const check = checkTopUp(amountText, currency, view.top_up);
  const money = (minor: number) => formatMoney(minor, currency, locale);

  const initiate = useMutation(
    trpc.payments.initiate.mutationOptions({
      onSuccess: (started) => {
        setIsRedirecting(true);
        goToPaymentPage(started.payment_url, started.id, started.payment_method);
      },
    }),
  );
  const isBusy = initiate.isPending || isRedirecting;
  const startError = initiate.isError ? payErrorText(initiate.error) : null;
  const refusal = method === "mobile_money" ? payerRefusal(startError) : null;
  const amountId = `${id}-amount`;
  const amountError = isChecked && !check.ok ? problemText(t, check.problem, money, view.top_up) : null;

  function topUp() {
    initiate.reset();
    setIsChecked(true);
    if (!check.ok) {
      document.getElementById(amountId)?.focus();
      return;
    }
    if (method === "credit_card") {
      initiate.mutate({ team, purpose: "top_up", amount: check.amount, payment_method: method });
      return;
    }
    const fields = payer.submit();
    if (!fields) {
      document.getElementById(firstPayerFieldId(id, payer))?.focus();
      return;
    }
    initiate.mutate({ team, purpose: "top_up", amount: check.amount, payment_method: method, ...fields });
  }

  return (
    <DialogContent closeLabel={tc("close")} data-testid="top-up-dialog" className="max-h-[90dvh] overflow-y-auto">
      <DialogHeader>
        <DialogTitle className="flex items-center gap-2">
          <Wallet aria-hidden className="size-4 text-muted-foreground" />
          {t("topUpTitle")}
        </DialogTitle>
        <DialogDescription>{t("topUpDescription", { balance: money(view.balance_minor) })}</DialogDescription>
      </DialogHeader>
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          topUp();
        }}
      >
        <div className="space-y-1.5">
          <Label htmlFor={amountId}>{t("amountLabel", { currency })}</Label>
          <Input
            id={amountId}
            type="number"
            // Francs have no decimals: their step is the same number in major and minor units.
            inputMode={view.top_up.step === view.top_up.step_minor ? "numeric" : "decimal"}
            min={view.top_up.min}
            max={view.top_up.max}
            step={view.top_up.step}
            value={amountText}
            disabled={isBusy}
            aria-invalid={amountError ? true : undefined}
            aria-describedby={amountError ? `${amountId}-hint ${amountId}-error` : `${amountId}-hint`}
            onChange={(event) => {
              setAmountText(event.target.value);
              initiate.reset();
            }}
          />
          <p id={`${amountId}-hint`} className="text-xs text-muted-foreground">
            {view.top_up.step_minor > 1
              ? t("amountHintStep", { min: money(view.top_up.min_minor), max: money(view.top_up.max_minor), step: money(view.top_up.step_minor) })
              : t("amountHint", { min: money(view.top_up.min_minor), max: money(view.top_up.max_minor) })}
          </p>
          {amountError ? (
            <p id={`${amountId}-error`} className="text-xs font-medium text-critical" data-testid="top-up-amount-error">
              {amountError}
            </p>
          ) : null}
        </div>
        <PaymentMethodPicker
          value={method}
          onChange={(next) => {
            initiate.reset();
            // Only the rails are offered here: a top-up fills the balance, it is not paid from it.
            if (next !== "balance") setMethod(next);
          }}
          disabled={isBusy}
          cardViaStripe={cardViaStripe}
        />
        {method === "mobile_money" ? <PayerFields idPrefix={id} form={payer} refusal={refusal} disabled={isBusy} onEdit={() => initiate.reset()} /> : null}
        {startError && !refusal ? (
          <Alert variant="error" data-testid="top-up-error">
            {startError}
          </Alert>
        ) : null}
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              {tc("cancel")}
            </Button>
          </DialogClose>
          <Button type="submit" disabled={isBusy} aria-busy={isBusy || undefined}>
            {isBusy ? <Loader2 aria-hidden className="animate-spin" /> : null}
            {isRedirecting
              ? tb("redirecting")
              : initiate.isPending
                ? tb("starting")
                : check.ok
                  ? t("topUpButton", { amount: money(check.minor) })
                  : t("topUpButtonPlain")}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}

type TBalanceT = ReturnType<typeof useTranslations<"balance">>;

function problemText(t: TBalanceT, problem: TTopUpProblem, money: (minor: number) => string, bounds: TBalanceView["top_up"]): string {
  if (problem === "missing") return t("amountMissing");
  if (problem === "invalid") return t("amountInvalid");
  if (problem === "step") return bounds.step_minor > 1 ? t("amountStep", { step: money(bounds.step_minor) }) : t("amountDecimals");
  return t(problem === "too_small" ? "amountTooSmall" : "amountTooLarge", { min: money(bounds.min_minor), max: money(bounds.max_minor) });
}

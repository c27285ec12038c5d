"use client";

import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Loader2, ShoppingCart } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { formatMoney } from "@/lib/format";
import type { AppRouter } from "@/trpc/types";
import { useTRPC } from "@/trpc/react";
import { balanceOptionFor, useBalance, usePayErrorText } from "@/components/billing/balance-query";
import { PayerFields, firstPayerFieldId, payerRefusal, usePayerForm, type TBillingProfile } from "@/components/billing/payer-fields";
import { goToPaymentPage } from "@/components/billing/payment-flow";
import { PaymentMethodPicker, type TPaymentMethod } from "@/components/billing/payment-method-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { ADDON_ICONS } from "./addon-look";
import { QuantityPicker, parseQuantity } from "./quantity-picker";

export type TCatalogueItem = inferRouterOutputs<AppRouter>["addons"]["catalogue"][number];

/**
 * The add-ons on sale, one card each, priced in the team's currency (the catalogue is); `canBuy`
 * adds the quantity, the method (with Mobile Money, the payer's number and operator, the remembered
 * ones prefilled from `profile`, or the prepaid balance when it covers the total) and the Buy button.
 */
export function AddonCatalogue({ team, items, canBuy, profile }: { team: string; items: TCatalogueItem[]; canBuy: boolean; profile: TBillingProfile | null }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {items.map((item) => (
        <AddonCard key={item.type} team={team} item={item} canBuy={canBuy} profile={profile} />
      ))}
    </div>
  );
}

function AddonCard({ team, item, canBuy, profile }: { team: string; item: TCatalogueItem; canBuy: boolean; profile: TBillingProfile | null }) {
  const t = useTranslations("addons");
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const Icon = ADDON_ICONS[item.type];
  const name = t(`types.${item.type}.name`);
  const [quantityText, setQuantityText] = useState("1");
  const [chosen, setMethod] = useState<TPaymentMethod>("mobile_money");
  const [isRedirecting, setIsRedirecting] = useState(false);
  const quantity = parseQuantity(quantityText);
  const payer = usePayerForm(profile);
  const balance = useBalance(team, null, canBuy).data;
  const totalMinor = item.price_minor * (quantity ?? 1);
  const balanceOption = balanceOptionFor(balance, totalMinor, item.currency);
  // More units than the balance covers give the choice back to Mobile Money.
  const method: TPaymentMethod = chosen === "balance" && !(balanceOption && balanceOption.balanceMinor >= totalMinor) ? "mobile_money" : chosen;
  const payErrorText = usePayErrorText();

  const purchase = useMutation(
    trpc.addons.purchase.mutationOptions({
      onSuccess: (result) => {
        setIsRedirecting(true);
        goToPaymentPage(result.payment_url, result.payment_id, method);
      },
    }),
  );
  const isBusy = purchase.isPending || isRedirecting;
  const titleId = `${id}-title`;
  const buyError = purchase.isError ? payErrorText(purchase.error) : null;
  const refusal = method === "mobile_money" ? payerRefusal(buyError) : null;

  function buy() {
    if (quantity === null) return;
    purchase.reset();
    if (method === "credit_card" || method === "balance") {
      purchase.mutate({ team, resource_type: item.type, quantity, payment_method: method });
      return;
    }
    const fields = payer.submit();
    if (!fields) {
      document.getElementById(firstPayerFieldId(id, payer))?.focus();
      return;
    }
    purchase.mutate({ team, resource_type: item.type, quantity, payment_method: method, ...fields });
  }

  return (
    <Card aria-labelledby={titleId} data-addon={item.type} className="flex flex-col">
      <CardHeader>
        <div className="flex items-center gap-3">
          <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-primary/10 text-primary">
            <Icon aria-hidden className="size-5" />
          </span>
          <div className="min-w-0">
            <CardTitle id={titleId}>{name}</CardTitle>
            <p className="text-sm text-muted-foreground" data-testid="addon-unit">
              {t(`types.${item.type}.unit`)}
            </p>
          </div>
        </div>
        <CardDescription className="pt-1">{t(`types.${item.type}.description`)}</CardDescription>
      </CardHeader>
      <CardContent className="flex-1 space-y-4">
        <p data-testid="addon-price">
          {t.rich("perPeriod", {
            price: formatMoney(item.price_minor, item.currency, locale),
            strong: (chunks) => <span className="text-2xl font-semibold tabular-nums tracking-tight">{chunks}</span>,
          })}
        </p>
        {canBuy ? (
          <>
            <QuantityPicker id={`${id}-quantity`} value={quantityText} onChange={setQuantityText} disabled={isBusy} />
            <PaymentMethodPicker
              value={method}
              onChange={(next) => {
                purchase.reset();
                setMethod(next);
              }}
              disabled={isBusy}
              compact
              balance={balanceOption}
            />
            {method === "mobile_money" ? <PayerFields idPrefix={id} form={payer} refusal={refusal} disabled={isBusy} onEdit={() => purchase.reset()} /> : null}
          </>
        ) : null}
        {buyError && !refusal ? (
          <Alert variant="error" data-testid="addon-buy-error">
            {buyError}
          </Alert>
        ) : null}
      </CardContent>
      {canBuy ? (
        <CardFooter className="justify-between">
          <p className="text-sm font-medium tabular-nums" aria-live="polite" data-testid="addon-total">
            {quantity ? t("total", { price: formatMoney(item.price_minor * quantity, item.currency, locale) }) : t("totalInvalid")}
          </p>
          <Button disabled={isBusy || quantity === null} aria-busy={isBusy || undefined} aria-label={t("buyNamed", { name })} onClick={buy}>
            {isBusy ? <Loader2 aria-hidden className="animate-spin" /> : <ShoppingCart aria-hidden />}
            {isRedirecting ? t("redirecting") : purchase.isPending ? t("buying") : t("buy")}
          </Button>
        </CardFooter>
      ) : null}
    </Card>
  );
}

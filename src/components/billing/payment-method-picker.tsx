"use client";

import { RAIL_METHODS, type TPaymentMethod } from "@/lib/payments";
import { CreditCard, Smartphone, Wallet } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { formatMoney } from "@/lib/format";
import { cn } from "@/components/ui/cn";

export type { TPaymentMethod } from "@/lib/payments";

const ICONS: Record<TPaymentMethod, typeof Wallet> = { mobile_money: Smartphone, credit_card: CreditCard, balance: Wallet };

/**
 * The prepaid balance as a way to pay one price (spec 15): what the team has, and what the purchase
 * costs, in the same currency. The option is offered when the balance covers the price, and shown
 * disabled with the shortfall when it does not.
 */
export interface TBalanceOption {
  balanceMinor: number;
  priceMinor: number;
  currency: string;
}

/**
 * How to pay, as radio cards ("Mobile Money", "Card", and with `balance` "Pay from balance").
 * Native radios, so arrow keys and screen readers work as everywhere; each card's label is the
 * radio's accessible name and the whole card is clickable. `compact` (add-on cards) stacks them and
 * drops the rails' hints (the balance keeps its one line: how much there is, or is missing).
 * `cardViaStripe` (the server takes cards through Stripe) says so in the card's hint. Without
 * `balance` only the rails are offered: a top-up, which fills the balance, needs one.
 */
export function PaymentMethodPicker({
  value,
  onChange,
  disabled = false,
  compact = false,
  cardViaStripe = false,
  balance = null,
  className,
}: {
  value: TPaymentMethod;
  onChange: (method: TPaymentMethod) => void;
  disabled?: boolean;
  compact?: boolean;
  cardViaStripe?: boolean;
  balance?: TBalanceOption | null;
  className?: string;
}) {
  const t = useTranslations("payments");
  const tp = useTranslations("payer");
  const tb = useTranslations("balance");
  const locale = useLocale();
  const id = useId();
  const methods: readonly TPaymentMethod[] = balance ? [...RAIL_METHODS, "balance"] : RAIL_METHODS;
  const covers = !!balance && balance.balanceMinor >= balance.priceMinor;
  const money = (minor: number) => formatMoney(minor, balance?.currency, locale);

  function hintOf(method: TPaymentMethod): string | null {
    if (method === "balance" && balance) {
      return covers
        ? tb("methodHint", { balance: money(balance.balanceMinor), left: money(balance.balanceMinor - balance.priceMinor) })
        : tb("methodHintShort", { balance: money(balance.balanceMinor), shortfall: money(balance.priceMinor - balance.balanceMinor) });
    }
    if (compact) return null;
    if (method === "mobile_money") return tp("methodHint");
    return cardViaStripe ? t("methodHints.credit_card_stripe") : t("methodHints.credit_card");
  }

  return (
    <div role="radiogroup" aria-labelledby={`${id}-label`} className={cn("space-y-2", className)}>
      <p id={`${id}-label`} className="text-sm font-medium">
        {t("methodLabel")}
      </p>
      <div className={cn("grid gap-2", compact ? "grid-cols-1" : "sm:grid-cols-2")}>
        {methods.map((method) => {
          const Icon = ICONS[method];
          const inputId = `${id}-${method}`;
          const checked = value === method;
          // A balance short of the price: the option stays in view, with what is missing, but cannot be chosen.
          const isOff = disabled || (method === "balance" && !covers);
          const hint = hintOf(method);
          return (
            <div
              key={method}
              data-method={method}
              data-available={method === "balance" ? covers : undefined}
              className={cn(
                "relative flex items-start gap-2.5 rounded-lg border bg-card transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
                compact ? "px-3 py-2" : "p-3",
                method === "balance" && !compact && "sm:col-span-2",
                checked ? "border-primary bg-primary/5 ring-1 ring-primary" : isOff ? "border-dashed" : "hover:bg-muted/60",
                disabled && "opacity-60",
              )}
            >
              <input
                type="radio"
                id={inputId}
                name={`${id}-method`}
                value={method}
                checked={checked}
                disabled={isOff}
                onChange={() => onChange(method)}
                aria-describedby={hint ? `${inputId}-hint` : undefined}
                className="relative z-10 mt-0.5 size-4 shrink-0 cursor-pointer accent-primary focus-visible:outline-none disabled:cursor-not-allowed"
              />
              <div className="min-w-0 space-y-0.5">
                <label
                  htmlFor={inputId}
                  className={cn(
                    "flex items-center gap-1.5 text-sm font-medium leading-tight after:absolute after:inset-0 after:content-['']",
                    isOff ? "cursor-not-allowed" : "cursor-pointer",
                  )}
                >
                  <Icon aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                  {method === "balance" ? tb("payFromBalance") : t(`methods.${method}`)}
                </label>
                {hint ? (
                  <p id={`${inputId}-hint`} className="text-xs text-muted-foreground" data-testid={method === "balance" ? "balance-method-hint" : undefined}>
                    {hint}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

"use client";

import { PAYMENT_METHODS } from "@/lib/payments";
import { CreditCard, Smartphone } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { cn } from "@/components/ui/cn";

export type TPaymentMethod = (typeof PAYMENT_METHODS)[number];

const ICONS = { mobile_money: Smartphone, credit_card: CreditCard } as const;

/**
 * How to pay, as two radio cards ("Mobile Money", "Card"). Native radios, so arrow keys and screen
 * readers work as everywhere; each card's label is the radio's accessible name and the whole card
 * is clickable. `compact` (add-on cards) stacks the two and drops the hints. `cardViaStripe` (the
 * server takes cards through Stripe) says so in the card's hint.
 */
export function PaymentMethodPicker({
  value,
  onChange,
  disabled = false,
  compact = false,
  cardViaStripe = false,
  className,
}: {
  value: TPaymentMethod;
  onChange: (method: TPaymentMethod) => void;
  disabled?: boolean;
  compact?: boolean;
  cardViaStripe?: boolean;
  className?: string;
}) {
  const t = useTranslations("payments");
  const tp = useTranslations("payer");
  const id = useId();
  return (
    <div role="radiogroup" aria-labelledby={`${id}-label`} className={cn("space-y-2", className)}>
      <p id={`${id}-label`} className="text-sm font-medium">
        {t("methodLabel")}
      </p>
      <div className={cn("grid gap-2", compact ? "grid-cols-1" : "sm:grid-cols-2")}>
        {PAYMENT_METHODS.map((method) => {
          const Icon = ICONS[method];
          const inputId = `${id}-${method}`;
          const checked = value === method;
          return (
            <div
              key={method}
              data-method={method}
              className={cn(
                "relative flex items-start gap-2.5 rounded-lg border bg-card transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
                compact ? "px-3 py-2" : "p-3",
                checked ? "border-primary bg-primary/5 ring-1 ring-primary" : "hover:bg-muted/60",
                disabled && "opacity-60",
              )}
            >
              <input
                type="radio"
                id={inputId}
                name={`${id}-method`}
                value={method}
                checked={checked}
                disabled={disabled}
                onChange={() => onChange(method)}
                aria-describedby={compact ? undefined : `${inputId}-hint`}
                className="relative z-10 mt-0.5 size-4 shrink-0 cursor-pointer accent-primary focus-visible:outline-none disabled:cursor-not-allowed"
              />
              <div className="min-w-0 space-y-0.5">
                <label
                  htmlFor={inputId}
                  className={cn(
                    "flex items-center gap-1.5 text-sm font-medium leading-tight after:absolute after:inset-0 after:content-['']",
                    disabled ? "cursor-not-allowed" : "cursor-pointer",
                  )}
                >
                  <Icon aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                  {t(`methods.${method}`)}
                </label>
                {compact ? null : (
                  <p id={`${inputId}-hint`} className="text-xs text-muted-foreground">
                    {method === "mobile_money" ? tp("methodHint") : cardViaStripe ? t("methodHints.credit_card_stripe") : t("methodHints.credit_card")}
                  </p>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

"use client";

import { Minus, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 100;

/** The typed text as a quantity, or null while it is not a whole number from 1 to 100. */
export function parseQuantity(text: string): number | null {
  const n = Number(text);
  return text.trim() !== "" && Number.isInteger(n) && n >= MIN_QUANTITY && n <= MAX_QUANTITY ? n : null;
}

/** A number field labelled "Quantity" between − and + buttons; the text is kept as typed until it leaves the field. */
export function QuantityPicker({ id, value, onChange, disabled }: { id: string; value: string; onChange: (value: string) => void; disabled?: boolean }) {
  const t = useTranslations("addons");
  const current = parseQuantity(value) ?? MIN_QUANTITY;
  const isInvalid = parseQuantity(value) === null;
  return (
    <div className="space-y-2">
      <Label htmlFor={id}>{t("quantity")}</Label>
      <div className="flex items-center gap-1.5">
        <Button
          variant="outline"
          size="icon"
          aria-label={t("decrease")}
          disabled={disabled || current <= MIN_QUANTITY}
          onClick={() => onChange(String(current - 1))}
        >
          <Minus aria-hidden />
        </Button>
        <Input
          id={id}
          type="number"
          inputMode="numeric"
          min={MIN_QUANTITY}
          max={MAX_QUANTITY}
          step={1}
          value={value}
          disabled={disabled}
          aria-invalid={isInvalid || undefined}
          aria-describedby={`${id}-hint`}
          onChange={(event) => onChange(event.target.value)}
          onBlur={() => {
            const n = Math.round(Number(value));
            onChange(String(Number.isFinite(n) ? Math.min(MAX_QUANTITY, Math.max(MIN_QUANTITY, n)) : MIN_QUANTITY));
          }}
          className="w-20 text-center tabular-nums"
        />
        <Button
          variant="outline"
          size="icon"
          aria-label={t("increase")}
          disabled={disabled || current >= MAX_QUANTITY}
          onClick={() => onChange(String(current + 1))}
        >
          <Plus aria-hidden />
        </Button>
      </div>
      <p id={`${id}-hint`} className={isInvalid ? "text-xs text-critical" : "text-xs text-muted-foreground"}>
        {t("quantityHint", { min: MIN_QUANTITY, max: MAX_QUANTITY })}
      </p>
    </div>
  );
}

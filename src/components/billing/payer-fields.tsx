"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { AlertCircle } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { OPERATOR_NAMES, isOperator, operatorsOf, type TOperator } from "@/lib/mobile-money";
import { normalisePhone } from "@/lib/phone";
import type { AppRouter } from "@/trpc/types";
import { useTRPC } from "@/trpc/react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import {
  checkPayer,
  examplePhone,
  initialPayerDraft,
  operatorChoices,
  payerFieldOf,
  withOperator,
  withPhone,
  type TOperatorProblem,
  type TPayerDraft,
  type TPayerField,
  type TPhoneProblem,
} from "./payer-form";

export type TBillingProfile = inferRouterOutputs<AppRouter>["billing"]["profile"];

/** The team's billing profile (currency, country, remembered payer), seeded by the page when it has it. */
export function useBillingProfile(team: string, initial?: TBillingProfile | null) {
  const trpc = useTRPC();
  return useQuery(trpc.billing.profile.queryOptions({ team }, { initialData: () => initial ?? undefined }));
}

/** A country's name in the reader's language ("Côte d’Ivoire"), or its code where the browser has none. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The Mobile Money payer of a pay form: the remembered number and operator prefilled (once the
 * profile is there), the prefix hint applied as the payer types, and the client's check, whose
 * problems show only after a first attempt to pay.
 */
export function usePayerForm(profile: TBillingProfile | null | undefined) {
  const [draft, setDraft] = useState<TPayerDraft>(() => initialPayerDraft(profile));
  const [isSeeded, setIsSeeded] = useState(!!profile);
  const [isChecked, setIsChecked] = useState(false);
  // The profile may arrive after the form (read in the browser): prefill once it does.
  if (!isSeeded && profile) {
    setIsSeeded(true);
    setDraft(initialPayerDraft(profile));
  }
  const country = profile?.country ?? null;
  const check = checkPayer(draft, country);
  return {
    draft,
    country,
    problems: isChecked && !check.ok ? { phone: check.phone, operator: check.operator } : null,
    setPhone: (phone: string) => setDraft((d) => withPhone(d, phone, country)),
    setOperator: (operator: TPayerDraft["operator"]) => setDraft((d) => withOperator(d, operator)),
    /** The payer to send, or null when the number or operator would be refused (the problems then show). */
    submit: () => {
      setIsChecked(true);
      return check.ok ? check.payer : null;
    },
  };
}
export type TPayerForm = ReturnType<typeof usePayerForm>;

/** The id of the first payer field to fix, to move the focus there. */
export function firstPayerFieldId(idPrefix: string, form: TPayerForm): string {
  const check = checkPayer(form.draft, form.country);
  return !check.ok && check.phone ? `${idPrefix}-phone` : `${idPrefix}-operator`;
}

/** A server refusal that names a payer field, as { field, text }; null for any other error. */
export function payerRefusal(message: string | null): { field: TPayerField; text: string } | null {
  if (!message) return null;
  const refusal = payerFieldOf(message);
  return refusal.field ? { field: refusal.field, text: refusal.text } : null;
}

/**
 * The phone number and the operator (spec 14.2). The operators are those of the team's country, or
 * of the number's country once it reads; the prefix picks one where the plan tells (CI: 07 Orange,
 * 05 MTN, 01 Moov). Each field shows its own problem: the client's check, or the server's refusal
 * naming it (`refusal`). `onEdit` is called on every change (to clear a refusal that no longer holds).
 */
export function PayerFields({
  idPrefix,
  form,
  refusal,
  disabled = false,
  onEdit,
}: {
  idPrefix: string;
  form: TPayerForm;
  refusal?: { field: TPayerField; text: string } | null;
  disabled?: boolean;
  onEdit?: () => void;
}) {
  const t = useTranslations("payer");
  const locale = useLocale();
  const { draft, country, problems } = form;
  const parsed = normalisePhone(draft.phone, country);
  const choices = operatorChoices(country, parsed);
  const phoneId = `${idPrefix}-phone`;
  const operatorId = `${idPrefix}-operator`;

  const phoneError =
    refusal?.field === "payer_phone" ? refusal.text : problems?.phone ? phoneProblemText(t, problems.phone, parsed?.country ?? null, locale) : null;
  const operatorError = refusal?.field === "operator" ? refusal.text : problems?.operator ? operatorProblemText(t, problems.operator) : null;
  const isHinted = !!draft.operator && draft.operator === parsed?.hint;
  const hintCountry = parsed?.country ?? (operatorsOf(country).length > 0 ? country : null);
  const operatorHint =
    parsed && choices.length === 0
      ? t("noOperators", { country: countryName(parsed.country, locale) })
      : isHinted
        ? t("operatorFromPrefix", { operator: OPERATOR_NAMES[draft.operator as TOperator] })
        : hintCountry
          ? t("operatorsOf", { country: countryName(hintCountry, locale) })
          : t("operatorHint");

  return (
    <fieldset className="min-w-0 space-y-3" data-testid="payer-fields">
      <legend className="sr-only">{t("legend")}</legend>
      <div className="space-y-1.5">
        <Label htmlFor={phoneId}>{t("phoneLabel")}</Label>
        <Input
          id={phoneId}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder={examplePhone(country)}
          value={draft.phone}
          disabled={disabled}
          aria-invalid={phoneError ? true : undefined}
          aria-describedby={phoneError ? `${phoneId}-hint ${phoneId}-error` : `${phoneId}-hint`}
          onChange={(event) => {
            form.setPhone(event.target.value);
            onEdit?.();
          }}
        />
        <p id={`${phoneId}-hint`} className="text-xs text-muted-foreground">
          {country ? t("phoneHintCountry", { country: countryName(country, locale) }) : t("phoneHint")}
        </p>
        {phoneError ? <FieldError id={`${phoneId}-error`} text={phoneError} testId="payer-phone-error" /> : null}
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={operatorId}>{t("operatorLabel")}</Label>
        <Select
          id={operatorId}
          value={draft.operator}
          disabled={disabled || choices.length === 0}
          aria-invalid={operatorError ? true : undefined}
          aria-describedby={operatorError ? `${operatorId}-hint ${operatorId}-error` : `${operatorId}-hint`}
          onChange={(event) => {
            const value = event.target.value;
            form.setOperator(isOperator(value) ? value : "");
            onEdit?.();
          }}
        >
          <option value="" disabled>
            {t("operatorPlaceholder")}
          </option>
          {choices.map((operator) => (
            <option key={operator} value={operator}>
              {OPERATOR_NAMES[operator]}
            </option>
          ))}
        </Select>
        <p id={`${operatorId}-hint`} className="text-xs text-muted-foreground" data-testid="payer-operator-hint">
          {operatorHint}
        </p>
        {operatorError ? <FieldError id={`${operatorId}-error`} text={operatorError} testId="payer-operator-error" /> : null}
      </div>
    </fieldset>
  );
}

function FieldError({ id, text, testId }: { id: string; text: string; testId: string }) {
  return (
    <p id={id} className="flex items-start gap-1.5 text-xs font-medium text-critical" data-testid={testId}>
      <AlertCircle aria-hidden className="mt-px size-3.5 shrink-0" />
      {text}
    </p>
  );
}

type TPayerT = ReturnType<typeof useTranslations<"payer">>;

function phoneProblemText(t: TPayerT, problem: TPhoneProblem, numberCountry: string | null, locale: string): string {
  if (problem === "missing") return t("phoneMissing");
  if (problem === "not_offered") return t("phoneNotOffered", { country: numberCountry ? countryName(numberCountry, locale) : "?" });
  return t("phoneInvalid");
}

function operatorProblemText(t: TPayerT, problem: TOperatorProblem): string {
  return problem === "missing" ? t("operatorMissing") : t("operatorNotOffered");
}

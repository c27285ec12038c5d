"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertCircle, FileText, Loader2, Lock } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { toast } from "@/components/toast";
import { DOCUMENT_LANGUAGES, type TDocumentLanguage } from "@/lib/documents";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { useBillingProfile, type TBillingProfile } from "@/components/billing/payer-fields";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import {
  LEGAL_TEXT_FIELDS,
  checkLegalDraft,
  legalChanges,
  legalDraftOf,
  legalRefusals,
  type TLegalDraft,
  type TLegalField,
  type TLegalProblem,
  type TLegalTextField,
} from "./billing-legal-form";

/** Each document language named in itself, as language pickers do. */
const LANGUAGE_NAMES: Record<TDocumentLanguage, string> = { fr: "Français", en: "English" };

/**
 * The buyer on the team's receipts and monthly statements (spec 16): legal name, address, tax id,
 * billing e-mail and the documents' language. Owners and admins edit them (checked with the
 * server's schema before sending, each problem beside its field, the server's refusals too);
 * members read them. A document already issued keeps the details it was issued with.
 */
export function BillingLegalSection({ team, canManage, initialProfile }: { team: string; canManage: boolean; initialProfile: TBillingProfile | null }) {
  const t = useTranslations("billingLegal");
  const tc = useTranslations("common");
  const profile = useBillingProfile(team, initialProfile);

  return (
    <Card aria-labelledby="billing-legal-title" data-testid="billing-legal">
      <CardHeader>
        <CardTitle id="billing-legal-title" className="flex items-center gap-2">
          <FileText aria-hidden className="size-4 text-muted-foreground" />
          {t("title")}
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {profile.isPending ? (
          <ListSkeleton rows={4} />
        ) : profile.isError ? (
          <ListLoadError message={t("loadError")} error={describeError(profile.error, tc("networkError"))} onRetry={() => void profile.refetch()} />
        ) : canManage ? (
          // A profile saved (here or by the country's form, which may change the documents' language) starts the form again.
          <LegalForm key={formKey(profile.data)} team={team} profile={profile.data} />
        ) : (
          <LegalReadOnly profile={profile.data} />
        )}
      </CardContent>
    </Card>
  );
}

function formKey(p: TBillingProfile): string {
  return JSON.stringify([p.legal_name, p.address, p.tax_id, p.billing_email, p.document_language, p.effective_document_language]);
}

function LegalReadOnly({ profile }: { profile: TBillingProfile }) {
  const t = useTranslations("billingLegal");
  const value = (text: string | null, testId: string, className?: string) =>
    text ? (
      <dd className={className ?? "font-medium"} data-testid={testId}>
        {text}
      </dd>
    ) : (
      <dd className="text-muted-foreground" data-testid={testId}>
        {t("notSet")}
      </dd>
    );
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-[auto_1fr]">
        <dt className="text-muted-foreground">{t("legalName")}</dt>
        {value(profile.legal_name, "billing-legal-name")}
        <dt className="text-muted-foreground">{t("address")}</dt>
        {value(profile.address, "billing-legal-address", "whitespace-pre-line font-medium")}
        <dt className="text-muted-foreground">{t("taxId")}</dt>
        {value(profile.tax_id, "billing-legal-tax-id")}
        <dt className="text-muted-foreground">{t("billingEmail")}</dt>
        {value(profile.billing_email, "billing-legal-email", "break-all font-medium")}
        <dt className="text-muted-foreground">{t("documentLanguage")}</dt>
        <dd className="font-medium" data-testid="billing-legal-language" lang={profile.effective_document_language}>
          {LANGUAGE_NAMES[profile.effective_document_language]}
        </dd>
      </dl>
      <p className="flex items-start gap-2 text-muted-foreground" data-testid="billing-legal-members-note">
        <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
        {t("membersNote")}
      </p>
    </div>
  );
}

function LegalForm({ team, profile }: { team: string; profile: TBillingProfile }) {
  const t = useTranslations("billingLegal");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const fieldId = (field: TLegalField) => `${id}-${field}`;
  const [draft, setDraft] = useState<TLegalDraft>(() => legalDraftOf(profile));
  const [isChecked, setIsChecked] = useState(false);
  const changes = legalChanges(draft, profile);
  const isChanged = Object.keys(changes).length > 0;
  const problems = isChecked ? checkLegalDraft(draft) : {};

  const update = useMutation(
    trpc.billing.updateProfile.mutationOptions({
      onSuccess: async (saved) => {
        toast.success(t("saved"));
        queryClient.setQueryData(trpc.billing.profile.queryKey({ team }), saved);
        await refreshQueries(queryClient, trpc.billing.profile.queryFilter({ team }));
      },
    }),
  );
  const refusal = update.isError ? legalRefusals(describeError(update.error, tc("networkError"))) : { fields: {}, other: null };

  function edit(patch: Partial<TLegalDraft>) {
    if (update.isError) update.reset();
    setDraft((d) => ({ ...d, ...patch }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setIsChecked(true);
    const found = checkLegalDraft(draft);
    const first = LEGAL_TEXT_FIELDS.find((f) => found[f]);
    if (first) {
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    update.reset();
    update.mutate({ team, ...changes });
  }

  function problemText(problem: TLegalProblem): string {
    return problem.kind === "too_long" ? t("tooLong", { max: problem.max, length: problem.length }) : t("emailInvalid");
  }
  const errorOf = (field: TLegalField): string | null => {
    const problem = field === "document_language" ? undefined : problems[field];
    return refusal.fields[field] ?? (problem ? problemText(problem) : null);
  };
  /** The ids a field is described by: its hint, then its error. */
  const describedBy = (field: TLegalField, hasHint: boolean) =>
    [hasHint ? `${fieldId(field)}-hint` : null, errorOf(field) ? `${fieldId(field)}-error` : null].filter(Boolean).join(" ") || undefined;

  const textField = (field: TLegalTextField, label: string, control: (props: TFieldProps) => ReactNode, hint?: string) => {
    const error = errorOf(field);
    return (
      <div className="min-w-0 space-y-1.5">
        <Label htmlFor={fieldId(field)}>{label}</Label>
        {control({
          id: fieldId(field),
          value: draft[field],
          disabled: update.isPending,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": describedBy(field, !!hint),
          onChange: (event) => edit({ [field]: event.target.value }),
        })}
        {hint ? (
          <p id={`${fieldId(field)}-hint`} className="text-xs text-muted-foreground">
            {hint}
          </p>
        ) : null}
        {error ? <FieldError id={`${fieldId(field)}-error`} text={error} testId={`billing-legal-${field}-error`} /> : null}
      </div>
    );
  };
  const languageError = errorOf("document_language");

  return (
    <form className="space-y-4" onSubmit={submit} noValidate data-testid="billing-legal-form">
      <div className="grid gap-4 sm:grid-cols-2">
        {textField(
          "legal_name",
          t("legalName"),
          (props) => (
            <Input {...props} autoComplete="organization" />
          ),
          t("legalNameHint"),
        )}
        {textField(
          "tax_id",
          t("taxId"),
          (props) => (
            <Input {...props} autoComplete="off" spellCheck={false} />
          ),
          t("taxIdHint"),
        )}
        <div className="sm:col-span-2">
          {textField("address", t("address"), (props) => (
            <Textarea {...props} rows={3} autoComplete="street-address" className="min-h-20" />
          ))}
        </div>
        {textField(
          "billing_email",
          t("billingEmail"),
          (props) => (
            <Input {...props} type="email" inputMode="email" autoComplete="email" spellCheck={false} />
          ),
          t("billingEmailHint"),
        )}
        <div className="min-w-0 space-y-1.5">
          <Label htmlFor={fieldId("document_language")}>{t("documentLanguage")}</Label>
          <Select
            id={fieldId("document_language")}
            value={draft.document_language}
            disabled={update.isPending}
            aria-invalid={languageError ? true : undefined}
            aria-describedby={describedBy("document_language", true)}
            onChange={(event) => {
              const next = DOCUMENT_LANGUAGES.find((l) => l === event.target.value);
              if (next) edit({ document_language: next });
            }}
          >
            {DOCUMENT_LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </Select>
          <p id={`${fieldId("document_language")}-hint`} className="text-xs text-muted-foreground" data-testid="billing-legal-language-hint">
            {profile.document_language ? t("documentLanguageHint") : t("documentLanguageFromCountry")}
          </p>
          {languageError ? <FieldError id={`${fieldId("document_language")}-error`} text={languageError} testId="billing-legal-language-error" /> : null}
        </div>
      </div>
      <p className="text-xs text-muted-foreground">{t("issuedKeep")}</p>
      {refusal.other ? (
        <Alert variant="error" data-testid="billing-legal-error">
          {refusal.other}
        </Alert>
      ) : null}
      <Button type="submit" disabled={!isChanged || update.isPending} aria-busy={update.isPending || undefined} className="w-full sm:w-auto">
        {update.isPending ? <Loader2 aria-hidden className="animate-spin" /> : null}
        {update.isPending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}

type TFieldProps = {
  id: string;
  value: string;
  disabled: boolean;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  onChange: (event: { target: { value: string } }) => void;
};

function FieldError({ id, text, testId }: { id: string; text: string; testId: string }) {
  return (
    <p id={id} className="flex items-start gap-1.5 text-xs font-medium text-critical" data-testid={testId}>
      <AlertCircle aria-hidden className="mt-px size-3.5 shrink-0" />
      {text}
    </p>
  );
}

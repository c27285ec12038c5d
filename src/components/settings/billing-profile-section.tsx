"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Globe2, Loader2, Lock } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { toast } from "@/components/toast";
import { isCurrency, type TCurrency } from "@/lib/money";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { countryName, useBillingProfile, type TBillingProfile } from "@/components/billing/payer-fields";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { COUNTRY_GROUPS, currenciesFor, currencyAfterCountry, sortedCountries } from "./billing-profile-options";

/** A currency as "XOF · franc CFA (BCEAO)", in the reader's language. */
function currencyName(code: TCurrency, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: "currency" }).of(code);
    return name && name !== code ? `${code} · ${name}` : code;
  } catch {
    return code;
  }
}

/**
 * The team's billing profile (spec 14.1): its country and the currency of every price, payment and
 * document. Owners and admins choose the country (names in the reader's language) and one of the
 * currencies it allows (EUR always, XOF in UEMOA, XAF in CEMAC); members read it. The server's
 * refusals (a payment pending, a card renewal running, a mismatch) are shown as it words them.
 */
export function BillingProfileSection({ team, canManage, initialProfile }: { team: string; canManage: boolean; initialProfile: TBillingProfile | null }) {
  const t = useTranslations("billingProfile");
  const tc = useTranslations("common");
  const profile = useBillingProfile(team, initialProfile);

  return (
    <Card aria-labelledby="billing-profile-title" data-testid="billing-profile">
      <CardHeader>
        <CardTitle id="billing-profile-title" className="flex items-center gap-2">
          <Globe2 aria-hidden className="size-4 text-muted-foreground" />
          {t("title")}
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {profile.isPending ? (
          <ListSkeleton rows={2} />
        ) : profile.isError ? (
          <ListLoadError message={t("loadError")} error={describeError(profile.error, tc("networkError"))} onRetry={() => void profile.refetch()} />
        ) : canManage ? (
          <ProfileForm key={`${profile.data.country ?? ""}-${profile.data.currency}`} team={team} profile={profile.data} />
        ) : (
          <ProfileReadOnly profile={profile.data} />
        )}
      </CardContent>
    </Card>
  );
}

function ProfileReadOnly({ profile }: { profile: TBillingProfile }) {
  const t = useTranslations("billingProfile");
  const locale = useLocale();
  return (
    <div className="space-y-3 text-sm">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
        <dt className="text-muted-foreground">{t("country")}</dt>
        <dd className="font-medium" data-testid="billing-profile-country">
          {profile.country ? countryName(profile.country, locale) : t("noCountry")}
        </dd>
        <dt className="text-muted-foreground">{t("currency")}</dt>
        <dd className="font-medium" data-testid="billing-profile-currency">
          {currencyName(profile.currency, locale)}
        </dd>
      </dl>
      <p className="flex items-start gap-2 text-muted-foreground" data-testid="billing-profile-members-note">
        <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
        {t("membersNote")}
      </p>
    </div>
  );
}

function ProfileForm({ team, profile }: { team: string; profile: TBillingProfile }) {
  const t = useTranslations("billingProfile");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [country, setCountry] = useState<string | null>(profile.country);
  const [currency, setCurrency] = useState<TCurrency>(profile.currency);
  const nameOf = (code: string) => countryName(code, locale);
  const currencies = currenciesFor(country);
  const isChanged = country !== profile.country || currency !== profile.currency;

  const update = useMutation(
    trpc.billing.updateProfile.mutationOptions({
      onSuccess: async (saved) => {
        toast.success(t("saved", { country: saved.country ? nameOf(saved.country) : t("noCountry"), currency: saved.currency }));
        await refreshQueries(queryClient, trpc.billing.profile.queryFilter({ team }), trpc.addons.catalogue.queryFilter({ team }));
        router.refresh();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    update.reset();
    update.mutate({ team, country, currency });
  }

  return (
    <form className="space-y-4" onSubmit={submit} data-testid="billing-profile-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-country`}>{t("country")}</Label>
          <Select
            id={`${id}-country`}
            value={country ?? ""}
            disabled={update.isPending}
            onChange={(event) => {
              const next = event.target.value || null;
              update.reset();
              setCountry(next);
              setCurrency(currencyAfterCountry(next));
            }}
          >
            <option value="">{t("noCountry")}</option>
            {COUNTRY_GROUPS.map((group) => (
              <optgroup key={group.id} label={t(`groups.${group.id}`)}>
                {sortedCountries(group.countries, nameOf, locale).map((code) => (
                  <option key={code} value={code}>
                    {nameOf(code)}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-currency`}>{t("currency")}</Label>
          <Select
            id={`${id}-currency`}
            value={currency}
            disabled={update.isPending}
            aria-describedby={`${id}-currency-hint`}
            onChange={(event) => {
              update.reset();
              if (isCurrency(event.target.value)) setCurrency(event.target.value);
            }}
          >
            {currencies.map((code) => (
              <option key={code} value={code}>
                {currencyName(code, locale)}
              </option>
            ))}
          </Select>
          <p id={`${id}-currency-hint`} className="text-xs text-muted-foreground">
            {currencies.length > 1 ? t("currencyHintFranc") : country ? t("currencyHintEuro") : t("currencyHintNoCountry")}
          </p>
        </div>
      </div>
      <p className="text-xs text-muted-foreground">{t("changeRule")}</p>
      {update.isError ? (
        <Alert variant="error" data-testid="billing-profile-error">
          {describeError(update.error, tc("networkError"))}
        </Alert>
      ) : null}
      <Button type="submit" disabled={!isChanged || update.isPending} aria-busy={update.isPending || undefined} className="w-full sm:w-auto">
        {update.isPending ? <Loader2 aria-hidden className="animate-spin" /> : null}
        {update.isPending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}

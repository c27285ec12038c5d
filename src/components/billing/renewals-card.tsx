"use client";

import { useMutation, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { AlertTriangle, CalendarClock, CheckCircle2, CircleSlash, CreditCard, Loader2, Repeat } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { RENEWAL_GRACE_DAYS } from "@/lib/balance";
import { formatDate, formatMoney } from "@/lib/format";
import { priceOf, type TCurrency } from "@/lib/money";
import type { TPlanId } from "@/lib/plans";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { EmptyState } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import type { TBalanceView, TRenewalView } from "./balance-query";
import { graceEndOf, renewalName } from "./renewal-label";

/** Pro as a row when a Stripe subscription renews it: `balance.get` leaves it out of its renewals, its switch here stays off. */
interface TCardRenewedPro {
  item: "pro";
  byCard: true;
  due_at: Date | null;
  price_minor: number;
}

/**
 * The next renewals (spec 15), in date order: Pro and each add-on with its date, its price, and
 * whether the balance covers it (each after the ones due before it), or that it is past due; and
 * the switch that sets it to renew from the balance, for owners and admins (members read the
 * state). Pro's switch is off and disabled, with why, while a Stripe subscription renews it.
 */
export function RenewalsCard({
  team,
  balance,
  canManage,
  plan,
  currentPeriodEnd,
}: {
  team: string;
  balance: UseQueryResult<TBalanceView, unknown>;
  canManage: boolean;
  plan: TPlanId;
  currentPeriodEnd: Date | null;
}) {
  const t = useTranslations("balance");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [failed, setFailed] = useState<{ item: string; message: string } | null>(null);
  const view = balance.data;

  const setAutoRenew = useMutation(
    trpc.balance.setAutoRenew.mutationOptions({
      onMutate: () => setFailed(null),
      onSuccess: async (next) => {
        queryClient.setQueryData(trpc.balance.get.queryKey({ team }), next);
        // The add-ons list says which add-ons renew; the ledger is unchanged.
        await refreshQueries(queryClient, trpc.addons.list.queryFilter({ team }));
      },
      onError: (error, input) => setFailed({ item: input.item, message: describeError(error, tc("networkError")) }),
    }),
  );

  const cardPro: TCardRenewedPro | null =
    view?.pro_renews_by_card && plan === "pay_as_you_go"
      ? { item: "pro", byCard: true, due_at: currentPeriodEnd, price_minor: priceOf("pro", view.currency as TCurrency) }
      : null;
  const rows = view ? view.renewals : [];

  return (
    <Card aria-labelledby="renewals-title" data-testid="renewals-card" className="flex flex-col">
      <CardHeader>
        <CardTitle id="renewals-title" className="flex items-center gap-2">
          <Repeat aria-hidden className="size-4 text-muted-foreground" />
          {t("renewalsTitle")}
        </CardTitle>
        <CardDescription>{t("renewalsDescription", { days: RENEWAL_GRACE_DAYS })}</CardDescription>
      </CardHeader>
      <CardContent className="flex-1">
        {!view ? (
          balance.isError ? (
            <ListLoadError message={t("loadError")} error={describeError(balance.error, tc("networkError"))} onRetry={() => void balance.refetch()} />
          ) : (
            <ListSkeleton rows={2} />
          )
        ) : rows.length === 0 && !cardPro ? (
          <EmptyState icon={<CalendarClock />} title={t("renewalsEmpty")} className="py-6">
            {plan === "free" ? t("renewalsEmptyFree") : t("renewalsEmptyPro")}
          </EmptyState>
        ) : (
          <ul className="divide-y" data-testid="renewals">
            {cardPro ? <CardProRow row={cardPro} currency={view.currency} /> : null}
            {rows.map((r) => (
              <RenewalRow
                key={r.item}
                row={r}
                currency={view.currency}
                canManage={canManage}
                isSaving={setAutoRenew.isPending && setAutoRenew.variables?.item === r.item}
                isBusy={setAutoRenew.isPending}
                error={failed?.item === r.item ? failed.message : null}
                onChange={(enabled) => setAutoRenew.mutate({ team, item: r.item, enabled })}
              />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/** One renewal: what, when, how much, covered or not, and its switch. */
function RenewalRow({
  row,
  currency,
  canManage,
  isSaving,
  isBusy,
  error,
  onChange,
}: {
  row: TRenewalView;
  currency: string;
  canManage: boolean;
  isSaving: boolean;
  isBusy: boolean;
  error: string | null;
  onChange: (enabled: boolean) => void;
}) {
  const t = useTranslations("balance");
  const ta = useTranslations("addons");
  const locale = useLocale();
  const id = useId();
  const name = renewalName(row, ta);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  // An add-on bought in another currency has no price in this balance: it cannot renew from it.
  const isUnpriced = row.price_minor === null;

  return (
    <li
      className="flex flex-col gap-3 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:justify-between"
      data-item={row.item}
      data-auto-renew={row.auto_renew}
      data-covered={row.covered === null ? undefined : row.covered}
      data-status={row.status}
    >
      <div className="min-w-0 space-y-1">
        <p className="font-medium" id={`${id}-name`}>
          {name}
        </p>
        <p className="text-sm text-muted-foreground">
          {row.past_due
            ? t("wasDue", { date: formatDate(row.due_at, locale), graceEnd: formatDate(graceEndOf(row), locale) })
            : t(row.auto_renew ? "renewsOn" : "endsOn", { date: formatDate(row.due_at, locale) })}{" "}
          (<RelativeTime date={row.due_at} locale={locale} />){" · "}
          <span className="tabular-nums" data-testid="renewal-price">
            {isUnpriced ? t("unpriced") : money(row.price_minor!)}
          </span>
        </p>
        <CoverageBadge row={row} money={money} />
      </div>
      <div className="flex shrink-0 flex-col gap-1 sm:items-end">
        {canManage ? (
          <div className="flex items-center gap-2">
            {isSaving ? <Loader2 aria-hidden className="size-4 animate-spin text-muted-foreground" /> : null}
            <label htmlFor={`${id}-switch`} id={`${id}-label`} className="text-sm">
              {t("autoRenewSwitch")}
            </label>
            <Switch
              id={`${id}-switch`}
              checked={row.auto_renew}
              disabled={isBusy || (isUnpriced && !row.auto_renew)}
              aria-labelledby={`${id}-label ${id}-name`}
              aria-busy={isSaving || undefined}
              onCheckedChange={onChange}
              data-testid="auto-renew-switch"
            />
            <span className="w-7 text-xs text-muted-foreground" aria-hidden>
              {row.auto_renew ? t("on") : t("off")}
            </span>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground" data-testid="auto-renew-state">
            {row.auto_renew ? t("autoRenewOn") : t("autoRenewOff")}
          </p>
        )}
        {error ? (
          <Alert variant="error" className="max-w-sm py-2" data-testid="auto-renew-error">
            {error}
          </Alert>
        ) : null}
      </div>
    </li>
  );
}

/**
 * Covered (green), not covered with the shortfall (amber), past due (red), or renewed only when
 * paid (neutral): always a word and an icon with the colour.
 */
function CoverageBadge({ row, money }: { row: TRenewalView; money: (minor: number) => string }) {
  const t = useTranslations("balance");
  if (row.past_due) {
    return (
      <Badge variant="critical" data-testid="renewal-coverage" data-coverage="past_due">
        <AlertTriangle aria-hidden />
        {row.shortfall_minor ? t("pastDueShort", { shortfall: money(row.shortfall_minor) }) : t("pastDue")}
      </Badge>
    );
  }
  if (!row.auto_renew) {
    return (
      <Badge variant="neutral" data-testid="renewal-coverage" data-coverage="manual">
        <CircleSlash aria-hidden />
        {t("manual")}
      </Badge>
    );
  }
  if (row.covered) {
    return (
      <Badge variant="ok" data-testid="renewal-coverage" data-coverage="covered">
        <CheckCircle2 aria-hidden />
        {t("covered")}
      </Badge>
    );
  }
  return (
    <Badge variant="warning" data-testid="renewal-coverage" data-coverage="short">
      <AlertTriangle aria-hidden />
      {t("notCovered", { shortfall: money(row.shortfall_minor ?? 0) })}
    </Badge>
  );
}

/** Pro renewed by a Stripe card subscription: its date and price, and why its switch here is off. */
function CardProRow({ row, currency }: { row: TCardRenewedPro; currency: string }) {
  const t = useTranslations("balance");
  const locale = useLocale();
  const id = useId();
  return (
    <li className="flex flex-col gap-3 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:justify-between" data-item="pro" data-by-card="true">
      <div className="min-w-0 space-y-1">
        <p className="font-medium" id={`${id}-name`}>
          Pro
        </p>
        <p className="text-sm text-muted-foreground">
          {row.due_at ? (
            <>
              {t("renewsOn", { date: formatDate(row.due_at, locale) })} (<RelativeTime date={row.due_at} locale={locale} />){" · "}
            </>
          ) : null}
          <span className="tabular-nums">{formatMoney(row.price_minor, currency, locale)}</span>
        </p>
        <Badge variant="neutral">
          <CreditCard aria-hidden />
          {t("byCard")}
        </Badge>
      </div>
      <div className="flex max-w-xs shrink-0 flex-col gap-1 sm:items-end">
        <div className="flex items-center gap-2">
          <label htmlFor={`${id}-switch`} id={`${id}-label`} className="text-sm">
            {t("autoRenewSwitch")}
          </label>
          <Switch
            id={`${id}-switch`}
            checked={false}
            disabled
            aria-labelledby={`${id}-label ${id}-name`}
            aria-describedby={`${id}-why`}
            onCheckedChange={() => {}}
            data-testid="auto-renew-switch"
          />
        </div>
        <p id={`${id}-why`} className="text-xs text-muted-foreground sm:text-right" data-testid="pro-by-card-note">
          {t("proByCardNote")}
        </p>
      </div>
    </li>
  );
}

"use client";

import { useMutation, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Loader2, PackageOpen, RefreshCw, Repeat } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "@/components/toast";
import { ADDONS } from "@/lib/addons";
import { formatDate, formatMoney } from "@/lib/format";
import { isCurrency, priceOf, toMinor, type TCurrency } from "@/lib/money";
import type { AppRouter } from "@/trpc/types";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { balanceOptionFor, useBalance, usePayErrorText } from "@/components/billing/balance-query";
import { PayerFields, firstPayerFieldId, payerRefusal, usePayerForm, type TBillingProfile } from "@/components/billing/payer-fields";
import { goToPaymentPage } from "@/components/billing/payment-flow";
import { PaymentMethodPicker, type TPaymentMethod } from "@/components/billing/payment-method-picker";
import { ConfirmDialogContent } from "@/components/confirm-dialog";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { EmptyState } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { ADDON_ICONS, AddonStatusBadge } from "./addon-look";

type TAddonList = inferRouterOutputs<AppRouter>["addons"]["list"];
type TResource = TAddonList["resources"][number];

/**
 * The team's add-ons, newest first: what, how many, the price of 30 days (in the currency it was
 * bought in), status, expiry (and whether it renews from the prepaid balance); owners and admins
 * renew (another 30 days at today's price in the team's currency) and cancel (at once, no refund).
 * A past-due add-on (due, and not covered by the balance) may be renewed or cancelled as an active one.
 */
export function AddonList({
  team,
  list,
  canManage,
  isPro,
  profile,
}: {
  team: string;
  list: UseQueryResult<TAddonList, unknown>;
  canManage: boolean;
  isPro: boolean;
  profile: TBillingProfile | null;
}) {
  const t = useTranslations("addons");
  const ta = useTranslations("paying");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [renewing, setRenewing] = useState<TResource | null>(null);
  const [cancelling, setCancelling] = useState<TResource | null>(null);
  const nameOf = (r: TResource) => t(`types.${r.resource_type}.name`);

  const cancel = useMutation(
    trpc.addons.cancel.mutationOptions({
      onSuccess: async (resource) => {
        toast.success(t("cancelled", { name: t(`types.${resource.resource_type}.name`) }));
        setCancelling(null);
        await refreshQueries(queryClient, trpc.addons.pathFilter());
        router.refresh();
      },
    }),
  );

  return (
    <Card aria-labelledby="addon-list-title">
      <CardHeader>
        <CardTitle id="addon-list-title">{t("listTitle")}</CardTitle>
        <CardDescription>{t("listDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        {list.isPending ? (
          <ListSkeleton rows={2} />
        ) : list.isError ? (
          <ListLoadError message={t("listError")} error={describeError(list.error, tc("networkError"))} onRetry={() => void list.refetch()} />
        ) : list.data.resources.length === 0 ? (
          <EmptyState icon={<PackageOpen />} title={t("listEmpty")} className="py-8">
            {isPro ? t("listEmptyPro") : t("listEmptyFree")}
          </EmptyState>
        ) : (
          <Table stackOnMobile data-testid="addon-list">
            <caption className="sr-only">{t("listTitle")}</caption>
            <TableColumns
              columns={[
                t("colAddon"),
                t("colQuantity"),
                { label: ta("colPrice"), className: "text-right" },
                t("colStatus"),
                t("colExpires"),
                canManage && { label: t("colActions"), srOnly: true },
              ]}
            />
            <TableBody>
              {list.data.resources.map((r) => {
                const Icon = ADDON_ICONS[r.resource_type];
                const name = nameOf(r);
                const mayRenew = canManage && isPro && (r.status === "active" || r.status === "past_due" || r.status === "expired");
                const mayCancel = canManage && (r.status === "active" || r.status === "past_due");
                const waitingPayment = r.status === "pending" ? r.payment_id : null;
                const hasActions = mayRenew || mayCancel || !!waitingPayment;
                return (
                  <TableRow key={r.id} data-resource={r.id} data-status={r.status} data-addon={r.resource_type}>
                    <TableCell>
                      <div className="flex items-center gap-2 font-medium">
                        <Icon aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                        {name}
                      </div>
                    </TableCell>
                    <TableCell data-label={t("colQuantity")} className="whitespace-nowrap tabular-nums">
                      {t("quantityTimesUnit", { quantity: r.quantity, unit: ADDONS[r.resource_type].unit })}
                    </TableCell>
                    <TableCell data-label={ta("colPrice")} className="whitespace-nowrap text-right tabular-nums" data-testid="addon-row-price">
                      {formatMoney(toMinor(r.total_price, r.currency), r.currency, locale)}
                    </TableCell>
                    <TableCell data-label={t("colStatus")}>
                      <AddonStatusBadge status={r.status} />
                    </TableCell>
                    <TableCell data-label={t("colExpires")} className="text-sm">
                      <Expiry resource={r} locale={locale} />
                    </TableCell>
                    {canManage ? (
                      <TableCell className="max-sm:justify-end!">
                        {hasActions ? (
                          <div className="flex flex-wrap justify-end gap-2">
                            {waitingPayment ? (
                              <Link
                                href={`/teams/${team}/addons?payment=${encodeURIComponent(waitingPayment)}`}
                                className={buttonVariants({ variant: "ghost", size: "sm" })}
                              >
                                {t("seePayment")}
                              </Link>
                            ) : null}
                            {mayRenew ? (
                              <Button variant="outline" size="sm" aria-label={t("renewNamed", { name })} onClick={() => setRenewing(r)}>
                                <RefreshCw aria-hidden />
                                {t("renew")}
                              </Button>
                            ) : null}
                            {mayCancel ? (
                              <Button
                                variant="outline"
                                size="sm"
                                aria-label={t("cancelNamed", { name })}
                                onClick={() => {
                                  cancel.reset();
                                  setCancelling(r);
                                }}
                              >
                                {t("cancel")}
                              </Button>
                            ) : null}
                          </div>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>

      <Dialog open={cancelling !== null} onOpenChange={(open) => (open ? null : setCancelling(null))}>
        {cancelling ? (
          <ConfirmDialogContent
            data-testid="addon-cancel-dialog"
            title={t("cancelTitle")}
            description={
              <>
                {t("cancelDescription")}{" "}
                <span className="font-medium text-foreground">
                  {nameOf(cancelling)}, {t("quantityTimesUnit", { quantity: cancelling.quantity, unit: ADDONS[cancelling.resource_type].unit })}
                </span>
              </>
            }
            error={cancel.isError ? describeError(cancel.error, tc("unknownError")) : null}
            cancelLabel={t("keep")}
            confirmLabel={t("cancelConfirm")}
            pendingLabel={t("cancellingAddon")}
            isPending={cancel.isPending}
            spinner
            onConfirm={() => cancel.mutate({ team, resourceId: cancelling.id })}
          />
        ) : null}
      </Dialog>

      <Dialog open={renewing !== null} onOpenChange={(open) => (open ? null : setRenewing(null))}>
        {renewing ? <RenewDialog key={renewing.id} team={team} resource={renewing} profile={profile} /> : null}
      </Dialog>
    </Card>
  );
}

/** "Expires Dec 4, 2026 (in 30 days)", "Expired …", or what a pending or cancelled add-on waits for. */
function Expiry({ resource, locale }: { resource: TResource; locale: string }) {
  const t = useTranslations("addons");
  if (resource.status === "pending") return <span className="text-muted-foreground">{t("startsWhenPaid")}</span>;
  if (resource.status === "cancelled" || !resource.expires_at) return <span className="text-muted-foreground">–</span>;
  const renews = resource.auto_renew && (resource.status === "active" || resource.status === "past_due");
  return (
    <span className="flex flex-col gap-0.5 max-sm:items-end">
      <span className="whitespace-nowrap">
        {t(resource.status === "expired" ? "expired" : renews ? "renewsOn" : "expires", { date: formatDate(resource.expires_at, locale) })}{" "}
        <span className="text-muted-foreground">
          (<RelativeTime date={resource.expires_at} locale={locale} />)
        </span>
      </span>
      {renews ? (
        <span className="flex items-center gap-1 text-xs text-muted-foreground" data-testid="addon-auto-renew">
          <Repeat aria-hidden className="size-3 shrink-0" />
          {t("renewsFromBalance")}
        </span>
      ) : null}
    </span>
  );
}

/**
 * Another 30 days for the same units at today's price in the team's currency: choose the method
 * (with Mobile Money, the number and operator), then pay. An add-on bought in another currency
 * than the team's now cannot be renewed (it is bought anew): the dialog says so.
 */
function RenewDialog({ team, resource, profile }: { team: string; resource: TResource; profile: TBillingProfile | null }) {
  const t = useTranslations("addons");
  const tb = useTranslations("billing");
  const tbal = useTranslations("balance");
  const ta = useTranslations("paying");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const [chosen, setMethod] = useState<TPaymentMethod>("mobile_money");
  const [isRedirecting, setIsRedirecting] = useState(false);
  const payer = usePayerForm(profile);
  // With Stripe on, the card hint names Stripe's Checkout page, as on Billing.
  const cardBilling = useQuery(trpc.payments.cardBilling.queryOptions({ team }));
  const addon = ADDONS[resource.resource_type];
  const currency: TCurrency = profile?.currency ?? (isCurrency(resource.currency) ? resource.currency : "EUR");
  const priceMinor = priceOf(resource.resource_type, currency) * resource.quantity;
  const price = formatMoney(priceMinor, currency, locale);
  const isOtherCurrency = currency !== resource.currency;
  const balanceOption = balanceOptionFor(useBalance(team).data, priceMinor, currency);
  const method: TPaymentMethod = chosen === "balance" && !(balanceOption && balanceOption.balanceMinor >= priceMinor) ? "mobile_money" : chosen;
  const payErrorText = usePayErrorText();
  const renew = useMutation(
    trpc.addons.renew.mutationOptions({
      onSuccess: (result) => {
        setIsRedirecting(true);
        goToPaymentPage(result.payment_url, result.payment_id, method);
      },
    }),
  );
  const isBusy = renew.isPending || isRedirecting;
  const renewError = renew.isError ? payErrorText(renew.error) : null;
  const refusal = method === "mobile_money" ? payerRefusal(renewError) : null;

  function pay() {
    renew.reset();
    if (method === "credit_card" || method === "balance") {
      renew.mutate({ team, resourceId: resource.id, payment_method: method });
      return;
    }
    const fields = payer.submit();
    if (!fields) {
      document.getElementById(firstPayerFieldId(id, payer))?.focus();
      return;
    }
    renew.mutate({ team, resourceId: resource.id, payment_method: method, ...fields });
  }

  return (
    <DialogContent closeLabel={tc("close")} data-testid="addon-renew-dialog" className="max-h-[90dvh] overflow-y-auto">
      <DialogHeader>
        <DialogTitle>{t("renewTitle", { name: t(`types.${resource.resource_type}.name`) })}</DialogTitle>
        <DialogDescription>{t("renewDescription", { quantity: resource.quantity, unit: addon.unit, price })}</DialogDescription>
      </DialogHeader>
      {isOtherCurrency ? (
        <Alert variant="warning" data-testid="addon-renew-currency">
          {ta("renewOtherCurrency", { bought: resource.currency, current: currency })}
        </Alert>
      ) : (
        <>
          <PaymentMethodPicker
            value={method}
            onChange={(next) => {
              renew.reset();
              setMethod(next);
            }}
            disabled={isBusy}
            cardViaStripe={cardBilling.data?.enabled === true}
            balance={balanceOption}
          />
          {method === "mobile_money" ? <PayerFields idPrefix={id} form={payer} refusal={refusal} disabled={isBusy} onEdit={() => renew.reset()} /> : null}
        </>
      )}
      {renewError && !refusal ? <Alert variant="error">{renewError}</Alert> : null}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">{tc("cancel")}</Button>
        </DialogClose>
        {isOtherCurrency ? null : (
          <Button disabled={isBusy} aria-busy={isBusy || undefined} onClick={pay}>
            {isBusy ? <Loader2 aria-hidden className="animate-spin" /> : null}
            {isRedirecting
              ? tb("redirecting")
              : renew.isPending
                ? tb("starting")
                : method === "balance"
                  ? tbal("payFromBalanceButton", { price })
                  : tb("pay", { price })}
          </Button>
        )}
      </DialogFooter>
    </DialogContent>
  );
}

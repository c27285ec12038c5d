"use client";

import { FINAL_PAYMENT_STATUSES, type TPaymentStatus } from "@/lib/payments";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { ArrowRight, ExternalLink, Loader2, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatDate, formatMoney } from "@/lib/format";
import type { AppRouter } from "@/trpc/types";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { ConfirmDialogContent } from "@/components/confirm-dialog";
import { describeError } from "@/components/error-message";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogTrigger } from "@/components/ui/dialog";

type TOutputs = inferRouterOutputs<AppRouter>;
export type TPaymentStatusView = TOutputs["payments"]["status"];
export type TPaymentView = TOutputs["payments"]["history"][number];

/** How often a pending payment is checked. */
const POLL_MS = 2000;

export function isFinalPayment(status: TPaymentStatus): boolean {
  return (FINAL_PAYMENT_STATUSES as readonly string[]).includes(status);
}

/** Sends the browser to the payment page (or, without one, back here to follow the payment). */
export function goToPaymentPage(paymentUrl: string | null, paymentId: string) {
  if (paymentUrl) window.location.assign(paymentUrl);
  else window.location.assign(`${window.location.pathname}?payment=${encodeURIComponent(paymentId)}`);
}

/**
 * Which payment a page follows: the one in `?payment=` (the payer came back from the payment page),
 * otherwise the newest one still open. It stays followed once final, so its result shows, until
 * the user dismisses it; dismissing also drops `?payment=` from the address.
 */
export function useTrackedPayment(urlPaymentId: string | null, openPaymentId: string | null) {
  const pathname = usePathname();
  const [tracked, setTracked] = useState<string | null>(urlPaymentId ?? openPaymentId);
  const [lastUrlId, setLastUrlId] = useState(urlPaymentId);
  // A new `?payment=` (a link on this page) takes over; a payment that opens later is picked up.
  if (urlPaymentId !== lastUrlId) {
    setLastUrlId(urlPaymentId);
    if (urlPaymentId) setTracked(urlPaymentId);
  } else if (!tracked && openPaymentId) {
    setTracked(openPaymentId);
  }
  const [dismissed, setDismissed] = useState<string | null>(null);
  const shown = tracked && tracked !== dismissed ? tracked : null;
  return {
    paymentId: shown,
    dismiss: () => {
      setDismissed(tracked);
      setTracked(null);
      if (window.location.search.includes("payment=")) window.history.replaceState(null, "", pathname);
    },
  };
}

/**
 * A payment being followed: while it is open, "Payment in progress" with a spinner, the QR code,
 * the way back to the payment page and (owners and admins) a cancel; the status is asked every 2 s
 * and the polling stops once it is final. Then the result: completed, failed (with the reason) or
 * cancelled. When it turns final here, the team's plan, payments (with their stats and card
 * billing) and add-ons are read again.
 * Give it `key={paymentId}`.
 */
export function PaymentPanel({
  team,
  paymentId,
  canManage,
  initial,
  onDismiss,
  showAddonsLink = true,
}: {
  team: string;
  paymentId: string;
  canManage: boolean;
  /** What the server (or the history) already knows of it, so the page arrives drawn. */
  initial?: TPaymentStatusView | null;
  onDismiss: () => void;
  /** After an add-on payment, a link to the Add-ons page (not on that page itself). */
  showAddonsLink?: boolean;
}) {
  const t = useTranslations("payments");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();

  const statusOptions = trpc.payments.status.queryOptions(
    { paymentId },
    {
      initialData: () => initial ?? undefined,
      // Until it is final; a payment that cannot be read at all (not found) is not asked again by itself.
      refetchInterval: (query) => {
        const data = query.state.data;
        if (data) return isFinalPayment(data.status) ? false : POLL_MS;
        return query.state.status === "error" ? false : POLL_MS;
      },
    },
  );
  const status = useQuery(statusOptions);
  const payment = status.data;
  const isFinal = payment ? isFinalPayment(payment.status) : false;

  // Refresh what the payment changed, once, when it turns final while this page looks at it
  // (a page drawn after the end already shows the new state).
  const sawOpen = useRef(!initial || !isFinalPayment(initial.status));
  const [isRefreshing, setIsRefreshing] = useState(false);
  useEffect(() => {
    if (!isFinal || !sawOpen.current) return;
    sawOpen.current = false;
    setIsRefreshing(true);
    void refreshQueries(
      queryClient,
      trpc.teams.get.queryFilter({ team }),
      trpc.payments.history.queryFilter({ team }),
      trpc.payments.stats.queryFilter({ team }),
      trpc.payments.cardBilling.queryFilter({ team }),
      trpc.addons.pathFilter(),
    ).finally(() => setIsRefreshing(false));
    router.refresh();
  }, [isFinal, queryClient, router, team, trpc]);

  const needsTeam = payment?.status === "completed" && payment.purpose === "plan_upgrade";
  const teamQuery = useQuery(trpc.teams.get.queryOptions({ team }, { enabled: needsTeam }));

  const [confirmOpen, setConfirmOpen] = useState(false);
  const cancel = useMutation(
    trpc.payments.cancel.mutationOptions({
      onSuccess: (view) => {
        queryClient.setQueryData(statusOptions.queryKey, { ...view, backend_error: null });
        setConfirmOpen(false);
      },
    }),
  );

  if (!payment) {
    if (status.isError) {
      return (
        <Alert variant="error" data-testid="payment-status-error">
          <p>{t("statusError", { message: describeError(status.error, tc("networkError")) })}</p>
          <div className="flex flex-wrap gap-2 pt-1">
            <Button variant="outline" size="sm" onClick={() => void status.refetch()}>
              {tc("retry")}
            </Button>
            <Button variant="ghost" size="sm" onClick={onDismiss}>
              {t("dismiss")}
            </Button>
          </div>
        </Alert>
      );
    }
    return (
      <div className="flex items-center gap-2 rounded-lg border bg-card px-4 py-3 text-sm text-muted-foreground" role="status">
        <Loader2 aria-hidden className="size-4 animate-spin" />
        {t("checking")}
      </div>
    );
  }

  const amount = formatMoney(payment.amount_minor, payment.currency, locale);
  const method = t(`methods.${payment.payment_method}`);
  const what = t(`purpose.${payment.purpose}`);

  if (isFinal) {
    const isAddon = payment.purpose !== "plan_upgrade";
    const periodEnd = !isRefreshing && teamQuery.data?.currentPeriodEnd ? teamQuery.data.currentPeriodEnd : null;
    const dismiss = (
      <Button variant="outline" size="sm" onClick={onDismiss}>
        <X aria-hidden />
        {t("dismiss")}
      </Button>
    );
    if (payment.status === "completed") {
      return (
        <Alert variant="ok" data-testid="payment-result" data-status="completed" data-payment={payment.id}>
          <p className="font-medium">
            {payment.purpose === "plan_upgrade"
              ? periodEnd
                ? t("completedPlan", { date: formatDate(periodEnd, locale) })
                : t("completedPlanNoDate")
              : payment.purpose === "addon_renewal"
                ? t("completedRenewal")
                : t("completedAddon")}
          </p>
          <p className="text-muted-foreground">{t("resultSummary", { amount, method, what })}</p>
          <div className="flex flex-wrap items-center gap-2 pt-1">
            {isAddon && showAddonsLink ? (
              <Link href={`/teams/${team}/addons`} className={buttonVariants({ variant: "outline", size: "sm" })}>
                {t("seeAddons")}
                <ArrowRight aria-hidden />
              </Link>
            ) : null}
            {dismiss}
          </div>
        </Alert>
      );
    }
    const failed = payment.status === "failed";
    return (
      <Alert variant={failed ? "error" : "info"} data-testid="payment-result" data-status={payment.status} data-payment={payment.id}>
        <p className="font-medium">{failed ? t("failedTitle") : t("cancelledTitle")}</p>
        {failed ? <p>{payment.failure_reason ? t("failedReason", { reason: payment.failure_reason }) : t("failedNoReason")}</p> : null}
        <p className="text-muted-foreground">
          {t("resultSummary", { amount, method, what })} {isAddon ? t("addonUnchanged") : t("planUnchanged")}
        </p>
        <div className="pt-1">{dismiss}</div>
      </Alert>
    );
  }

  return (
    <Card
      data-testid="payment-pending"
      data-payment={payment.id}
      data-status={payment.status}
      aria-labelledby="payment-pending-title"
      className="border-warning/50 bg-warning-soft/40"
    >
      <CardHeader>
        <CardTitle id="payment-pending-title" className="flex items-center gap-2">
          <Loader2 aria-hidden className="size-4 animate-spin text-warning" />
          {t("pendingTitle")}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-5 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-3 text-sm">
          <p className="font-medium" role="status">
            {t("waiting")}
          </p>
          <p>
            {t("pendingSummary", { amount, method, what })}{" "}
            <span className="text-muted-foreground">
              ({t("started")} <RelativeTime date={payment.created_at} locale={locale} />)
            </span>
          </p>
          <p className="text-muted-foreground">{t("pendingHint")}</p>
          {payment.backend_error ? (
            <Alert variant="warning" data-testid="payment-backend-warning">
              {t("backendWarning", { message: payment.backend_error })}
            </Alert>
          ) : null}
          {status.isError ? <Alert variant="warning">{t("pollError", { message: describeError(status.error, tc("networkError")) })}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            {payment.payment_url ? (
              <a href={payment.payment_url} className={buttonVariants()}>
                {t("continue")}
                <ExternalLink aria-hidden />
              </a>
            ) : null}
            {canManage && payment.status === "pending" ? (
              <Dialog
                open={confirmOpen}
                onOpenChange={(open) => {
                  setConfirmOpen(open);
                  if (open) cancel.reset();
                }}
              >
                <DialogTrigger asChild>
                  <Button variant="outline">{t("cancel")}</Button>
                </DialogTrigger>
                <ConfirmDialogContent
                  title={t("cancelTitle")}
                  description={t("cancelDescription")}
                  error={cancel.isError ? describeError(cancel.error, tc("unknownError")) : null}
                  cancelLabel={t("keep")}
                  confirmLabel={t("cancel")}
                  pendingLabel={t("cancelling")}
                  isPending={cancel.isPending}
                  spinner
                  onConfirm={() => cancel.mutate({ paymentId: payment.id })}
                />
              </Dialog>
            ) : null}
          </div>
        </div>
        {payment.qr_code ? (
          <figure className="flex shrink-0 flex-col items-center gap-2 self-center sm:self-start">
            {/* A data: URL from the payment backend: next/image has nothing to optimise in it. */}
            <img src={payment.qr_code} alt={t("qrAlt")} width={160} height={160} className="size-40 rounded-md border bg-white p-1" />
            <figcaption className="max-w-40 text-center text-xs text-muted-foreground">{t("qrHint")}</figcaption>
          </figure>
        ) : null}
      </CardContent>
    </Card>
  );
}

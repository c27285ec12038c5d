"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { describeError } from "@/components/error-message";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PaymentPending } from "./payment-pending";
import { PaymentResult } from "./payment-result";
import { useRestartPayment } from "./payment-restart";
import { isFinalPayment, type TOutputs, type TPaymentStatusView } from "./payment-flow";

export { goToPaymentPage, isFinalPayment, type TPaymentStatusView, type TPaymentView } from "./payment-flow";

/** How often a pending payment is checked. */
const POLL_MS = 2000;

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
 * A payment being followed: while it is open, the pending screen (see `PaymentPending`: the
 * instructions, the time left, what to do without a prompt); the status is asked every 2 s, which
 * also makes the server end a payment past its deadline, and the polling stops once it is final.
 * Then the result (see `PaymentResult`): completed, failed with the reason in words, or cancelled,
 * with a retry. When it turns final here, the team's plan, payments (with their stats and card
 * billing), balance and add-ons are read again.
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
      trpc.billing.profile.queryFilter({ team }),
      trpc.addons.pathFilter(),
      trpc.balance.pathFilter(),
      // A completed payment's receipt is issued in the same transaction (spec 16).
      trpc.documents.pathFilter(),
    ).finally(() => setIsRefreshing(false));
    router.refresh();
  }, [isFinal, queryClient, router, team, trpc]);

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

  return (
    <FollowedPayment
      team={team}
      payment={payment}
      canManage={canManage}
      isRefreshing={isRefreshing}
      pollError={status.isError ? describeError(status.error, tc("networkError")) : null}
      onCancelled={(view) => queryClient.setQueryData(statusOptions.queryKey, { ...view, backend_error: null })}
      onDismiss={onDismiss}
      showAddonsLink={showAddonsLink}
    />
  );
}

/** The pending screen or the result, sharing one way to start the purchase again (its error outlives a cancelled payment). */
function FollowedPayment({
  team,
  payment,
  canManage,
  isRefreshing,
  pollError,
  onCancelled,
  onDismiss,
  showAddonsLink,
}: {
  team: string;
  payment: TPaymentStatusView;
  canManage: boolean;
  isRefreshing: boolean;
  pollError: string | null;
  onCancelled: (view: TOutputs["payments"]["cancel"]) => void;
  onDismiss: () => void;
  showAddonsLink: boolean;
}) {
  const restart = useRestartPayment(team, payment, canManage);
  if (isFinalPayment(payment.status)) {
    return (
      <PaymentResult
        team={team}
        payment={payment}
        canManage={canManage}
        isRefreshing={isRefreshing}
        restart={restart}
        onDismiss={onDismiss}
        showAddonsLink={showAddonsLink}
      />
    );
  }
  return <PaymentPending team={team} payment={payment} canManage={canManage} pollError={pollError} restart={restart} onCancelled={onCancelled} />;
}

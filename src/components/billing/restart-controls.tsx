"use client";

import { Loader2, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { describeError } from "@/components/error-message";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PayerFields, firstPayerFieldId, payerRefusal, useBillingProfile, usePayerForm } from "./payer-fields";
import type { TPaymentStatusView } from "./payment-flow";
import type { useRestartPayment } from "./payment-restart";

export type TRestartState = ReturnType<typeof useRestartPayment>;

/** What went wrong starting again, in the server's words (or the network's); null while nothing did. */
export function restartErrorText(restart: TRestartState, fallback: string): string | null {
  return restart.restart.isError ? describeError(restart.restart.error, fallback) : null;
}

/** The failed restart as an alert, unless `isFieldShown` and the refusal names a payer field (shown there instead). */
export function RestartError({ restart, isFieldShown = false }: { restart: TRestartState; isFieldShown?: boolean }) {
  const tc = useTranslations("common");
  const text = restartErrorText(restart, tc("networkError"));
  if (!text || (isFieldShown && payerRefusal(text))) return null;
  return (
    <Alert variant="error" data-testid="payment-restart-error">
      {text}
    </Alert>
  );
}

/**
 * Another number or operator for the same purchase: the payment's own number and operator
 * prefilled, the operators of the number's country offered, and a button that sends the new request
 * (cancelling the pending one first when `cancelFirst`).
 */
export function OtherPayerForm({
  team,
  payment,
  restart,
  cancelFirst,
  onClose,
}: {
  team: string;
  payment: TPaymentStatusView;
  restart: TRestartState;
  cancelFirst: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("pending");
  const tc = useTranslations("common");
  const id = useId();
  const profile = useBillingProfile(team).data;
  const form = usePayerForm(profile ? { ...profile, last_payer_phone: payment.payer_phone, last_operator: payment.operator } : undefined);
  const mutation = restart.restart;
  const isBusy = mutation.isPending || mutation.isSuccess;
  const refusal = payerRefusal(restartErrorText(restart, tc("networkError")));

  return (
    <form
      className="space-y-3 rounded-lg border bg-card p-3"
      data-testid="other-payer-form"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.reset();
        const payer = form.submit();
        if (!payer) {
          document.getElementById(firstPayerFieldId(id, form))?.focus();
          return;
        }
        mutation.mutate({ method: "mobile_money", payer, cancelFirst });
      }}
    >
      <PayerFields idPrefix={id} form={form} refusal={refusal} disabled={isBusy} onEdit={() => mutation.reset()} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={isBusy} aria-busy={isBusy || undefined}>
          {isBusy ? <Loader2 aria-hidden className="animate-spin" /> : <Send aria-hidden />}
          {isBusy ? t("sending") : t("sendRequest")}
        </Button>
        <Button variant="ghost" disabled={isBusy} onClick={onClose}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { CreditCard, ExternalLink, Loader2, PhoneOff, RefreshCw, Repeat, Smartphone, Timer } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatMoney } from "@/lib/format";
import { OPERATOR_NAMES } from "@/lib/mobile-money";
import { useTRPC } from "@/trpc/react";
import { ConfirmDialogContent } from "@/components/confirm-dialog";
import { describeError } from "@/components/error-message";
import { RelativeTime } from "@/components/relative-time";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogTrigger } from "@/components/ui/dialog";
import { formatCountdown, msLeft, useConsoleNow } from "./countdown";
import { displayPhone } from "./payer-form";
import { useBillingProfile } from "./payer-fields";
import type { TOutputs, TPaymentStatusView } from "./payment-flow";
import { OtherPayerForm, RestartError, type TRestartState } from "./restart-controls";

/**
 * A payment still open (spec 14.3): what it is for and, with Mobile Money, where the request went;
 * the backend's instructions (or ours); the time left before its deadline, counted every second on
 * the console's clock; the provider's page and QR code where there are some; a cancel for owners
 * and admins; and, for a Mobile Money request with no prompt on the phone, the three ways on: send
 * it again, pay with another operator, or pay by card.
 */
export function PaymentPending({
  team,
  payment,
  canManage,
  pollError,
  restart,
  onCancelled,
}: {
  team: string;
  payment: TPaymentStatusView;
  canManage: boolean;
  pollError: string | null;
  restart: TRestartState;
  onCancelled: (view: TOutputs["payments"]["cancel"]) => void;
}) {
  const t = useTranslations("payments");
  const tp = useTranslations("pending");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const country = useBillingProfile(team).data?.country ?? null;
  const [confirmOpen, setConfirmOpen] = useState(false);
  const cancel = useMutation(
    trpc.payments.cancel.mutationOptions({
      onSuccess: (view) => {
        onCancelled(view);
        setConfirmOpen(false);
      },
    }),
  );

  const amount = formatMoney(payment.amount_minor, payment.currency, locale);
  const method = t(`methods.${payment.payment_method}`);
  const what = t(`purpose.${payment.purpose}`);
  const isMobileMoney = payment.payment_method === "mobile_money";
  const operator = payment.operator ? OPERATOR_NAMES[payment.operator] : null;
  const phone = payment.payer_phone ? displayPhone(payment.payer_phone, country) : null;
  const instructions =
    payment.instructions ??
    (isMobileMoney ? (operator ? tp("instructionsOperator", { operator, amount }) : tp("instructionsMobileMoney", { amount })) : t("pendingHint"));

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
        <div className="min-w-0 flex-1 space-y-3 text-sm">
          <p className="font-medium" role="status">
            {t("waiting")}
          </p>
          <p>
            {t("pendingSummary", { amount, method, what })}{" "}
            <span className="text-muted-foreground">
              ({t("started")} <RelativeTime date={payment.created_at} locale={locale} />)
            </span>
          </p>
          {isMobileMoney && phone ? (
            <p className="flex items-start gap-2" data-testid="payment-payer">
              <Smartphone aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
              <span>{operator ? tp("sentTo", { phone, operator }) : tp("sentToNumber", { phone })}</span>
            </p>
          ) : null}
          <div className="rounded-lg border bg-card px-3 py-2.5" data-testid="payment-instructions">
            <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{tp("instructionsTitle")}</p>
            <p className="mt-1 text-base leading-snug">{instructions}</p>
          </div>
          {payment.expires_at ? <Countdown deadline={payment.expires_at} isMobileMoney={isMobileMoney} /> : null}
          {payment.backend_error ? (
            <Alert variant="warning" data-testid="payment-backend-warning">
              {t("backendWarning", { message: payment.backend_error })}
            </Alert>
          ) : null}
          {pollError ? <Alert variant="warning">{t("pollError", { message: pollError })}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            {payment.payment_url ? (
              <a href={payment.payment_url} className={buttonVariants({ variant: isMobileMoney ? "outline" : "default" })}>
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
          {isMobileMoney && canManage && payment.status === "pending" ? <NoPrompt team={team} payment={payment} restart={restart} /> : null}
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

/** "Time left to approve: 09:41", every second; at zero, that the console is making its last check. */
function Countdown({ deadline, isMobileMoney }: { deadline: Date; isMobileMoney: boolean }) {
  const t = useTranslations("pending");
  const now = useConsoleNow(true);
  const left = now === null ? null : msLeft(deadline, now);
  const isOver = left === 0;
  return (
    <p
      className="flex flex-wrap items-center gap-x-2 gap-y-1"
      data-testid="payment-countdown"
      data-over={isOver ? "true" : "false"}
      title={new Date(deadline).toISOString()}
    >
      <Timer aria-hidden className="size-4 shrink-0 text-warning" />
      {isOver ? (
        <span className="font-medium">{t("timeUp")}</span>
      ) : (
        <>
          <span>{isMobileMoney ? t("timeLeftApprove") : t("timeLeftPage")}</span>
          <span role="timer" className="font-mono text-lg font-semibold tabular-nums" data-testid="payment-countdown-time">
            {left === null ? "––:––" : formatCountdown(left)}
          </span>
        </>
      )}
    </p>
  );
}

/** No prompt on the phone: send the request again, pay with another operator (or number), or pay by card. */
function NoPrompt({ team, payment, restart }: { team: string; payment: TPaymentStatusView; restart: TRestartState }) {
  const t = useTranslations("pending");
  const [isOtherOpen, setIsOtherOpen] = useState(false);
  const [chosen, setChosen] = useState<"again" | "card" | null>(null);
  const mutation = restart.restart;
  const isBusy = mutation.isPending || mutation.isSuccess;
  const operator = payment.operator ? OPERATOR_NAMES[payment.operator] : null;

  return (
    <section aria-labelledby={`no-prompt-${payment.id}`} className="space-y-2 border-t pt-3" data-testid="no-prompt">
      <h3 id={`no-prompt-${payment.id}`} className="flex items-center gap-2 font-medium">
        <PhoneOff aria-hidden className="size-4 shrink-0 text-muted-foreground" />
        {t("noPromptTitle")}
      </h3>
      <p className="text-muted-foreground">{operator ? t("noPromptCheck", { operator }) : t("noPromptCheckNoOperator")}</p>
      {restart.canRestart ? (
        <>
          <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
            <Button
              variant="secondary"
              disabled={isBusy || !payment.payer_phone || !payment.operator}
              aria-busy={(isBusy && chosen === "again") || undefined}
              onClick={() => {
                if (!payment.payer_phone || !payment.operator) return;
                setChosen("again");
                setIsOtherOpen(false);
                mutation.reset();
                mutation.mutate({ method: "mobile_money", payer: { payer_phone: payment.payer_phone, operator: payment.operator }, cancelFirst: true });
              }}
            >
              {isBusy && chosen === "again" ? <Loader2 aria-hidden className="animate-spin" /> : <RefreshCw aria-hidden />}
              {isBusy && chosen === "again" ? t("sending") : t("sendAgain")}
            </Button>
            <Button
              variant="outline"
              disabled={isBusy}
              aria-expanded={isOtherOpen}
              onClick={() => {
                mutation.reset();
                setChosen(null);
                setIsOtherOpen((open) => !open);
              }}
            >
              <Repeat aria-hidden />
              {t("otherOperator")}
            </Button>
            <Button
              variant="outline"
              disabled={isBusy}
              aria-busy={(isBusy && chosen === "card") || undefined}
              onClick={() => {
                setChosen("card");
                setIsOtherOpen(false);
                mutation.reset();
                mutation.mutate({ method: "credit_card", cancelFirst: true });
              }}
            >
              {isBusy && chosen === "card" ? <Loader2 aria-hidden className="animate-spin" /> : <CreditCard aria-hidden />}
              {isBusy && chosen === "card" ? t("opening") : t("payByCard")}
            </Button>
          </div>
          <p className="text-xs text-muted-foreground">{t("restartNote")}</p>
          {isOtherOpen ? <OtherPayerForm team={team} payment={payment} restart={restart} cancelFirst onClose={() => setIsOtherOpen(false)} /> : null}
          <RestartError restart={restart} isFieldShown={isOtherOpen} />
        </>
      ) : (
        <p className="text-muted-foreground">{t("renewalRestart")}</p>
      )}
    </section>
  );
}

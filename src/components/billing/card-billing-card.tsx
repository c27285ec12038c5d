"use client";

import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { AlertTriangle, Ban, CalendarX, CheckCircle2, CreditCard, ExternalLink, Info, Loader2, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AppRouter } from "@/trpc/types";
import { useTRPC } from "@/trpc/react";
import { describeError } from "@/components/error-message";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

export type TCardBilling = inferRouterOutputs<AppRouter>["payments"]["cardBilling"];
type TRenewalStatus = NonNullable<TCardBilling["subscription"]>["status"];

/** Colour, icon and word travel together: active green, past due amber, ending and cancelled grey. */
const LOOK: Record<TRenewalStatus, { variant: "ok" | "warning" | "neutral"; Icon: LucideIcon }> = {
  active: { variant: "ok", Icon: CheckCircle2 },
  past_due: { variant: "warning", Icon: AlertTriangle },
  ending: { variant: "neutral", Icon: CalendarX },
  cancelled: { variant: "neutral", Icon: Ban },
};

/**
 * Card billing through Stripe (only when the server has Stripe): whether Pro renews by card and how
 * that stands, and for owners and admins "Manage card billing", which opens Stripe's billing portal
 * (card, invoices, cancelling the renewal). The portal needs a Stripe customer, which the team's
 * first card payment creates; before it, a hint says so.
 */
export function CardBillingCard({
  team,
  cardBilling,
  canManage,
  className,
}: {
  team: string;
  cardBilling: TCardBilling;
  canManage: boolean;
  className?: string;
}) {
  const t = useTranslations("billing");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const [isRedirecting, setIsRedirecting] = useState(false);

  const portal = useMutation(
    trpc.payments.portal.mutationOptions({
      onSuccess: ({ url }) => {
        setIsRedirecting(true);
        window.location.assign(url);
      },
    }),
  );
  const isBusy = portal.isPending || isRedirecting;
  const renewal = cardBilling.subscription?.status ?? null;

  return (
    <Card aria-labelledby="card-billing-title" data-testid="card-billing" data-renewal={renewal ?? "none"} className={cn("flex flex-col", className)}>
      <CardHeader>
        <CardTitle id="card-billing-title" className="flex items-center gap-2">
          <CreditCard aria-hidden className="size-4 text-muted-foreground" />
          {t("cardBillingTitle")}
        </CardTitle>
        <CardDescription>{t("cardBillingDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="flex-1 space-y-3 text-sm">
        {renewal ? (
          <div className="space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{t("cardRenewalLabel")}</span>
              <RenewalBadge status={renewal} />
            </p>
            <p className="text-muted-foreground">{t(`cardRenewalHint.${renewal}`)}</p>
          </div>
        ) : (
          <p className="text-muted-foreground">{t("cardRenewalNone")}</p>
        )}
        {canManage && !cardBilling.has_customer ? (
          <p className="flex items-start gap-2 text-muted-foreground" data-testid="card-billing-hint">
            <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
            {t("cardBillingAfterFirstPayment")}
          </p>
        ) : null}
        {!canManage ? <p className="text-muted-foreground">{t("cardBillingMembers")}</p> : null}
        {portal.isError ? (
          <Alert variant="error" data-testid="card-billing-error">
            {describeError(portal.error, tc("networkError"))}
          </Alert>
        ) : null}
      </CardContent>
      {canManage && cardBilling.has_customer ? (
        <CardFooter>
          <Button
            variant="outline"
            className="w-full sm:w-auto"
            disabled={isBusy}
            aria-busy={isBusy || undefined}
            data-testid="manage-card-billing"
            onClick={() => {
              portal.reset();
              portal.mutate({ team });
            }}
          >
            {isBusy ? <Loader2 aria-hidden className="animate-spin" /> : <ExternalLink aria-hidden />}
            {isBusy ? t("openingPortal") : t("manageCardBilling")}
          </Button>
        </CardFooter>
      ) : null}
    </Card>
  );
}

function RenewalBadge({ status }: { status: TRenewalStatus }) {
  const t = useTranslations("billing");
  const { variant, Icon } = LOOK[status];
  return (
    <Badge variant={variant} data-status={status}>
      <Icon aria-hidden />
      {t(`cardRenewalStatus.${status}`)}
    </Badge>
  );
}

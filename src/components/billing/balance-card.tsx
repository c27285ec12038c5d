"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { Lock, Plus, Wallet } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { formatMoney } from "@/lib/format";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogTrigger } from "@/components/ui/dialog";
import type { TBalanceView } from "./balance-query";
import type { TBillingProfile } from "./payer-fields";
import { TopUpDialog } from "./top-up-dialog";
import { topUpPrefill } from "./top-up-form";

/**
 * The prepaid balance (spec 15): what the team holds, in its currency, and for owners and admins a
 * Top up button. `askedTopUpMinor` (the page's `?top_up=`, where the low-balance reminders link)
 * opens the top-up at once with that amount, so the reminder's top-up is one click away; closing
 * it drops the parameter, so that a reload does not open it again.
 */
export function BalanceCard({
  team,
  balance,
  profile,
  canManage,
  cardViaStripe,
  askedTopUpMinor,
}: {
  team: string;
  balance: UseQueryResult<TBalanceView, unknown>;
  profile: TBillingProfile | null;
  canManage: boolean;
  cardViaStripe: boolean;
  askedTopUpMinor: number | null;
}) {
  const t = useTranslations("balance");
  const tc = useTranslations("common");
  const locale = useLocale();
  const pathname = usePathname();
  const [open, setOpen] = useState(canManage && askedTopUpMinor !== null);
  // A new dialog each time it opens: the amount starts from the link's, then from the smallest.
  const [opened, setOpened] = useState(0);
  const [asked, setAsked] = useState(askedTopUpMinor);
  const [lastAsked, setLastAsked] = useState(askedTopUpMinor);
  // A new `?top_up=` while on the page (the past-due banner's link) opens the top-up with its amount.
  if (askedTopUpMinor !== lastAsked) {
    setLastAsked(askedTopUpMinor);
    if (askedTopUpMinor !== null && canManage) {
      setAsked(askedTopUpMinor);
      setOpen(true);
      setOpened((n) => n + 1);
    }
  }
  const view = balance.data;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) return setOpened((n) => n + 1);
    if (asked !== null) {
      setAsked(null);
      if (window.location.search.includes("top_up=")) window.history.replaceState(null, "", pathname);
    }
  }

  return (
    <Card aria-labelledby="balance-title" data-testid="balance-card" data-balance={view?.balance_minor} className="flex flex-col">
      <CardHeader>
        <CardTitle id="balance-title" className="flex items-center gap-2">
          <Wallet aria-hidden className="size-4 text-muted-foreground" />
          {t("title")}
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="flex-1 space-y-2">
        {view ? (
          <>
            <p className="text-3xl font-semibold tabular-nums tracking-tight" data-testid="balance-amount">
              {formatMoney(view.balance_minor, view.currency, locale)}
            </p>
            <p className="text-xs text-muted-foreground">
              {t("topUpBounds", {
                min: formatMoney(view.top_up.min_minor, view.currency, locale),
                max: formatMoney(view.top_up.max_minor, view.currency, locale),
              })}
            </p>
          </>
        ) : balance.isError ? (
          <ListLoadError message={t("loadError")} error={describeError(balance.error, tc("networkError"))} onRetry={() => void balance.refetch()} />
        ) : (
          <ListSkeleton rows={2} />
        )}
      </CardContent>
      <CardFooter>
        {canManage ? (
          view ? (
            <Dialog open={open} onOpenChange={onOpenChange}>
              <DialogTrigger asChild>
                <Button className="w-full sm:w-auto" data-testid="top-up-button">
                  <Plus aria-hidden />
                  {t("topUp")}
                </Button>
              </DialogTrigger>
              {open ? (
                <TopUpDialog
                  key={opened}
                  team={team}
                  view={view}
                  profile={profile}
                  initialMinor={topUpPrefill(asked, view.top_up)}
                  cardViaStripe={cardViaStripe}
                />
              ) : null}
            </Dialog>
          ) : null
        ) : (
          <p className="flex items-start gap-2 text-sm text-muted-foreground" data-testid="balance-members-note">
            <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
            {t("membersCannotTopUp")}
          </p>
        )}
      </CardFooter>
    </Card>
  );
}

"use client";

import { ArrowRight } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { formatDate, formatMoney } from "@/lib/format";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { useBalance, type TBalanceView } from "./balance-query";
import { graceEndOf, renewalName, topUpFor } from "./renewal-label";

/**
 * On every team page while something is past due (spec 15: due, set to renew, and not covered by
 * the balance): for each such item, the top-up that keeps it and the date it lapses ("Pro could
 * not be renewed: top up 1 970 F CFA before 4 Dec 2026 to keep it"), with a link to the top-up
 * (owners and admins) or to Billing (members). Seeded by the layout; it follows the balance query,
 * so a top-up made on this page takes it away.
 */
export function PastDueBanner({ team, initial, canManage }: { team: string; initial: TBalanceView | null; canManage: boolean }) {
  const t = useTranslations("balance");
  const ta = useTranslations("addons");
  const locale = useLocale();
  const view = useBalance(team, initial).data;
  if (!view?.past_due) return null;
  const due = view.renewals.filter((r) => r.past_due);
  const firstTopUp = due.map((r) => topUpFor(r, view.balance_minor, view.currency)).find((m) => m !== null) ?? null;
  const href = `/teams/${team}/billing${canManage && firstTopUp ? `?top_up=${firstTopUp}` : ""}`;

  return (
    <Alert variant="warning" className="mb-6" data-testid="past-due-banner">
      <ul className="space-y-1">
        {due.map((r) => {
          const topUp = topUpFor(r, view.balance_minor, view.currency);
          const values = { kind: r.kind, item: renewalName(r, ta), date: formatDate(graceEndOf(r), locale) };
          return (
            <li key={r.item} className="font-medium" data-item={r.item}>
              {topUp ? t("pastDueBanner", { ...values, amount: formatMoney(topUp, view.currency, locale) }) : t("pastDueBannerNoAmount", values)}
            </li>
          );
        })}
      </ul>
      {!canManage ? <p className="text-muted-foreground">{t("pastDueMembers")}</p> : null}
      <Link href={href} className={buttonVariants({ size: "sm", variant: canManage ? "default" : "outline", className: "mt-1" })}>
        {canManage && firstTopUp ? t("topUpAmount", { amount: formatMoney(firstTopUp, view.currency, locale) }) : t("seeBilling")}
        <ArrowRight aria-hidden />
      </Link>
    </Alert>
  );
}

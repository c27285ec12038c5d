import { CalendarClock, PackagePlus } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { formatDate } from "@/lib/format";
import type { TPlanId } from "@/lib/plans";
import { PlanBadge } from "@/components/plan-badge";
import { RelativeTime } from "@/components/relative-time";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { PlanLimitList } from "./plan-limit-list";

/** The team's plan: its badge, for Pro the end of the paid period (absolute and relative), its limits. */
export function PlanCard({ team, plan, currentPeriodEnd }: { team: string; plan: TPlanId; currentPeriodEnd: Date | null }) {
  const t = useTranslations("billing");
  const to = useTranslations("overview");
  const tp = useTranslations("plans");
  const locale = useLocale();
  const isPro = plan === "pay_as_you_go";
  return (
    <Card aria-labelledby="plan-title" data-testid="plan-card" data-plan={plan} className="flex flex-col">
      <CardHeader>
        <div className="flex items-center justify-between gap-2">
          <CardTitle id="plan-title">{t("planTitle")}</CardTitle>
          <PlanBadge plan={plan} />
        </div>
        <CardDescription>{isPro ? t("proDescription") : t("freeDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="flex-1 space-y-4">
        {isPro ? (
          <p className="flex items-start gap-2 text-sm" data-testid="plan-period">
            <CalendarClock aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
            {currentPeriodEnd ? (
              <span>
                <span className="font-medium">{t("proUntil", { date: formatDate(currentPeriodEnd, locale) })}</span>{" "}
                <span className="text-muted-foreground">
                  (<RelativeTime date={currentPeriodEnd} locale={locale} />)
                </span>
              </span>
            ) : (
              <span>{to("proNoEnd")}</span>
            )}
          </p>
        ) : null}
        <div className="space-y-2">
          <h3 className="text-sm font-medium">{to("limitsTitle", { plan: tp(plan) })}</h3>
          <PlanLimitList plan={plan} />
        </div>
      </CardContent>
      {isPro ? (
        <CardFooter>
          <Link href={`/teams/${team}/addons`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            <PackagePlus aria-hidden />
            {t("moreCapacity")}
          </Link>
        </CardFooter>
      ) : null}
    </Card>
  );
}

import { TRPCError } from "@trpc/server";
import { ArrowRight, ArrowUpRight, FolderPlus, PackagePlus, Wallet } from "lucide-react";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddProjectForm } from "@/components/add-project-form";
import { PlanLimitList } from "@/components/billing/plan-limit-list";
import { ProUpgradePrice } from "@/components/billing/pro-upgrade-price";
import { renewalName, topUpFor } from "@/components/billing/renewal-label";
import { PlanBadge } from "@/components/plan-badge";
import { ProjectStatusBadge } from "@/components/project-status-badge";
import { RelativeTime } from "@/components/relative-time";
import { EmptyState, PageHeading } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { UsageMeter } from "@/components/usage/usage-meter";
import { DayBars, type TDayBar } from "@/components/charts/day-bars";
import { DEFAULT_USAGE_VIEW, usageView } from "@/lib/usage-range";
import { dayOf, daysBetween } from "@/lib/usage-period";
import { formatBytes, formatDate, formatMegabytes, formatMoney, formatRelative } from "@/lib/format";
import { PLANS } from "@/lib/plans";
import { getServerCaller, getTeamForPage, logCrash, orNull } from "@/trpc/server";
import { getBalanceForPage, teamPageMetadata } from "./team-page";
import { clock } from "@/lib/clock";

/** The Overview's bars: traffic per day of the last 30 days, drawn on the server (no chart script). */
function DailyTrafficBars({
  bars,
  today,
  locale,
  t,
}: {
  bars: TDayBar[];
  today: string;
  locale: string;
  t: (key: string, values?: Record<string, string>) => string;
}) {
  const busiest = bars.reduce((a, b) => (b.bytes > a.bytes ? b : a), bars[0] ?? { day: today, bytes: 0 });
  const total = bars.reduce((sum, b) => sum + b.bytes, 0);
  return (
    <DayBars
      testId="chart-overview-traffic"
      title={t("dailyTrafficTitle")}
      description={t("dailyTrafficDescription")}
      emptyText={t("dailyTrafficEmpty")}
      summary={t("dailyTrafficSummary", {
        total: formatBytes(total, locale),
        day: formatDate(busiest.day, locale),
        amount: formatBytes(busiest.bytes, locale),
      })}
      bars={bars}
      locale={locale}
      partialDay={today}
    />
  );
}

type TParams = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  return teamPageMetadata((await params).slug, "overview");
}

/** This month's usage for the Overview, or the reason it could not be read (the rest of the page still shows). */
async function loadUsage(slug: string) {
  try {
    return { usage: await (await getServerCaller()).usage.summary({ team: slug }), error: null };
  } catch (err) {
    // The API's own sentences are written for people; anything else (a crash) stays in the logs.
    logCrash(err);
    return { usage: null, error: err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR" ? err.message : null };
  }
}

/**
 * The team's traffic per day over the last 30 days (every day present, 0 without traffic), for the
 * Overview's bars; null when it could not be read (the bars are left out, the rest still shows).
 */
async function loadDailyTraffic(slug: string, now: Date): Promise<TDayBar[] | null> {
  const view = usageView(DEFAULT_USAGE_VIEW, now)!;
  try {
    const daily = await (await getServerCaller()).usage.daily({ team: slug, from: view.from, to: view.to });
    const bytes = new Map<string, number>();
    for (const row of daily.days) bytes.set(String(row.day), (bytes.get(String(row.day)) ?? 0) + Number(row.traffic_bytes));
    return daysBetween(view.from, view.to).map((day) => ({ day, bytes: bytes.get(day) ?? 0 }));
  } catch (err) {
    logCrash(err);
    return null;
  }
}

/** Plan + active add-ons, for the plan card; without them the card shows the plan's own limits. */
async function loadLimits(slug: string) {
  return orNull((await getServerCaller()).addons.limits({ team: slug }));
}

export default async function OverviewPage({ params }: TParams) {
  const { slug } = await params;
  // One instant for the whole page: the bars' last day and "today" never fall on two sides of a midnight.
  const at = clock.now();
  const [team, { usage, error: usageError }, limits, balance, dailyTraffic] = await Promise.all([
    getTeamForPage(slug),
    loadUsage(slug),
    loadLimits(slug),
    getBalanceForPage(slug),
    loadDailyTraffic(slug, at),
  ]);
  if (!team) notFound();
  const t = await getTranslations("overview");
  const locale = await getLocale();
  const now = at.getTime();
  const canManage = team.role === "owner" || team.role === "admin";
  const tp = await getTranslations("plans");
  const tc = await getTranslations("common");
  const extra = limits?.additional_resources;
  const hasAddons = !!extra && extra.ram_mb + extra.cpu_cores + extra.traffic_gb + extra.storage_gb > 0;
  const tb = await getTranslations("balance");
  const ta = await getTranslations("addons");
  // A renewal the balance will not cover (no balance read, no warning); one already past due has the layout's banner instead.
  const uncovered = balance?.next_uncovered && !balance.next_uncovered.past_due ? balance.next_uncovered : null;
  const topUp = uncovered && balance ? topUpFor(uncovered, balance.balance_minor, balance.currency) : null;

  return (
    <div className="space-y-6">
      <PageHeading title={team.name} />

      {uncovered && balance ? (
        <Alert variant="warning" data-testid="low-balance-warning" data-item={uncovered.item}>
          <p className="font-medium">
            {tb("lowBalance", {
              item: renewalName(uncovered, ta),
              date: formatDate(uncovered.due_at, locale),
              relative: formatRelative(uncovered.due_at, locale, now),
              balance: formatMoney(balance.balance_minor, balance.currency, locale),
              price: uncovered.price_minor === null ? "–" : formatMoney(uncovered.price_minor, balance.currency, locale),
            })}
          </p>
          {canManage && topUp ? (
            <Link
              href={`/teams/${team.slug}/billing?top_up=${topUp}`}
              className={buttonVariants({ size: "sm", className: "mt-1" })}
              data-testid="low-balance-top-up"
            >
              <Wallet aria-hidden />
              {tb("topUpAmount", { amount: formatMoney(topUp, balance.currency, locale) })}
            </Link>
          ) : (
            <p className="text-muted-foreground">
              {tb("lowBalanceMembers")}{" "}
              <Link href={`/teams/${team.slug}/billing`} className="font-medium text-primary underline-offset-4 hover:underline">
                {tb("seeBilling")}
              </Link>
            </p>
          )}
        </Alert>
      ) : null}

      <section aria-labelledby="usage-title" className="space-y-3" data-testid="usage-this-month">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="usage-title" className="text-lg font-semibold tracking-tight">
            {t("usageTitle")}
          </h2>
          <div className="flex flex-wrap gap-2">
            {team.plan === "pay_as_you_go" ? (
              <Link href={`/teams/${team.slug}/addons`} className={buttonVariants({ variant: "outline", size: "sm" })}>
                <PackagePlus aria-hidden />
                {t("buyAddons")}
              </Link>
            ) : null}
            <Link href={`/teams/${team.slug}/usage`} className={buttonVariants({ variant: "ghost", size: "sm" })}>
              {t("usageDetails")}
              <ArrowRight aria-hidden />
            </Link>
          </div>
        </div>
        {usage ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <UsageMeter
              kind="traffic"
              data-testid="usage-card-traffic"
              metric={usage.totals.traffic}
              resetsAt={usage.period.traffic_resets_at}
              isCurrentPeriod={usage.period.is_current}
              periodEnd={usage.period.last_day}
            />
            <UsageMeter kind="storage" data-testid="usage-card-storage" metric={usage.totals.storage} periodEnd={usage.period.last_day} />
          </div>
        ) : (
          <Alert variant="error">{t("usageError", { message: usageError ?? tc("unknownError") })}</Alert>
        )}
        {dailyTraffic ? <DailyTrafficBars bars={dailyTraffic} today={dayOf(at)} locale={locale} t={t} /> : null}
        {usage && team.plan === "free" && usage.level !== "ok" ? (
          <Alert variant="warning" data-testid="free-near-limit">
            <p>
              {t("freeNearLimit", {
                level: usage.level,
                traffic: formatMegabytes(PLANS.pay_as_you_go.maxTrafficGbPerMonth * 1024, locale),
                storage: formatMegabytes(PLANS.pay_as_you_go.maxStorageMb, locale),
              })}{" "}
              <Link href={`/teams/${team.slug}/billing`} className="font-medium text-primary underline-offset-4 hover:underline">
                {t("seePro")}
              </Link>
            </p>
          </Alert>
        ) : null}
      </section>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-1" aria-labelledby="plan-title">
          <CardHeader>
            <div className="flex items-center justify-between gap-2">
              <CardTitle id="plan-title">{t("planTitle")}</CardTitle>
              <PlanBadge plan={team.plan} />
            </div>
            <CardDescription>{t("planDescription")}</CardDescription>
          </CardHeader>
          <CardContent className="space-y-3 text-sm">
            {team.plan === "pay_as_you_go" ? (
              <p>
                {team.currentPeriodEnd
                  ? t("proEnds", {
                      date: formatDate(team.currentPeriodEnd, locale),
                      relative: formatRelative(team.currentPeriodEnd, locale, now),
                    })
                  : t("proNoEnd")}
              </p>
            ) : null}
            <h3 className="font-medium">{hasAddons ? t("limitsWithAddons", { plan: tp(team.plan) }) : t("limitsTitle", { plan: tp(team.plan) })}</h3>
            <PlanLimitList plan={team.plan} limits={limits ?? undefined} />
          </CardContent>
          {team.plan === "free" ? (
            <CardFooter className="justify-between">
              <Link href={`/teams/${team.slug}/billing`} className={buttonVariants()} data-testid="upgrade-button">
                <ArrowUpRight aria-hidden />
                {t("upgrade")}
              </Link>
              <span className="text-xs text-muted-foreground">
                <ProUpgradePrice team={team.slug} />
              </span>
            </CardFooter>
          ) : null}
        </Card>

        <Card className="lg:col-span-2" aria-labelledby="projects-title">
          <CardHeader>
            <CardTitle id="projects-title">{t("projectsTitle")}</CardTitle>
            <CardDescription>{t("projectsDescription", { count: team.projects.length })}</CardDescription>
          </CardHeader>
          <CardContent className="space-y-6">
            {team.projects.length === 0 ? (
              <EmptyState icon={<FolderPlus />} title={t("emptyTitle")}>
                {canManage ? t("emptyAdmin") : t("emptyMember")}
              </EmptyState>
            ) : (
              <Table>
                <TableColumns columns={[t("colProject"), t("colStatus"), t("colLastTraffic")]} />
                <TableBody>
                  {team.projects.map((project) => (
                    <TableRow key={project.id} data-project={project.slug}>
                      <TableCell>
                        <div className="font-medium">{project.name}</div>
                        <div className="font-mono text-xs text-muted-foreground">{project.slug}</div>
                      </TableCell>
                      <TableCell>
                        <ProjectStatusBadge status={project.status} />
                      </TableCell>
                      <TableCell className="whitespace-nowrap text-muted-foreground">
                        {project.lastTrafficAt ? <RelativeTime date={project.lastTrafficAt} locale={locale} now={now} /> : t("neverTraffic")}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {canManage ? <AddProjectForm team={team.slug} /> : null}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

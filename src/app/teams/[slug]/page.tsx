import { ArrowUpRight, FolderPlus } from "lucide-react";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddProjectForm } from "@/components/add-project-form";
import { PlanBadge } from "@/components/plan-badge";
import { ProjectStatusBadge } from "@/components/project-status-badge";
import { RelativeTime } from "@/components/relative-time";
import { EmptyState, PageHeading } from "@/components/states";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate, formatMegabytes, formatMoney, formatRelative } from "@/lib/format";
import { PLANS, isUnlimited } from "@/lib/plans";
import { getTeamForPage } from "@/trpc/server";

type TParams = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  const team = await getTeamForPage((await params).slug);
  const t = await getTranslations("overview");
  return { title: team ? `${t("title")} – ${team.name}` : t("title") };
}

export default async function OverviewPage({ params }: TParams) {
  const team = await getTeamForPage((await params).slug);
  if (!team) notFound();
  const t = await getTranslations("overview");
  const locale = await getLocale();
  const now = Date.now();
  const canManage = team.role === "owner" || team.role === "admin";
  const tp = await getTranslations("plans");
  const plan = PLANS[team.plan];
  const count = (n: number) => (isUnlimited(n) ? t("unlimited") : String(n));

  return (
    <div className="space-y-6">
      <PageHeading title={team.name} />
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
            <h3 className="font-medium">{t("limitsTitle", { plan: tp(team.plan) })}</h3>
            <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5">
              {[
                [t("limitProjects"), count(plan.maxProjects)],
                [t("limitMembers"), count(plan.maxMembers)],
                [t("limitTraffic"), formatMegabytes(plan.maxTrafficGbPerMonth * 1024, locale)],
                [t("limitStorage"), formatMegabytes(plan.maxStorageMb, locale)],
                [t("limitCpu"), t("cpuCores", { cores: plan.maxCpu })],
                [t("limitMemory"), formatMegabytes(plan.maxMemoryMb, locale)],
                [t("limitCustomDomains"), plan.customDomains ? t("yes") : t("no")],
              ].map(([term, value]) => (
                <div key={term} className="contents">
                  <dt className="text-muted-foreground">{term}</dt>
                  <dd className="text-right font-medium tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
          {team.plan === "free" ? (
            <CardFooter className="justify-between">
              <Link href={`/teams/${team.slug}/billing`} className={buttonVariants()}>
                <ArrowUpRight aria-hidden />
                {t("upgrade")}
              </Link>
              <span className="text-xs text-muted-foreground">
                {t("upgradePrice", { price: formatMoney(PLANS.pay_as_you_go.priceCents, PLANS.pay_as_you_go.currency, locale) })}
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
                <TableHeader>
                  <TableRow className="hover:bg-transparent">
                    <TableHead>{t("colProject")}</TableHead>
                    <TableHead>{t("colStatus")}</TableHead>
                    <TableHead>{t("colLastTraffic")}</TableHead>
                  </TableRow>
                </TableHeader>
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

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/states";
import { UsageDashboard, type TUsageInitial } from "@/components/usage/usage-dashboard";
import { addMonths, dayOf, monthKey, monthOf, parseMonthKey } from "@/lib/usage-period";
import { DEFAULT_USAGE_VIEW, isUsageRange, usageView } from "@/lib/usage-range";
import { getServerCaller, getTeamForPage, logCrash } from "@/trpc/server";
import { teamPageMetadata } from "@/app/teams/[slug]/team-page";
import { clock } from "@/lib/clock";

type TProps = { params: Promise<{ slug: string }>; searchParams: Promise<{ month?: string | string[]; range?: string | string[] }> };

/** How many months the picker offers, the current one included. */
const PICKER_MONTHS = 12;

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  return teamPageMetadata((await params).slug, "usage");
}

export default async function UsagePage({ params, searchParams }: TProps) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const team = await getTeamForPage(slug);
  if (!team) notFound();
  const t = await getTranslations("usage");

  // The range or month in the address if it is a real one (a month not in the future); otherwise
  // the last 30 days (spec 18.3: the 1st of a month still shows a month of data).
  const now = clock.now();
  const current = monthKey(monthOf(now));
  const requested = typeof query.month === "string" ? parseMonthKey(query.month) : null;
  const month = requested && monthKey(requested) <= current ? monthKey(requested) : null;
  const range = typeof query.range === "string" && isUsageRange(query.range) ? query.range : null;
  const viewKey = range ?? month ?? DEFAULT_USAGE_VIEW;
  const view = usageView(viewKey, now)!;
  const months = Array.from({ length: PICKER_MONTHS }, (_, i) => monthKey(addMonths(monthOf(now), -i)));
  if (month && !months.includes(month)) months.push(month);

  // The first view is read here, so the page arrives drawn; others load in the browser.
  // A failure is left to the browser, which shows the API's message and a retry.
  let initial: TUsageInitial | undefined;
  try {
    const caller = await getServerCaller();
    const [summary, daily] = await Promise.all([
      caller.usage.summary({ team: team.slug, month: view.month }),
      caller.usage.daily({ team: team.slug, from: view.from, to: view.to }),
    ]);
    initial = { view: viewKey, summary, daily };
  } catch (err) {
    logCrash(err);
  }

  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p className="w-full text-sm text-muted-foreground">{t("description")}</p>
      </PageHeading>
      <UsageDashboard team={team.slug} months={months} initialView={viewKey} today={dayOf(now)} initial={initial} />
    </div>
  );
}

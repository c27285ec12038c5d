import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/states";
import { UsageDashboard, type TUsageInitial } from "@/components/usage/usage-dashboard";
import { addMonths, dayOf, monthDays, monthKey, monthOf, parseMonthKey } from "@/lib/usage-period";
import { getServerCaller, getTeamForPage, logCrash } from "@/trpc/server";
import { teamPageMetadata } from "@/app/teams/[slug]/team-page";
import { clock } from "@/lib/clock";

type TProps = { params: Promise<{ slug: string }>; searchParams: Promise<{ month?: string | string[] }> };

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

  // The month in the address if it is a real one and not in the future; otherwise this month (UTC).
  const now = clock.now();
  const current = monthKey(monthOf(now));
  const requested = typeof query.month === "string" ? parseMonthKey(query.month) : null;
  const month = requested && monthKey(requested) <= current ? monthKey(requested) : current;
  const months = Array.from({ length: PICKER_MONTHS }, (_, i) => monthKey(addMonths(monthOf(now), -i)));
  if (!months.includes(month)) months.push(month);

  // The first month is read here, so the page arrives drawn; other months load in the browser.
  // A failure is left to the browser, which shows the API's message and a retry.
  let initial: TUsageInitial | undefined;
  try {
    const caller = await getServerCaller();
    const { first, last } = monthDays(parseMonthKey(month)!);
    const [summary, daily] = await Promise.all([
      caller.usage.summary({ team: team.slug, month }),
      caller.usage.daily({ team: team.slug, from: first, to: last }),
    ]);
    initial = { month, summary, daily };
  } catch (err) {
    logCrash(err);
  }

  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p className="w-full text-sm text-muted-foreground">{t("description")}</p>
      </PageHeading>
      <UsageDashboard team={team.slug} months={months} initialMonth={month} today={dayOf(now)} initial={initial} />
    </div>
  );
}

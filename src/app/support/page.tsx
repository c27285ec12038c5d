import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/states";
import { parseQueueFilters } from "@/components/support/queue-filters";
import { SupportQueue } from "@/components/support/support-queue";
import { SupportStatsPanel } from "@/components/support/support-stats";

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("console");
  return { title: t("title") };
}

export default async function SupportQueuePage({ searchParams }: TProps) {
  const filters = parseQueueFilters(await searchParams);
  const t = await getTranslations("console");
  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p className="w-full text-sm text-muted-foreground">{t("description")}</p>
      </PageHeading>
      <SupportQueue initialFilters={filters} />
      <SupportStatsPanel />
    </div>
  );
}

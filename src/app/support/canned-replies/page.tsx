import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/states";
import { CannedRepliesManager } from "@/components/support/canned-replies-manager";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("canned");
  return { title: t("title") };
}

/** The staff's canned texts (spec 19); the console's layout has already turned away everyone but staff. */
export default async function CannedRepliesPage() {
  const t = await getTranslations("canned");
  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p className="w-full text-sm text-muted-foreground">{t("description")}</p>
      </PageHeading>
      <CannedRepliesManager />
    </div>
  );
}

import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RevenueDashboard } from "@/components/admin/revenue-dashboard";
import { PageHeading } from "@/components/states";
import { getServerCaller } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

/** The admin revenue page (spec 17); the layout has already turned away everyone but admins. */
export default async function AdminPage() {
  const caller = await getServerCaller();
  let report: Awaited<ReturnType<typeof caller.admin.revenue>>;
  try {
    report = await caller.admin.revenue();
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "UNAUTHORIZED")) notFound();
    throw err;
  }
  const t = await getTranslations("admin");
  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p className="w-full text-sm text-muted-foreground">{t("description")}</p>
        <Link href="/admin/audit" className="text-sm font-medium text-primary underline-offset-4 hover:underline" data-testid="admin-audit-link">
          {t("auditLink")}
        </Link>
      </PageHeading>
      <RevenueDashboard report={report} />
    </div>
  );
}

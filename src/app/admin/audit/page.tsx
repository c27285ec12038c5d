import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ArrowLeft } from "lucide-react";
import { StaffAudit } from "@/components/admin/staff-audit";
import { PageHeading } from "@/components/states";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("auditTitle") };
}

/** The audit of support's actions from tickets (spec 19); the layout has already turned away everyone but admins. */
export default async function AdminAuditPage() {
  const t = await getTranslations("admin");
  return (
    <div className="space-y-6">
      <Link href="/admin" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        {t("title")}
      </Link>
      <PageHeading title={t("auditTitle")}>
        <p className="w-full text-sm text-muted-foreground">{t("auditDescription")}</p>
      </PageHeading>
      <StaffAudit />
    </div>
  );
}

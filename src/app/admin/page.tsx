import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppHeader } from "@/components/app-header";
import { RevenueDashboard } from "@/components/admin/revenue-dashboard";
import { PageHeading } from "@/components/states";
import { getServerCaller } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

/** The admin revenue page (spec 17): the global role admin only; anyone else, signed in or not, gets "Page not found". */
export default async function AdminPage() {
  const caller = await getServerCaller();
  let report: Awaited<ReturnType<typeof caller.admin.revenue>>;
  try {
    report = await caller.admin.revenue();
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "UNAUTHORIZED")) notFound();
    throw err;
  }
  const [me, teams, t] = await Promise.all([caller.me(), caller.teams.list(), getTranslations("admin")]);
  return (
    <>
      <AppHeader email={me.email} teams={teams} />
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-6 sm:px-6 sm:py-8">
        <PageHeading title={t("title")}>
          <p className="w-full text-sm text-muted-foreground">{t("description")}</p>
        </PageHeading>
        <RevenueDashboard report={report} />
      </main>
    </>
  );
}

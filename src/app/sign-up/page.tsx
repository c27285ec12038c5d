import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { env } from "@/env.js";
import { safeNextPath } from "@/lib/safe-redirect";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getCurrentUser } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signUp");
  return { title: t("submit") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next, env.BASE_URL);
  if (await getCurrentUser()) redirect(next);
  const t = await getTranslations("signUp");
  return (
    <AuthShell title={t("title")} subtitle={t("subtitle")}>
      <SignUpForm next={next} />
    </AuthShell>
  );
}

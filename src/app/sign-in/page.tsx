import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { env } from "@/env.js";
import { safeNextPath } from "@/lib/safe-redirect";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("submit") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next, env.BASE_URL);
  if (await getCurrentUser()) redirect(next);
  const t = await getTranslations("signIn");
  return (
    <AuthShell title={t("title")} subtitle={t("subtitle")}>
      <SignInForm next={next} />
    </AuthShell>
  );
}

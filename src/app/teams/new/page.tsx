import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { NewTeamForm } from "@/components/new-team-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { getCurrentUser, getServerCaller } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("newTeam");
  return { title: t("title") };
}

export default async function NewTeamPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?next=/teams/new");
  const teams = await (await getServerCaller()).teams.list();
  const t = await getTranslations("newTeam");
  return (
    <>
      <AppHeader email={user.email} teams={teams} />
      <main className="mx-auto max-w-xl space-y-6 px-4 py-8 sm:px-6">
        {teams.length === 0 ? <Alert>{t("noTeamsYet")}</Alert> : null}
        <Card>
          <CardHeader>
            <h1 className="text-xl font-semibold tracking-tight">{t("title")}</h1>
            <CardDescription>{t("subtitle")}</CardDescription>
          </CardHeader>
          <CardContent>
            <NewTeamForm />
          </CardContent>
        </Card>
      </main>
    </>
  );
}

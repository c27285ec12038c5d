import { redirect } from "next/navigation";
import { getCurrentUser, getServerCaller } from "@/trpc/server";

/** The console's front door: sign in, then the first team, or make one. */
export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const teams = await (await getServerCaller()).teams.list();
  const first = teams[0];
  redirect(first ? `/teams/${first.slug}` : "/teams/new");
}

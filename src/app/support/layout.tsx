import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { ConsoleNav } from "@/components/support/console-nav";
import { getServerCaller } from "@/trpc/server";

/** The support console: signed in (else sign-in), and support staff or admin (anyone else: "Page not found"). */
export default async function SupportConsoleLayout({ children }: { children: ReactNode }) {
  const caller = await getServerCaller();
  let me: Awaited<ReturnType<typeof caller.me>> | null = null;
  try {
    me = await caller.me();
  } catch (err) {
    if (!(err instanceof TRPCError && err.code === "UNAUTHORIZED")) throw err;
  }
  if (!me) redirect("/sign-in?next=/support");
  if (me.role !== "support" && me.role !== "admin") notFound();
  const teams = await caller.teams.list();
  return (
    <>
      <AppHeader email={me.email} teams={teams} nav={<ConsoleNav />} />
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </>
  );
}

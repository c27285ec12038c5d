import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { getServerCaller } from "@/trpc/server";

/**
 * The admin console (spec 17): the global role admin only. Anyone else, signed in or not, gets
 * "Page not found" with a 404, decided here, outside the page's loading boundary, before anything streams.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const caller = await getServerCaller();
  let me: Awaited<ReturnType<typeof caller.me>> | null = null;
  try {
    me = await caller.me();
  } catch (err) {
    if (!(err instanceof TRPCError && err.code === "UNAUTHORIZED")) throw err;
  }
  if (me?.role !== "admin") notFound();
  const teams = await caller.teams.list();
  return (
    <>
      <AppHeader email={me.email} teams={teams} />
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </>
  );
}

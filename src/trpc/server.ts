import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { cache } from "react";
import { appRouter } from "@/server/api/root";
import { createRequestContext } from "@/server/api/request-auth";
import { createCallerFactory } from "@/server/api/trpc";
import { logError } from "@/server/log";

const createCaller = createCallerFactory(appRouter);

// One context (and so one session lookup) per request, however many components ask.
const getRequestContext = cache(async () => createRequestContext({ headers: await headers() }));

/** The tRPC API called in-process by React Server Components, as the signed-in user. */
export const getServerCaller = cache(async () => createCaller(await getRequestContext()));

/** The signed-in user, or null when nobody is. */
export const getCurrentUser = cache(async () => (await getRequestContext()).user ?? null);

/**
 * The team as its member sees it, once per request; null when the caller may not see it (or is
 * signed out: the team layout, rendered alongside the page, redirects to sign-in then).
 */
export const getTeamForPage = cache(async (slug: string) => {
  const caller = await getServerCaller();
  try {
    return await caller.teams.get({ team: slug });
  } catch (err) {
    if (err instanceof TRPCError && ["NOT_FOUND", "BAD_REQUEST", "UNAUTHORIZED"].includes(err.code)) return null;
    throw err;
  }
});

/** Logs a failed server-side read if it is a crash; a refusal (a team or payment the caller may not see) is no news. */
export function logCrash(err: unknown): void {
  if (!(err instanceof TRPCError) || err.code === "INTERNAL_SERVER_ERROR")
    logError("a page's read failed", err instanceof TRPCError ? (err.cause ?? err) : err);
}

/**
 * What a page reads first, or null when it fails: the failure is left to the browser, which shows
 * the API's message and a retry. Only a crash is logged.
 */
export async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (err) {
    logCrash(err);
    return null;
  }
}

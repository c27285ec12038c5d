"use server";

import { cookies } from "next/headers";
import { refresh } from "next/cache";
import { LOCALE_COOKIE, isLocale } from "@/lib/locales";
import { getDb } from "@/server/db-config";
import { setUserLocale } from "@/server/services/auth/user-locale";
import { getCurrentUser } from "@/trpc/server";

/**
 * The language switch (spec 14.6): the choice is kept in this browser for a year and, for a
 * signed-in user, stored on the account (`user.locale`), so every device they sign in on follows
 * it; the next render reads it (src/i18n/request.ts). Only the caller's own account is changed.
 */
export async function setLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  const store = await cookies();
  store.set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  const current = await getCurrentUser();
  if (current) await setUserLocale(await getDb(), current.id, locale);
  refresh();
}

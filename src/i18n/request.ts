import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getDb } from "@/server/db-config";
import { logError } from "@/server/log";
import { adoptUserLocale, getUserLocale } from "@/server/services/auth/user-locale";
import { getCurrentUser } from "@/trpc/server";
import { LOCALE_COOKIE, isLocale, type TLocale } from "@/lib/locales";
import { browserLocale } from "@/lib/locale-negotiation";

/** The app's texts: messages/<locale>.json plus one file per area (messages/<area>.<locale>.json). */
async function loadMessages(locale: TLocale) {
  const [base, support, payments] = await Promise.all([
    import(`../../messages/${locale}.json`),
    import(`../../messages/support.${locale}.json`),
    import(`../../messages/payments.${locale}.json`),
  ]);
  return { ...base.default, ...support.default, ...payments.default };
}

/**
 * The signed-in user's stored language (null when nobody is signed in, or they never chose). A
 * choice this browser made before signing in becomes the account's when it has none yet. A
 * database that cannot be read leaves the page to the browser's own choice.
 */
async function accountLocale(cookie: string | undefined): Promise<TLocale | null> {
  try {
    const current = await getCurrentUser();
    if (!current) return null;
    const db = await getDb();
    const stored = await getUserLocale(db, current.id);
    if (stored || !isLocale(cookie)) return stored;
    return await adoptUserLocale(db, current.id, cookie);
  } catch (err) {
    logError("reading the user's language", err);
    return null;
  }
}

// Spec 14.6: the account's choice, then this browser's (the cookie), then its Accept-Language, then English.
export default getRequestConfig(async () => {
  const store = await cookies();
  const requestHeaders = await headers();
  const cookie = store.get(LOCALE_COOKIE)?.value;
  const locale = browserLocale({ account: await accountLocale(cookie), cookie, acceptLanguage: requestHeaders.get("accept-language") });
  return { locale, timeZone: "UTC", messages: await loadMessages(locale) };
});

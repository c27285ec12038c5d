import { LOCALE_COOKIE, type TLocale } from "@/lib/locales";
import { browserLocale, cookieValue, negotiateLocale, tokenLocale } from "@/lib/locale-negotiation";
import type { Db } from "@/server/db/client";
import { logError } from "@/server/log";
import { getUserLocale } from "@/server/services/auth/user-locale";

/** How the caller of a request was authenticated (the context's `auth`). */
export type TCallerAuth = "session" | "token" | "none" | "invalid_token" | "malformed_authorization";

/**
 * The reader's language for an API answer (spec 14.6): a browser session reads its account's
 * choice, then its cookie, then its Accept-Language; a Bearer call reads Accept-Language, then the
 * token owner's choice; English otherwise. `user.locale` is read only when it can decide, and a
 * failed read falls back to what the request says (an error answer must never fail for this).
 */
export async function resolveRequestLocale(db: Db | null, input: { headers?: Headers | null; auth: TCallerAuth; userId?: string | null }): Promise<TLocale> {
  const acceptLanguage = input.headers?.get("accept-language") ?? null;
  const cookie = cookieValue(input.headers?.get("cookie"), LOCALE_COOKIE);
  const account = async () => {
    if (!db || !input.userId) return null;
    try {
      return await getUserLocale(db, input.userId);
    } catch (err) {
      logError("reading the user's language", err);
      return null;
    }
  };
  if (input.auth === "token") {
    // The account is read only when the script asked for no language we have.
    return tokenLocale({ acceptLanguage, account: negotiateLocale(acceptLanguage) ? null : await account() });
  }
  return browserLocale({ account: input.userId ? await account() : null, cookie, acceptLanguage });
}

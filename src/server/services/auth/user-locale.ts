import { and, eq, isNull, sql } from "drizzle-orm";
import { isLocale, type TLocale } from "@/lib/locales";
import { emailLocale, isFrancophoneCountry } from "@/lib/locale-negotiation";
import { rowsOf, type Db } from "@/server/db/client";
import { user } from "@/server/db/schema";

/** The language a user chose (spec 14.6), or null while they have not chosen. */
export async function getUserLocale(db: Db, userId: string): Promise<TLocale | null> {
  const [row] = await db.select({ locale: user.locale }).from(user).where(eq(user.id, userId)).limit(1);
  return isLocale(row?.locale) ? row.locale : null;
}

/** Stores a user's language choice (the language switch); it then wins on every device they sign in on. */
export async function setUserLocale(db: Db, userId: string, locale: TLocale): Promise<void> {
  await db.update(user).set({ locale }).where(eq(user.id, userId));
}

/**
 * The choice a browser made before its user signed in becomes the account's, only while the
 * account has none (a later choice on another device is never overwritten). Answers the account's
 * language after the call.
 */
export async function adoptUserLocale(db: Db, userId: string, locale: TLocale): Promise<TLocale> {
  const [row] = await db
    .update(user)
    .set({ locale })
    .where(and(eq(user.id, userId), isNull(user.locale)))
    .returning({ locale: user.locale });
  return isLocale(row?.locale) ? row.locale : ((await getUserLocale(db, userId)) ?? locale);
}

/**
 * The language of an e-mail about the account itself (no team in view): the user's choice, else
 * French when one of their teams is billed in a francophone country, else English.
 */
export async function accountEmailLocale(db: Db, userId: string): Promise<TLocale> {
  const [row] = rowsOf<{ locale: string | null; countries: string[] | null }>(
    await db.execute(sql`
      select u.locale, array_remove(array_agg(b.country), null) as countries
      from "user" u
      left join team_member m on m.user_id = u.id
      left join billing_profile b on b.team_id = m.team_id
      where u.id = ${userId}
      group by u.locale`),
  );
  return emailLocale({ userLocale: row?.locale, country: (row?.countries ?? []).find((c) => isFrancophoneCountry(c)) ?? null });
}

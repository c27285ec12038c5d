import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { clock } from "@/lib/clock";
import { rowsOf, type Db } from "@/server/db/client";
import { signInGuard, user } from "@/server/db/schema";
import { sendQuietly, type TMailer } from "@/server/integrations/mailer";
import { signInPausedMail } from "@/server/services/notifications/mail-text";
import { accountEmailLocale } from "./user-locale";

/** Spec 13: 10 failed sign-ins in 15 minutes block that address's sign-in for the rest of the window. */
export const ACCOUNT_FAILURE_LIMIT = 10;
export const ACCOUNT_WINDOW_MS = 15 * 60_000;

/** The key of an address: its sha256, lowercased, so unknown addresses are not stored in clear. */
export function signInKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase(), "utf8").digest("hex");
}

/** Seconds until the address may sign in again, or 0 when it is not blocked. */
export async function signInBlockedFor(db: Db, email: string, now = clock.now()): Promise<number> {
  const [row] = await db
    .select()
    .from(signInGuard)
    .where(eq(signInGuard.emailKey, signInKey(email)))
    .limit(1);
  if (!row || row.failures < ACCOUNT_FAILURE_LIMIT) return 0;
  const endsMs = row.windowStartedAt.getTime() + ACCOUNT_WINDOW_MS;
  return endsMs > now.getTime() ? Math.ceil((endsMs - now.getTime()) / 1000) : 0;
}

/**
 * Counts a failed sign-in for the address (known or not: the answer is the same for both). The
 * count and its window are one atomic upsert, so concurrent failures are all counted. When this
 * failure starts a block and the address has an account, its owner is e-mailed once (SMTP).
 */
export async function recordSignInFailure(
  db: Db,
  input: { email: string; mailer?: TMailer | null; now?: Date },
): Promise<{ failures: number; blocked: boolean }> {
  const now = input.now ?? clock.now();
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - ACCOUNT_WINDOW_MS).toISOString();
  const [row] = rowsOf<{ failures: number; notify: boolean }>(
    await db.execute(sql`
      insert into sign_in_guard (email_key, window_started_at, failures)
      values (${signInKey(input.email)}, ${at}::timestamptz, 1)
      on conflict (email_key) do update set
        failures = case when sign_in_guard.window_started_at <= ${windowStart}::timestamptz then 1 else sign_in_guard.failures + 1 end,
        window_started_at = case when sign_in_guard.window_started_at <= ${windowStart}::timestamptz then ${at}::timestamptz else sign_in_guard.window_started_at end,
        notified_at = case when sign_in_guard.window_started_at <= ${windowStart}::timestamptz then null else sign_in_guard.notified_at end
      returning failures, (failures = ${ACCOUNT_FAILURE_LIMIT}) as notify`),
  );
  const failures = Number(row!.failures);
  if (row!.notify && input.mailer) {
    const [owner] = await db
      .select({ id: user.id, email: user.email })
      .from(user)
      .where(sql`lower(${user.email}) = ${input.email.trim().toLowerCase()}`)
      .limit(1);
    if (owner) {
      await db
        .update(signInGuard)
        .set({ notifiedAt: now })
        .where(eq(signInGuard.emailKey, signInKey(input.email)));
      const locale = await accountEmailLocale(db, owner.id);
      const mail = signInPausedMail({ failures: ACCOUNT_FAILURE_LIMIT, minutes: ACCOUNT_WINDOW_MS / 60_000 }, locale);
      await sendQuietly(input.mailer, { ...mail, to: [owner.email], locale });
    }
  }
  return { failures, blocked: failures >= ACCOUNT_FAILURE_LIMIT };
}

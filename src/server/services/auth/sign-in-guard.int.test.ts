import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { startSmtpServer } from "../../../../test/smtp";
import { clock } from "@/lib/clock";
import type { DbHandle } from "@/server/db/client";
import { createMailer } from "@/server/integrations/mailer";
import { ACCOUNT_FAILURE_LIMIT, ACCOUNT_WINDOW_MS, recordSignInFailure, signInBlockedFor } from "./sign-in-guard";

let h: DbHandle;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  h = await openTestDb(12);
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await h.close();
});

describe("the per-account sign-in limit", () => {
  it("10 failures block the address until its 15-minute window ends; the owner is e-mailed once", async () => {
    const u = await insertUser(h);
    const mailer = createMailer(smtp.url);
    const start = clock.now();
    // Concurrent failures are all counted (one atomic upsert each).
    await Promise.all(Array.from({ length: ACCOUNT_FAILURE_LIMIT - 1 }, () => recordSignInFailure(h.db, { email: u.email, mailer, now: start })));
    expect(await signInBlockedFor(h.db, u.email, start)).toBe(0);
    const tenth = await recordSignInFailure(h.db, { email: u.email.toUpperCase(), mailer, now: new Date(start.getTime() + 1000) });
    expect(tenth).toEqual({ failures: ACCOUNT_FAILURE_LIMIT, blocked: true });
    expect(await signInBlockedFor(h.db, ` ${u.email} `, new Date(start.getTime() + 60_000))).toBe(ACCOUNT_WINDOW_MS / 1000 - 60);
    await recordSignInFailure(h.db, { email: u.email, mailer, now: new Date(start.getTime() + 2000) });
    const mails = smtp.received.filter((m) => m.to.includes(u.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("[Servelink] Sign-in to your account is paused for 15 minutes");
    // The window over, the address may try again, from a fresh count.
    const later = new Date(start.getTime() + ACCOUNT_WINDOW_MS + 1000);
    expect(await signInBlockedFor(h.db, u.email, later)).toBe(0);
    expect(await recordSignInFailure(h.db, { email: u.email, mailer, now: later })).toEqual({ failures: 1, blocked: false });
  });

  it("an address without an account is counted and blocked alike, and nobody is e-mailed", async () => {
    const before = smtp.received.length;
    const email = `nobody-${Date.now()}@example.com`;
    const now = clock.now();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) await recordSignInFailure(h.db, { email, mailer: createMailer(smtp.url), now });
    expect(await signInBlockedFor(h.db, email, now)).toBe(ACCOUNT_WINDOW_MS / 1000);
    expect(smtp.received.length).toBe(before);
  });
});

import { and, desc, eq, lt } from "drizzle-orm";
import { LEDGER_PAGE_MAX, type TBalanceEntryKind } from "@/lib/balance";
import { newId } from "@/lib/ids";
import { fromMinor, plainAmount, type TCurrency } from "@/lib/money";
import type { Db } from "@/server/db/client";
import { balanceEntry, teamSubscription } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { getBillingProfile } from "./billing-profile";

/**
 * The prepaid balance (spec 15): an append-only ledger per team. Every write holds the team's
 * subscription row (the team's billing lock, as a new payment and a currency change do), so the
 * debits of one team are serialised; `balance_after_minor >= 0` and the unique `(team_id, seq)`
 * are the database's own guard behind that.
 */

export type TBalanceEntryRow = typeof balanceEntry.$inferSelect;

export interface TBalance {
  currency: TCurrency;
  balanceMinor: number;
  /** The last entry's number (0: no entry yet). */
  seq: number;
}

/** Takes the team's billing lock for the rest of the transaction (its subscription row). */
export async function lockTeamBilling(tx: Db, teamId: string) {
  const [sub] = await tx.select().from(teamSubscription).where(eq(teamSubscription.teamId, teamId)).for("update");
  if (!sub) throw new DomainError("NOT_FOUND", "Team not found.");
  return sub;
}

/**
 * The balance: the last entry's `balance_after_minor` (one indexed row, not a sum). A team whose
 * currency changed while its balance was 0 starts again from 0 in the new one.
 */
export async function readBalance(db: Db, teamId: string): Promise<TBalance> {
  const profile = await getBillingProfile(db, teamId);
  const [last] = await db
    .select({ seq: balanceEntry.seq, after: balanceEntry.balanceAfterMinor, currency: balanceEntry.currency })
    .from(balanceEntry)
    .where(eq(balanceEntry.teamId, teamId))
    .orderBy(desc(balanceEntry.seq))
    .limit(1);
  if (!last) return { currency: profile.currency, balanceMinor: 0, seq: 0 };
  return { currency: profile.currency, balanceMinor: last.currency === profile.currency ? last.after : 0, seq: last.seq };
}

export interface TNewEntry {
  teamId: string;
  kind: TBalanceEntryKind;
  /** Signed: money in is positive, a purchase negative. */
  amountMinor: number;
  currency: TCurrency;
  paymentId?: string | null;
  resourceId?: string | null;
  actorUserId?: string | null;
  note?: string | null;
  /** A renewal: the end of the period it renewed from (one renewal per item and period). */
  periodEnd?: Date | null;
  now: Date;
}

/** A debit the balance does not cover: 409 `balance_too_low`, with what is missing. */
export function balanceTooLow(shortfallMinor: number, currency: TCurrency, what: string): DomainError {
  return new DomainError(
    "CONFLICT",
    `The balance does not cover ${what}: ${plainAmount(shortfallMinor, currency)} more is needed. Top up the balance on the Billing page, or pay another way.`,
    {
      reason: "balance_too_low",
      details: { shortfall_minor: shortfallMinor, currency },
      exposed: { shortfall: fromMinor(shortfallMinor, currency), shortfall_minor: shortfallMinor, currency },
    },
  );
}

/**
 * Appends an entry. The caller holds the team's billing lock (`lockTeamBilling`) in `tx`. A debit
 * the balance does not cover is `balance_too_low` and writes nothing. `known`: the balance the
 * caller read under that lock (and kept up to date with what it appended), so it is not read again.
 */
export async function appendEntry(tx: Db, entry: TNewEntry, what = "this purchase", known?: TBalance): Promise<TBalanceEntryRow> {
  const current = known ?? (await readBalance(tx, entry.teamId));
  if (current.currency !== entry.currency) {
    throw new DomainError("CONFLICT", `The team's balance is in ${current.currency}, not ${entry.currency}.`, { reason: "currency_changed" });
  }
  const after = current.balanceMinor + entry.amountMinor;
  if (after < 0) throw balanceTooLow(-after, entry.currency, what);
  const [row] = await tx
    .insert(balanceEntry)
    .values({
      id: newId("bal"),
      teamId: entry.teamId,
      seq: current.seq + 1,
      kind: entry.kind,
      amountMinor: entry.amountMinor,
      currency: entry.currency,
      balanceAfterMinor: after,
      paymentId: entry.paymentId ?? null,
      resourceId: entry.resourceId ?? null,
      actorUserId: entry.actorUserId ?? null,
      note: entry.note ?? null,
      periodEnd: entry.periodEnd ?? null,
      createdAt: entry.now,
    })
    .returning();
  return row!;
}

/** The notes' shape of an entry: amounts in major units, minor units beside. */
export function toEntryView(e: TBalanceEntryRow) {
  return {
    id: e.id,
    kind: e.kind,
    amount: fromMinor(e.amountMinor, e.currency),
    amount_minor: e.amountMinor,
    balance_after: fromMinor(e.balanceAfterMinor, e.currency),
    balance_after_minor: e.balanceAfterMinor,
    currency: e.currency,
    payment_id: e.paymentId,
    resource_id: e.resourceId,
    created_at: e.createdAt,
    note: e.note,
  };
}
export type TBalanceEntryView = ReturnType<typeof toEntryView>;

/**
 * One page of the ledger, newest first: `limit` entries (1 to LEDGER_PAGE_MAX) before the entry
 * numbered `before` (the previous page's `next_before`), or from the newest.
 */
export async function listLedger(db: Db, teamId: string, opts: { limit?: number; before?: number | null } = {}) {
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), LEDGER_PAGE_MAX);
  const rows = await db
    .select()
    .from(balanceEntry)
    .where(and(eq(balanceEntry.teamId, teamId), opts.before ? lt(balanceEntry.seq, opts.before) : undefined))
    .orderBy(desc(balanceEntry.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { entries: page.map(toEntryView), next_before: rows.length > limit ? page[page.length - 1]!.seq : null };
}

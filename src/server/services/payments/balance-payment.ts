import type { TBalanceEntryKind } from "@/lib/balance";
import { clock } from "@/lib/clock";
import type { TCurrency } from "@/lib/money";
import type { Db } from "@/server/db/client";
import { payment } from "@/server/db/schema";
import { completePurchase, type TPaymentRow } from "./payment-state";
import { appendEntry, lockTeamBilling } from "@/server/services/billing/balance";

type TNewPayment = Omit<typeof payment.$inferInsert, "provider" | "paymentMethod" | "status" | "completedAt" | "currency"> & { currency: TCurrency };

/** The ledger's word for what a purchase from the balance buys. */
const ENTRY_KIND: Record<"plan_upgrade" | "addon_purchase" | "addon_renewal", TBalanceEntryKind> = {
  plan_upgrade: "renewal",
  addon_purchase: "addon",
  addon_renewal: "addon_renewal",
};

/**
 * A purchase paid from the prepaid balance (spec 15, `payment_method: "balance"`): no provider is
 * called. Under the team's billing lock, in one transaction: whatever the purchase needs first
 * (`before`, e.g. the add-on's row), the `payment` row created `completed` (provider and method
 * `balance`), its ledger entry, what needs the payment (`after`), and the purpose's effects with
 * the notice and the receipt, as any completed payment. A balance that does not cover it is a 409 `balance_too_low` with the shortfall, and
 * nothing is written.
 */
export async function payFromBalance(
  db: Db,
  values: TNewPayment & { purpose: "plan_upgrade" | "addon_purchase" | "addon_renewal" },
  opts: { what: string; before?: (tx: Db) => Promise<void>; after?: (tx: Db, paid: TPaymentRow) => Promise<void> },
): Promise<TPaymentRow> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    await lockTeamBilling(tx, values.teamId);
    await opts.before?.(tx);
    const [row] = await tx
      .insert(payment)
      .values({
        ...values,
        provider: "balance",
        paymentMethod: "balance",
        status: "completed",
        completedAt: now,
        metadata: { ...values.metadata, last_update_source: "balance" },
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await appendEntry(
      tx,
      {
        teamId: values.teamId,
        kind: ENTRY_KIND[values.purpose],
        amountMinor: -values.amountMinor,
        currency: values.currency,
        paymentId: row!.id,
        resourceId: values.resourceId ?? null,
        actorUserId: values.createdBy ?? null,
        note: typeof values.metadata?.description === "string" ? values.metadata.description : null,
        now,
      },
      opts.what,
    );
    await opts.after?.(tx, row!);
    await completePurchase(tx, row!, now);
    return row!;
  });
}

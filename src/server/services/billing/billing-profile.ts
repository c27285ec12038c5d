import { and, desc, eq, inArray } from "drizzle-orm";
import { currencyFitsCountry, francOf, plainAmount, type TCurrency } from "@/lib/money";
import { OPEN_PAYMENT_STATUSES } from "@/lib/payments";
import type { TOperator } from "@/lib/mobile-money";
import { clock } from "@/lib/clock";
import type { TUpdateBillingProfile } from "@/lib/schemas/billing";
import type { Db } from "@/server/db/client";
import { balanceEntry, billingProfile, payment, teamSubscription } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { assertTeamRole, type TTeamAccess } from "@/server/services/teams/teams";
import type { TDocumentLanguage } from "@/lib/documents";
import { documentLanguageOf } from "@/server/services/documents/issue";

export interface TBillingProfile {
  currency: TCurrency;
  country: string | null;
  /** The Mobile Money number (E.164) and operator the team paid with last. */
  lastPayerPhone: string | null;
  lastOperator: TOperator | null;
  /** The buyer on receipts and statements (spec 16). */
  legalName: string | null;
  address: string | null;
  taxId: string | null;
  billingEmail: string | null;
  documentLanguage: TDocumentLanguage | null;
}

const DEFAULT_PROFILE: TBillingProfile = {
  currency: "EUR",
  country: null,
  lastPayerPhone: null,
  lastOperator: null,
  legalName: null,
  address: null,
  taxId: null,
  billingEmail: null,
  documentLanguage: null,
};

/** The team's billing profile; a team that never set one is EUR with no country (spec 14.1). */
export async function getBillingProfile(db: Db, teamId: string): Promise<TBillingProfile> {
  const [row] = await db.select().from(billingProfile).where(eq(billingProfile.teamId, teamId)).limit(1);
  if (!row) return DEFAULT_PROFILE;
  return {
    currency: row.currency,
    country: row.country,
    lastPayerPhone: row.lastPayerPhone,
    lastOperator: row.lastOperator,
    legalName: row.legalName,
    address: row.address,
    taxId: row.taxId,
    billingEmail: row.billingEmail,
    documentLanguage: row.documentLanguage,
  };
}

/** The profile in the API's shape (REST and tRPC alike). */
export function toBillingProfileView(p: TBillingProfile) {
  return {
    currency: p.currency,
    country: p.country,
    last_payer_phone: p.lastPayerPhone,
    last_operator: p.lastOperator,
    legal_name: p.legalName,
    address: p.address,
    tax_id: p.taxId,
    billing_email: p.billingEmail,
    document_language: p.documentLanguage,
    /** The language documents are issued in: `document_language`, else French for a francophone country, else English. */
    effective_document_language: documentLanguageOf({ documentLanguage: p.documentLanguage, country: p.country }),
  };
}

/**
 * Sets the team's currency and country (owners and admins). They must agree (a XOF team is in
 * UEMOA, a XAF team in CEMAC, EUR anywhere), and the currency changes only while no payment is
 * pending and no Stripe subscription renews the team: every price, payment and document of the team
 * is in its currency. The check and the write hold the team's subscription row, as a new payment does.
 */
export async function updateBillingProfile(db: Db, input: { access: TTeamAccess; body: TUpdateBillingProfile }): Promise<TBillingProfile> {
  assertTeamRole(input.access, "admin", "change the billing profile");
  const teamId = input.access.team.id;
  return db.transaction(async (tx) => {
    const [sub] = await tx.select().from(teamSubscription).where(eq(teamSubscription.teamId, teamId)).for("update");
    const current = await getBillingProfile(tx, teamId);
    const country = input.body.country === undefined ? current.country : input.body.country;
    // Choosing a franc-zone country without naming a currency moves the team to its franc.
    const currency = input.body.currency ?? (input.body.country !== undefined && country && francOf(country) ? francOf(country)! : current.currency);
    if (!currencyFitsCountry(currency, country)) {
      const franc = francOf(country);
      throw new DomainError(
        "BAD_REQUEST",
        currency === "XOF"
          ? "currency: XOF is the franc of the UEMOA countries (CI, SN, BJ, BF, ML, NE, TG, GW); set one of them as the country, or pay in EUR."
          : `currency: XAF is the franc of the CEMAC countries (CM, GA, CG, TD, CF, GQ); set one of them as the country, or pay in ${franc ?? "EUR"}.`,
        { reason: "currency_country_mismatch" },
      );
    }
    if (currency !== current.currency) {
      const open = await tx
        .select({ id: payment.id })
        .from(payment)
        .where(and(eq(payment.teamId, teamId), inArray(payment.status, OPEN_PAYMENT_STATUSES)))
        .limit(1);
      if (open.length > 0) {
        throw new DomainError("CONFLICT", "The currency cannot change while a payment is pending. Finish or cancel it on the Billing page first.", {
          reason: "payment_pending",
        });
      }
      // The prepaid balance is money in the current currency (spec 15): it is spent before the currency changes.
      const [last] = await tx
        .select({ after: balanceEntry.balanceAfterMinor, currency: balanceEntry.currency })
        .from(balanceEntry)
        .where(eq(balanceEntry.teamId, teamId))
        .orderBy(desc(balanceEntry.seq))
        .limit(1);
      if (last && last.currency === current.currency && last.after > 0) {
        throw new DomainError("CONFLICT", `The currency cannot change while the balance holds ${plainAmount(last.after, current.currency)}. Spend it first.`, {
          reason: "balance_not_empty",
        });
      }
      if (sub?.stripeSubscriptionId && (sub.stripeSubscriptionStatus === "active" || sub.stripeSubscriptionStatus === "past_due")) {
        throw new DomainError("CONFLICT", "The currency cannot change while Pro renews by card. Cancel the card renewal with “Manage card billing” first.", {
          reason: "stripe_subscription_active",
        });
      }
    }
    const now = clock.now();
    // The legal details (spec 16): a field sent is set (null or "" clears it); one not sent is kept.
    const text = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === "" ? null : v.trim());
    const legal = {
      legalName: text(input.body.legal_name),
      address: text(input.body.address),
      taxId: text(input.body.tax_id),
      billingEmail: text(input.body.billing_email),
      documentLanguage: input.body.document_language,
    };
    const set = Object.fromEntries(Object.entries(legal).filter(([, v]) => v !== undefined)) as Partial<typeof legal>;
    await tx
      .insert(billingProfile)
      .values({ teamId, currency, country, ...set, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: billingProfile.teamId, set: { currency, country, ...set, updatedAt: now } });
    return { ...current, currency, country, ...set };
  });
}

/** Keeps the number and operator a Mobile Money payment was started with, for the next one. */
export async function rememberPayer(db: Db, teamId: string, payer: { phone: string; operator: TOperator }): Promise<void> {
  const now = clock.now();
  await db
    .insert(billingProfile)
    .values({ teamId, lastPayerPhone: payer.phone, lastOperator: payer.operator, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: billingProfile.teamId, set: { lastPayerPhone: payer.phone, lastOperator: payer.operator, updatedAt: now } });
}

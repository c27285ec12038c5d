import { eq, sql, type SQL } from "drizzle-orm";
import { DEFAULT_DOCUMENT_PREFIX, DEFAULT_VAT_MENTION, DEMO_SELLER, receiptSeries, type TDocumentLanguage } from "@/lib/documents";
import { newId } from "@/lib/ids";
import { FRANCOPHONE_COUNTRIES, type TCurrency } from "@/lib/money";
import { rowsOf, type Db } from "@/server/db/client";
import { billingProfile, document, payment, team } from "@/server/db/schema";

/**
 * Issuing receipts (spec 16): in the transaction that completes a payment, its receipt's content is
 * frozen (seller, buyer, lines, amounts, language) and its number taken from the year's counter as
 * the transaction's last statement, so the counter's row lock is held for the commit only and a
 * rollback gives the number back. The PDF is rendered after the commit (./render.ts).
 */

type TPaymentRow = typeof payment.$inferSelect;

/** The seller and numbering of documents, from the environment (spec 16), with demo defaults. */
export interface TDocumentSettings {
  prefix: string;
  seller: { name: string; address: string; taxId: string };
  /** VAT in percent (0: none, and the mention is printed instead). */
  vatRate: number;
  vatMention: string;
}

/** The settings as the process environment gives them (read when a document is issued: they are frozen into it). */
export function documentSettingsFromEnv(vars: Record<string, string | undefined> = process.env): TDocumentSettings {
  const rate = Number(vars.SELLER_VAT_RATE ?? 0);
  return {
    prefix: vars.DOCUMENT_PREFIX && /^[A-Z]{2,6}$/.test(vars.DOCUMENT_PREFIX) ? vars.DOCUMENT_PREFIX : DEFAULT_DOCUMENT_PREFIX,
    seller: { name: vars.SELLER_NAME || DEMO_SELLER.name, address: vars.SELLER_ADDRESS || DEMO_SELLER.address, taxId: vars.SELLER_TAX_ID || DEMO_SELLER.taxId },
    vatRate: Number.isFinite(rate) && rate >= 0 && rate <= 100 ? rate : 0,
    vatMention: vars.SELLER_VAT_MENTION || DEFAULT_VAT_MENTION,
  };
}

/** One line of a receipt. */
export interface TReceiptLine {
  item: "pro" | "addon" | "top_up";
  resource_type?: string;
  quantity?: number;
  period_start?: string;
  period_end?: string;
  amount_minor: number;
}

/** Everything a receipt says, frozen at issue. */
export interface TReceiptContent {
  kind: "receipt";
  number: string;
  issued_at: string;
  language: TDocumentLanguage;
  currency: TCurrency;
  seller: { name: string; address: string; tax_id: string };
  buyer: { name: string; address: string | null; country: string | null; tax_id: string | null; email: string | null; team_slug: string };
  lines: TReceiptLine[];
  total_minor: number;
  net_minor: number;
  vat_minor: number;
  vat_rate: number;
  /** Printed when no VAT is charged: the seller's mention, or that VAT was charged on the top-up. */
  vat_note: "mention" | "paid_from_balance" | null;
  vat_mention: string | null;
  method: {
    kind: "mobile_money" | "credit_card" | "balance";
    operator: string | null;
    phone: string | null;
    card_brand: string | null;
    card_last4: string | null;
  };
  payment_id: string;
  transaction_id: string | null;
  stripe_invoice_number: string | null;
}

/** A team's document language: its own choice, else French for a francophone billing country, else English. */
export function documentLanguageOf(profile: { documentLanguage: TDocumentLanguage | null; country: string | null } | undefined): TDocumentLanguage {
  if (profile?.documentLanguage) return profile.documentLanguage;
  return profile?.country && (FRANCOPHONE_COUNTRIES as readonly string[]).includes(profile.country) ? "fr" : "en";
}

/** What a completed payment bought, as the receipt's lines (the effects' answer carries the new dates). */
function linesOf(p: TPaymentRow, bought: Record<string, unknown> | undefined): TReceiptLine[] {
  const at = (v: unknown) => (typeof v === "string" || v instanceof Date ? new Date(v).toISOString() : undefined);
  const metaStart = at(p.metadata.period_start);
  const metaEnd = at(p.metadata.period_end);
  if (p.purpose === "top_up") return [{ item: "top_up", amount_minor: p.amountMinor }];
  if (p.purpose === "plan_upgrade") {
    const end = metaEnd ?? at(bought?.period_end);
    const start = metaStart ?? (end ? new Date(new Date(end).getTime() - 30 * 86_400_000).toISOString() : undefined);
    return [{ item: "pro", period_start: start, period_end: end, amount_minor: p.amountMinor }];
  }
  const end = metaEnd ?? at(bought?.expires_at);
  const start = metaStart ?? (end ? new Date(new Date(end).getTime() - 30 * 86_400_000).toISOString() : undefined);
  return [
    {
      item: "addon",
      resource_type: String(bought?.resource_type ?? p.metadata.resource_type ?? ""),
      quantity: Number(bought?.quantity ?? p.metadata.quantity ?? 1),
      period_start: start,
      period_end: end,
      amount_minor: p.amountMinor,
    },
  ];
}

/** The buyer as a receipt freezes it: the team and its billing profile (all null without one). */
export interface TReceiptBuyer {
  slug: string;
  name: string;
  legalName: string | null;
  address: string | null;
  country: string | null;
  taxId: string | null;
  email: string | null;
  documentLanguage: TDocumentLanguage | null;
}

/** The team's buyer details for its receipts, or undefined for no such team. */
export async function receiptBuyerOf(tx: Db, teamId: string): Promise<TReceiptBuyer | undefined> {
  const [buyer] = await tx
    .select({
      slug: team.slug,
      name: team.name,
      legalName: billingProfile.legalName,
      address: billingProfile.address,
      country: billingProfile.country,
      taxId: billingProfile.taxId,
      email: billingProfile.billingEmail,
      documentLanguage: billingProfile.documentLanguage,
    })
    .from(team)
    .leftJoin(billingProfile, eq(billingProfile.teamId, team.id))
    .where(eq(team.id, teamId))
    .limit(1);
  return buyer;
}

/**
 * Issues the receipt of a payment that has just completed, inside its completing transaction (the
 * caller holds the payment's row). Once per payment: a payment with a receipt gets none again (the
 * check is in the numbering statement, so no number is taken for it). The number is taken last, in
 * the same statement as the document's row. `buyer`: the team's details when the caller read them
 * already (the webhook reads them with the payment). `alongside`: the completing transaction's last
 * other writes (its notice), folded into that statement as data-modifying CTEs, or run alone when
 * there is no receipt to issue.
 */
export async function issueReceipt(
  tx: Db,
  p: TPaymentRow,
  now: Date,
  opts: { bought?: Record<string, unknown>; settings?: TDocumentSettings; buyer?: TReceiptBuyer; alongside?: SQL[] } = {},
): Promise<void> {
  const alongside = opts.alongside ?? [];
  const buyer = opts.buyer ?? (await receiptBuyerOf(tx, p.teamId));
  if (!buyer) {
    for (const statement of alongside) await tx.execute(statement);
    return;
  }
  const settings = opts.settings ?? documentSettingsFromEnv();
  const language = documentLanguageOf({ documentLanguage: buyer.documentLanguage ?? null, country: buyer.country ?? null });
  const fromBalance = p.paymentMethod === "balance";
  // VAT is charged once (spec 16): on money paid in; a purchase from the balance was taxed at its top-up.
  const vatRate = fromBalance ? 0 : settings.vatRate;
  const net = vatRate > 0 ? Math.round((p.amountMinor * 100) / (100 + vatRate)) : p.amountMinor;
  const card = (p.metadata.card ?? {}) as { brand?: unknown; last4?: unknown };
  const content: Omit<TReceiptContent, "number"> = {
    kind: "receipt",
    issued_at: now.toISOString(),
    language,
    currency: p.currency as TCurrency,
    seller: { name: settings.seller.name, address: settings.seller.address, tax_id: settings.seller.taxId },
    buyer: {
      name: buyer.legalName || buyer.name,
      address: buyer.address ?? null,
      country: buyer.country ?? null,
      tax_id: buyer.taxId ?? null,
      email: buyer.email ?? null,
      team_slug: buyer.slug,
    },
    lines: linesOf(p, opts.bought),
    total_minor: p.amountMinor,
    net_minor: net,
    vat_minor: p.amountMinor - net,
    vat_rate: vatRate,
    vat_note: fromBalance ? "paid_from_balance" : vatRate > 0 ? null : "mention",
    vat_mention: !fromBalance && vatRate === 0 ? settings.vatMention : null,
    method: {
      kind: p.paymentMethod,
      operator: p.operator ?? null,
      phone: p.payerPhone ?? null,
      card_brand: typeof card.brand === "string" ? card.brand : null,
      card_last4: typeof card.last4 === "string" ? card.last4 : null,
    },
    payment_id: p.id,
    transaction_id: typeof p.metadata.transaction_id === "string" ? p.metadata.transaction_id : null,
    stripe_invoice_number: typeof p.metadata.stripe_invoice_number === "string" ? p.metadata.stripe_invoice_number : null,
  };
  const { series, year } = receiptSeries(settings.prefix, now);
  const ctes = alongside.map((statement, i) => sql`${sql.raw(`alongside_${i}`)} as (${statement}), `);
  // The last statement of the completing transaction: the counter's row is locked until the commit only.
  // A payment that has its receipt already takes no number (the insert's select is empty).
  await tx.execute(sql`
    with ${sql.join(ctes)}n as (
      insert into document_counter (series, last)
      select ${series}, 1 where not exists (select 1 from document where payment_id = ${p.id})
      on conflict (series) do update set last = document_counter.last + 1
      returning last
    ), numbered as (
      select ${settings.prefix} || '-' || ${String(year)} || '-' || lpad(n.last::text, 6, '0') as number from n
    )
    insert into document (id, team_id, number, kind, payment_id, issued_at, amount_minor, currency, language, content)
    select ${newId("doc")}, ${p.teamId}, numbered.number, 'receipt', ${p.id}, ${now.toISOString()}::timestamptz, ${p.amountMinor}, ${p.currency}, ${language},
           ${JSON.stringify(content)}::jsonb || jsonb_build_object('number', numbered.number)
    from numbered`);
}

/**
 * Receipts for completed payments that have none (those completed before receipts existed, or by
 * a path that missed one): each issued now, in its own transaction holding the payment's row, as
 * the completing transaction would. Run by the nightly `expire-resources`; a second run issues none.
 */
export async function issueMissingReceipts(db: Db, now: Date, limit = 1000): Promise<number> {
  const missing = rowsOf<{ id: string }>(
    await db.execute(sql`
      select p.id from payment p
      where p.status = 'completed' and not exists (select 1 from document d where d.payment_id = p.id)
      order by p.completed_at, p.id limit ${limit}`),
  );
  let issued = 0;
  for (const { id } of missing) {
    issued += await db.transaction(async (tx) => {
      const [p] = await tx.select().from(payment).where(eq(payment.id, id)).for("update");
      if (!p || p.status !== "completed") return 0;
      const [had] = await tx.select({ id: document.id }).from(document).where(eq(document.paymentId, id)).limit(1);
      if (had) return 0;
      await issueReceipt(tx, p, now);
      return 1;
    });
  }
  return issued;
}

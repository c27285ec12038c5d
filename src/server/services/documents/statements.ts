import { sql } from "drizzle-orm";
import { monthBounds, statementNumber, type TDocumentLanguage } from "@/lib/documents";
import { newId } from "@/lib/ids";
import type { TCurrency } from "@/lib/money";
import { rowsOf, type Db } from "@/server/db/client";
import { getEffectiveLimits } from "@/server/services/limits/effective-limits";
import { documentLanguageOf, documentSettingsFromEnv, type TDocumentSettings } from "./issue";

/**
 * Monthly statements (spec 16): one per team and month for every team with a payment, a balance
 * entry or a renewal in it, issued on the 1st by `issue-monthly-statements` (idempotent: the
 * database keeps one statement per team and month). Opening balance, the month's entries (top-ups,
 * purchases, renewals, credits, refunds), its payments with their receipts, the closing balance, and
 * the month's traffic and peak storage against the limits. Numbered apart from receipts.
 */

export interface TStatementContent {
  kind: "statement";
  number: string;
  month: string;
  issued_at: string;
  language: TDocumentLanguage;
  currency: TCurrency;
  seller: { name: string; address: string; tax_id: string };
  buyer: { name: string; address: string | null; country: string | null; tax_id: string | null; email: string | null; team_slug: string };
  opening_minor: number;
  credits_minor: number;
  debits_minor: number;
  closing_minor: number;
  entries: { at: string; kind: string; amount_minor: number; balance_after_minor: number; note: string | null }[];
  payments: {
    at: string;
    purpose: string;
    method: string;
    status: string;
    amount_minor: number;
    currency: string;
    description: string;
    receipt: string | null;
  }[];
  usage: { traffic_bytes: string; traffic_limit_bytes: string; peak_storage_bytes: string; storage_limit_bytes: string };
}

type TTeamRow = {
  id: string;
  slug: string;
  name: string;
  currency: TCurrency | null;
  legal_name: string | null;
  address: string | null;
  country: string | null;
  tax_id: string | null;
  billing_email: string | null;
  document_language: TDocumentLanguage | null;
};

/** The teams with something to state for the month: a payment, a balance entry or a renewal in it, and no statement yet. */
async function teamsToState(db: Db, month: string, start: Date, end: Date): Promise<TTeamRow[]> {
  const s = start.toISOString();
  const e = end.toISOString();
  return rowsOf<TTeamRow>(
    await db.execute(sql`
      select t.id, t.slug, t.name, bp.currency, bp.legal_name, bp.address, bp.country, bp.tax_id, bp.billing_email, bp.document_language
      from team t left join billing_profile bp on bp.team_id = t.id
      where (exists (select 1 from payment p where p.team_id = t.id and p.created_at >= ${s}::timestamptz and p.created_at < ${e}::timestamptz)
          or exists (select 1 from balance_entry b where b.team_id = t.id and b.created_at >= ${s}::timestamptz and b.created_at < ${e}::timestamptz))
        and not exists (select 1 from document d where d.team_id = t.id and d.kind = 'statement' and d.period = ${month})
      order by t.id`),
  );
}

/** One team's statement content for the month. */
export async function statementContent(db: Db, t: TTeamRow, month: string, now: Date, settings: TDocumentSettings): Promise<TStatementContent> {
  const { start, end } = monthBounds(month);
  const s = start.toISOString();
  const e = end.toISOString();
  const currency: TCurrency = t.currency ?? "EUR";
  const [opening] = rowsOf<{ after: number; currency: string }>(
    await db.execute(sql`select balance_after_minor as after, currency from balance_entry
      where team_id = ${t.id} and created_at < ${s}::timestamptz order by seq desc limit 1`),
  );
  const entries = rowsOf<{ at: Date | string; kind: string; amount_minor: number; balance_after_minor: number; note: string | null; currency: string }>(
    await db.execute(sql`select created_at as at, kind, amount_minor, balance_after_minor, note, currency from balance_entry
      where team_id = ${t.id} and created_at >= ${s}::timestamptz and created_at < ${e}::timestamptz order by seq`),
  ).filter((x) => x.currency === currency);
  const payments = rowsOf<{
    at: Date | string;
    purpose: string;
    method: string;
    status: string;
    amount_minor: number;
    currency: string;
    description: string | null;
    receipt: string | null;
  }>(
    await db.execute(sql`select p.created_at as at, p.purpose, p.payment_method as method, p.status, p.amount_minor, p.currency,
        p.metadata->>'description' as description, d.number as receipt
      from payment p left join document d on d.payment_id = p.id
      where p.team_id = ${t.id} and p.created_at >= ${s}::timestamptz and p.created_at < ${e}::timestamptz order by p.created_at, p.id`),
  );
  const [usage] = rowsOf<{ traffic: string; peak: string }>(
    await db.execute(sql`
      select
        (select coalesce(sum(u.traffic_bytes), 0)::text from project_usage u join project pr on pr.id = u.project_id
          where pr.team_id = ${t.id} and u.year = ${start.getUTCFullYear()} and u.month = ${start.getUTCMonth() + 1}) as traffic,
        (select coalesce(max(day_total), 0)::text from (
          select sum(d.storage_bytes) as day_total from project_usage_daily d join project pr on pr.id = d.project_id
          where pr.team_id = ${t.id} and d.day >= ${s.slice(0, 10)}::date and d.day < ${e.slice(0, 10)}::date group by d.day) x) as peak`),
  );
  const limits = await getEffectiveLimits(db, t.id, new Date(Math.min(end.getTime() - 1, now.getTime())));
  const openingMinor = opening && opening.currency === currency ? opening.after : 0;
  const credits = entries.filter((x) => x.amount_minor > 0).reduce((a, x) => a + x.amount_minor, 0);
  const debits = entries.filter((x) => x.amount_minor < 0).reduce((a, x) => a - x.amount_minor, 0);
  const closing = entries.length > 0 ? entries[entries.length - 1]!.balance_after_minor : openingMinor;
  return {
    kind: "statement",
    number: statementNumber(month, t.slug),
    month,
    issued_at: now.toISOString(),
    language: documentLanguageOf({ documentLanguage: t.document_language, country: t.country }),
    currency,
    seller: { name: settings.seller.name, address: settings.seller.address, tax_id: settings.seller.taxId },
    buyer: { name: t.legal_name || t.name, address: t.address, country: t.country, tax_id: t.tax_id, email: t.billing_email, team_slug: t.slug },
    opening_minor: openingMinor,
    credits_minor: credits,
    debits_minor: debits,
    closing_minor: closing,
    entries: entries.map((x) => ({
      at: new Date(x.at).toISOString(),
      kind: x.kind,
      amount_minor: x.amount_minor,
      balance_after_minor: x.balance_after_minor,
      note: x.note,
    })),
    payments: payments.map((p) => ({
      at: new Date(p.at).toISOString(),
      purpose: p.purpose,
      method: p.method,
      status: p.status,
      amount_minor: p.amount_minor,
      currency: p.currency,
      description: p.description ?? p.purpose,
      receipt: p.receipt,
    })),
    usage: {
      traffic_bytes: usage?.traffic ?? "0",
      traffic_limit_bytes: limits.traffic_bytes_per_month.toString(),
      peak_storage_bytes: usage?.peak ?? "0",
      storage_limit_bytes: limits.storage_bytes.toString(),
    },
  };
}

/**
 * Issues the statements of `month` (`YYYY-MM`) that are not issued yet; a second run issues none.
 * Answers how many were issued.
 */
export async function issueMonthlyStatements(
  db: Db,
  input: { month: string; now: Date; settings?: TDocumentSettings },
): Promise<{ month: string; issued: number; teams: number }> {
  const settings = input.settings ?? documentSettingsFromEnv();
  const { start, end } = monthBounds(input.month);
  const teams = await teamsToState(db, input.month, start, end);
  let issued = 0;
  for (const t of teams) {
    const content = await statementContent(db, t, input.month, input.now, settings);
    const rows = rowsOf<{ id: string }>(
      await db.execute(sql`
        insert into document (id, team_id, number, kind, period, issued_at, amount_minor, currency, language, content)
        values (${newId("doc")}, ${t.id}, ${content.number}, 'statement', ${input.month}, ${input.now.toISOString()}::timestamptz,
                ${content.closing_minor}, ${content.currency}, ${content.language}, ${JSON.stringify(content)}::jsonb)
        on conflict do nothing
        returning id`),
    );
    issued += rows.length;
  }
  return { month: input.month, issued, teams: teams.length };
}

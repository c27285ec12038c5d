// npm run bench -- renewals (also the last part of `jobs`): expire-resources over 10,000 Pro teams
// whose Pro and two add-ons, all set to renew from the balance, fall due on the same day. 80 % of
// the teams have a balance that covers everything, 10 % one that covers Pro only, 10 % none. Run
// twice the same day through the job runner: the second run must renew nothing.
import { sql } from "drizzle-orm";
import { JOBS } from "../inngest";
import type { TJobDeps, TJobStep } from "../src/server/job-deps";
import { rowsOf, type Db } from "../src/server/db/client";
import { priceOf } from "../src/lib/money";
import { benchDatabase } from "./server";
import { expireResources } from "../src/server/services/enforcement/expiry";
import { deliverDocuments } from "../src/server/services/documents/documents";
import { DELIVERY_BATCH } from "../inngest/functions/expire-resources";

const TEAMS = 10_000;

/** One fixed day, so the figures do not depend on the calendar. */
export const RENEWAL_DAY = new Date("2027-01-15T05:00:00Z");

export async function benchRenewals() {
  const { handle } = await benchDatabase("servelink_bench_renewals", true);
  const db = handle.db;
  const now = RENEWAL_DAY;
  await fillRenewals(db, now);
  const step: TJobStep = { run: async (_id, fn) => fn(), sendEvent: async () => {} };
  const deps: TJobDeps = { getDb: async () => db, docker: () => null as never, now: () => now };
  const time = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    const result = await fn();
    return { seconds: Math.round((performance.now() - t0) / 10) / 100, result };
  };
  const counts = async () =>
    rowsOf<{ receipts: number; renewals: number; balance_payments: number; past_due: number; negative: number; fully_renewed_teams: number }>(
      await db.execute(sql`select
        (select count(*)::int from document where kind = 'receipt') as receipts,
        (select count(*)::int from (select team_id from balance_entry where kind in ('renewal', 'addon_renewal') group by team_id having count(*) = 3) f) as fully_renewed_teams,
        (select count(*)::int from balance_entry where kind in ('renewal', 'addon_renewal')) as renewals,
        (select count(*)::int from payment where provider = 'balance') as balance_payments,
        (select count(*)::int from team_subscription where status = 'past_due') + (select count(*)::int from additional_resource where status = 'past_due') as past_due,
        (select count(*)::int from balance_entry where balance_after_minor < 0) as negative`),
    )[0]!;
  // The renewals themselves (the job's expire-and-remind step), then the receipts' PDFs it renders
  // after them (capped per run), each timed apart; then the whole job once more, the same day.
  const first = await time(() => expireResources(db, { now }));
  const afterFirst = await counts();
  const pdfs = await time(() => deliverDocuments(db, null, { limit: DELIVERY_BATCH }));
  const second = await time(() => JOBS["expire-resources"]!(deps, step));
  const afterSecond = await counts();
  await handle.close();
  const report = {
    benchmark: "renewals",
    teams: TEAMS,
    items_due: TEAMS * 3,
    renewal_step_seconds: first.seconds,
    receipts_rendered: (pdfs.result as { rendered: number }).rendered,
    rendering_seconds: pdfs.seconds,
    second_whole_job_seconds: second.seconds,
    after_first_run: afterFirst,
    // The 8,000 teams whose balance covers all three renew all three; the others renew what their
    // balance covers in date order, and what is already past its date and not covered is past due.
    every_covering_team_renewed_all: afterFirst.fully_renewed_teams === 0.8 * TEAMS,
    no_negative_balance: afterFirst.negative === 0,
    second_run_renewed_nothing: afterSecond.renewals === afterFirst.renewals && afterSecond.balance_payments === afterFirst.balance_payments,
    one_receipt_per_renewal: afterFirst.receipts === afterFirst.balance_payments && afterSecond.receipts === afterFirst.receipts,
  };
  console.log(JSON.stringify(report, null, 2));
  return report;
}

/** The teams of the benchmark: Pro and two add-ons each, set to renew, falling due between 4 hours before `now` and 20 hours after. */
export async function fillRenewals(db: Db, now: Date) {
  const pro = priceOf("pro", "XOF");
  const ram = priceOf("ram", "XOF");
  console.log(`filling ${TEAMS.toLocaleString("en")} Pro teams, each with Pro and 2 add-ons due within the day…`);
  await db.execute(sql`insert into team (id, slug, name) select 'team_r' || i, 'renew-' || i, 'Renew ' || i from generate_series(1, ${TEAMS}) i`);
  await db.execute(sql`insert into billing_profile (team_id, currency, country) select id, 'XOF', 'CI' from team`);
  await db.execute(sql`insert into team_subscription (id, team_id, plan_id, current_period_end, auto_renew)
    select 'sub_' || id, id, 'pay_as_you_go', ${now.toISOString()}::timestamptz + (random() * interval '24 hours') - interval '4 hours', true from team`);
  await db.execute(sql`insert into additional_resource (id, team_id, resource_type, quantity, unit_price_minor, currency, status, expires_at, activated_at, auto_renew)
    select 'res_r' || t.i || '_' || a, 'team_r' || t.i, 'ram', 1, ${ram}, 'XOF', 'active',
           ${now.toISOString()}::timestamptz + (random() * interval '24 hours') - interval '4 hours', ${now.toISOString()}::timestamptz - interval '30 days', true
    from generate_series(1, ${TEAMS}) t(i), generate_series(1, 2) a`);
  await db.execute(sql`insert into balance_entry (id, team_id, seq, kind, amount_minor, currency, balance_after_minor, note, created_at)
    select 'bal_r' || i, 'team_r' || i, 1, 'credit', b, 'XOF', b, 'bench', ${now.toISOString()}::timestamptz - interval '1 day'
    from (select i, case when i % 10 < 8 then ${pro + 2 * ram + 100} when i % 10 = 8 then ${pro} else 5 end as b from generate_series(1, ${TEAMS}) i) x`);
  await db.execute(sql`analyze`);
}

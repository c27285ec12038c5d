// Receipts and monthly statements (spec 16) against the real Postgres, the sandbox payment backend
// over real HTTP, a real SMTP server, and the PDFs read back with poppler's pdftotext as a person
// would read them. Times are fixed instants; each year used here is this file's own.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { TEST_WEBHOOK_SECRET, startPaymentServer } from "../../../../test/payment-harness";
import { startSmtpServer } from "../../../../test/smtp";
import { clock } from "@/lib/clock";
import type { DbHandle } from "@/server/db/client";
import { billingProfile, document, teamSubscription } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { createMailer } from "@/server/integrations/mailer";
import { appendEntry, lockTeamBilling } from "@/server/services/billing/balance";
import { expireResources } from "@/server/services/enforcement/expiry";
import { applyPaymentUpdate, applyPaymentUpdateInTransaction } from "@/server/services/payments/payment-state";
import { sandboxDecide } from "@/server/services/payments/sandbox-backend";
import { deliverDocuments, getDocumentPdf } from "./documents";
import { issueMonthlyStatements } from "./statements";
import { issueMissingReceipts } from "./issue";

const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let srv: Awaited<ReturnType<typeof startPaymentServer>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const callerFor = (user: TSessionUser) => createCaller(createContextInner({ db: h.db, user, payments: () => srv.context, locale: "en" }));
const PAYER = { payer_phone: "+225 07 07 12 34 56", operator: "orange_money" } as const;

beforeAll(async () => {
  h = await openTestDb(24);
  smtp = await startSmtpServer();
  srv = await startPaymentServer(h.db, { followUp: { mailer: () => createMailer(smtp.url) } });
});
afterAll(async () => {
  await srv.close();
  await smtp.close();
  await h.close();
});
afterEach(() => clock.reset());

/** The text of a PDF as pdftotext reads it, spaces (no-break, narrow no-break) made plain. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "servelink-pdf-"));
  const file = path.join(dir, "doc.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/[\u00a0\u202f]/g, " ");
}

/** A Pro team in Côte d'Ivoire paying in francs, with its legal details. */
async function ivorianTeam() {
  const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
  await h.db.insert(billingProfile).values({
    teamId: team.id,
    currency: "XOF",
    country: "CI",
    legalName: "Akwaba Digital SARL",
    address: "Rue des Jardins, Cocody, Abidjan",
    taxId: "CI-ABJ-2024-B-12345",
    billingEmail: `compta-${team.slug}@akwaba.example`,
  });
  return { team, owner, caller: callerFor(owner) };
}

const numbersOf = async (teamId: string) =>
  (
    await h.db
      .select({ number: document.number })
      .from(document)
      .where(and(eq(document.teamId, teamId), eq(document.kind, "receipt")))
  ).map((d) => d.number);
const seqOf = (n: string) => Number(n.split("-")[2]);

describe("receipts", () => {
  it("a Mobile Money payment gets a numbered receipt in French, rendered after the commit, e-mailed with its PDF, the same bytes ever after", async () => {
    clock.set("2026-12-01T09:30:00Z");
    const { team, caller } = await ivorianTeam();
    const started = await caller.payments.initiate({ team: team.slug, payment_method: "mobile_money", ...PAYER });
    await sandboxDecide(h.db, { id: started.external_payment_id!, outcome: "completed", webhookSecret: TEST_WEBHOOK_SECRET });
    await srv.idle();
    const [receipt] = await h.db.select().from(document).where(eq(document.paymentId, started.id));
    expect(receipt).toMatchObject({ kind: "receipt", currency: "XOF", amountMinor: 1970, language: "fr" });
    expect(receipt!.number).toMatch(/^SL-2026-\d{6}$/);
    expect(receipt!.pdf).not.toBeNull();

    const text = pdfText(receipt!.pdf!);
    expect(text).toContain("Reçu");
    expect(text).toContain(`Numéro : ${receipt!.number}`);
    expect(text).toContain("Date : 1 déc. 2026");
    expect(text).toContain("Servelink SAS (demo)");
    expect(text).toContain("Akwaba Digital SARL");
    expect(text).toContain("CI-ABJ-2024-B-12345");
    expect(text).toContain("Côte d’Ivoire");
    expect(text).toMatch(/Servelink Pro, 30 jours \(du \d+ \S+ 2026 au \d+ \S+ 2027\)\s+1 970 F CFA/);
    expect(text).toMatch(/Total\s+1 970 F CFA/);
    // The payer's number masked: its country code and last two digits only.
    expect(text).toMatch(/Payé par : Mobile Money, Orange Money, \+225 •+56\n/);
    expect(text).not.toContain("07 12 34");
    expect(text).toContain("TVA non applicable, art. 293 B du CGI");

    const mail = smtp.received.find((m) => m.to.includes(`compta-${team.slug}@akwaba.example`));
    expect(mail).toBeDefined();
    expect(mail!.raw).toContain(`filename=${receipt!.number}.pdf`);

    // Immutable: the profile and the seller change, the document does not.
    process.env.SELLER_NAME = "Another Seller";
    try {
      await caller.billing.updateProfile({ team: team.slug, legal_name: "Renamed SARL" });
      const again = await getDocumentPdf(h.db, team.id, receipt!.number);
      expect(Buffer.compare(again.pdf, receipt!.pdf!)).toBe(0);
    } finally {
      delete process.env.SELLER_NAME;
    }
  });

  it("20 payments completing at once get 20 consecutive numbers; a completion rolled back leaves no gap; a second completion no second receipt", async () => {
    clock.set("2029-06-15T12:00:00Z");
    const teams = await Promise.all(Array.from({ length: 20 }, () => ivorianTeam()));
    const started = await Promise.all(teams.map((t) => t.caller.payments.initiate({ team: t.team.slug, payment_method: "mobile_money", ...PAYER })));
    await Promise.all(started.map((p) => applyPaymentUpdate(h.db, p.id, { status: "completed", source: "webhook" })));
    const numbers = (await Promise.all(teams.map((t) => numbersOf(t.team.id)))).flat().sort();
    expect(numbers).toHaveLength(20);
    expect(numbers.map(seqOf)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(numbers.every((n) => n.startsWith("SL-2029-"))).toBe(true);

    // The same payments reported again, concurrently: nothing new.
    await Promise.all(started.map((p) => applyPaymentUpdate(h.db, p.id, { status: "completed", source: "reconciliation" })));
    expect((await Promise.all(teams.map((t) => numbersOf(t.team.id)))).flat()).toHaveLength(20);

    // A completion whose transaction fails after the number was taken gives it back.
    const extra = await ivorianTeam();
    const p = await extra.caller.payments.initiate({ team: extra.team.slug, payment_method: "mobile_money", ...PAYER });
    await expect(
      h.db.transaction(async (tx) => {
        await applyPaymentUpdateInTransaction(tx, p.id, { status: "completed", source: "webhook" });
        throw new Error("the webhook's transaction failed after the completion");
      }),
    ).rejects.toThrow(/failed after/);
    expect(await numbersOf(extra.team.id)).toEqual([]);
    await applyPaymentUpdate(h.db, p.id, { status: "completed", source: "webhook" });
    expect((await numbersOf(extra.team.id)).map(seqOf)).toEqual([21]);
  });

  it("VAT is charged once: on the top-up's receipt, and a purchase from the balance says it was paid from it", async () => {
    clock.set("2030-03-10T10:00:00Z");
    process.env.SELLER_VAT_RATE = "18";
    try {
      const { team, caller } = await ivorianTeam();
      const topUp = await caller.payments.initiate({ team: team.slug, purpose: "top_up", amount: 5900, payment_method: "mobile_money", ...PAYER });
      await applyPaymentUpdate(h.db, topUp.id, { status: "completed", source: "webhook" });
      const pro = await caller.payments.initiate({ team: team.slug, payment_method: "balance" });
      await deliverDocuments(h.db, null, { teamId: team.id });
      const [topUpDoc] = await h.db.select().from(document).where(eq(document.paymentId, topUp.id));
      const [proDoc] = await h.db.select().from(document).where(eq(document.paymentId, pro.id));
      const topUpText = pdfText(topUpDoc!.pdf!);
      expect(topUpText).toMatch(/Recharge du solde prépayé\s+5 900 F CFA/);
      expect(topUpText).toMatch(/Montant hors TVA\s+5 000 F CFA/);
      expect(topUpText).toMatch(/TVA 18 %\s+900 F CFA/);
      const proText = pdfText(proDoc!.pdf!);
      expect(proText).toMatch(/Total\s+1 970 F CFA/);
      expect(proText).toContain("Payé par : Solde prépayé");
      expect(proText).toContain("Payé avec le solde prépayé : la TVA a été perçue sur sa recharge.");
      expect(proText).not.toMatch(/TVA 18/);
    } finally {
      delete process.env.SELLER_VAT_RATE;
    }
  });

  it("the year's boundary: the last receipt of 2030 and the first of 2031, SL-2031-000001", async () => {
    const { team, caller } = await ivorianTeam();
    clock.set("2030-12-31T23:59:58Z");
    const last = await caller.payments.initiate({ team: team.slug, purpose: "top_up", amount: 2000, payment_method: "mobile_money", ...PAYER });
    await applyPaymentUpdate(h.db, last.id, { status: "completed", source: "webhook" }, new Date("2030-12-31T23:59:59Z"));
    clock.set("2031-01-01T00:00:01Z");
    const first = await caller.payments.initiate({ team: team.slug, purpose: "top_up", amount: 2000, payment_method: "mobile_money", ...PAYER });
    await applyPaymentUpdate(h.db, first.id, { status: "completed", source: "webhook" }, new Date("2031-01-01T00:00:01Z"));
    const numbers = await numbersOf(team.id);
    expect(numbers).toContain("SL-2031-000001");
    expect(numbers.find((n) => n.startsWith("SL-2030-"))).toBeDefined();
  });
});

describe("receipts for payments completed before receipts existed", () => {
  it("the nightly run issues one for each completed payment that has none, once", async () => {
    clock.set("2033-02-10T10:00:00Z");
    const { team, caller } = await ivorianTeam();
    const started = await caller.payments.initiate({ team: team.slug, payment_method: "mobile_money", ...PAYER });
    await applyPaymentUpdate(h.db, started.id, { status: "completed", source: "webhook" });
    // As if it had completed before this version: its receipt is not there.
    await h.db.delete(document).where(eq(document.paymentId, started.id));
    expect(await issueMissingReceipts(h.db, clock.now())).toBe(1);
    expect(await issueMissingReceipts(h.db, clock.now())).toBe(0);
    expect(await numbersOf(team.id)).toHaveLength(1);
  });
});

describe("monthly statements", () => {
  /** A month with a top-up, two renewals from the balance and a failed payment, and its statement. */
  async function monthOf(currency: "XOF" | "EUR") {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    await h.db.insert(billingProfile).values({ teamId: team.id, currency, country: currency === "XOF" ? "SN" : null, documentLanguage: "en" });
    const caller = callerFor(owner);
    const pro = currency === "XOF" ? 1970 : 300;
    // Before the month: 1,000 on the balance (the opening).
    clock.set("2032-04-20T10:00:00Z");
    await h.db.transaction(async (tx) => {
      await lockTeamBilling(tx, team.id);
      await appendEntry(tx, { teamId: team.id, kind: "credit", amountMinor: 1000, currency, note: "welcome credit", now: clock.now() });
    });
    clock.set("2032-05-02T08:00:00Z");
    const topUp = await caller.payments.initiate({
      team: team.slug,
      purpose: "top_up",
      amount: currency === "XOF" ? 5000 : 10,
      payment_method: "mobile_money",
      ...(currency === "XOF" ? { payer_phone: "+221 77 123 45 67", operator: "orange_money" as const } : PAYER),
    });
    await applyPaymentUpdate(h.db, topUp.id, { status: "completed", source: "webhook" }, clock.now());
    const failed = await caller.payments.initiate({
      team: team.slug,
      payment_method: "mobile_money",
      ...(currency === "XOF" ? { payer_phone: "+221 77 123 45 67", operator: "orange_money" as const } : PAYER),
    });
    await applyPaymentUpdate(h.db, failed.id, { status: "failed", failureReason: "insufficient_funds", source: "webhook" }, clock.now());
    // Two renewals of Pro from the balance by the job, on the 5th and on June's 4th… the second one in May too:
    await h.db
      .update(teamSubscription)
      .set({ currentPeriodEnd: new Date("2032-05-05T12:00:00Z"), autoRenew: true })
      .where(eq(teamSubscription.teamId, team.id));
    await expireResources(h.db, { now: new Date("2032-05-05T05:00:00Z") });
    await h.db
      .update(teamSubscription)
      .set({ currentPeriodEnd: new Date("2032-05-30T12:00:00Z") })
      .where(eq(teamSubscription.teamId, team.id));
    await expireResources(h.db, { now: new Date("2032-05-30T05:00:00Z") });
    clock.set("2032-06-01T07:00:00Z");
    const run = await issueMonthlyStatements(h.db, { month: "2032-05", now: clock.now() });
    expect(run.issued).toBeGreaterThanOrEqual(1);
    expect((await issueMonthlyStatements(h.db, { month: "2032-05", now: clock.now() })).issued).toBe(0);
    const [st] = await h.db
      .select()
      .from(document)
      .where(and(eq(document.teamId, team.id), eq(document.kind, "statement")));
    return { team, st: st!, pro, topUpMinor: currency === "XOF" ? 5000 : 1000 };
  }

  for (const currency of ["XOF", "EUR"] as const) {
    it(`adds up in ${currency}: opening + credits − debits = closing, with the month's payments and usage`, async () => {
      const { team, st, pro, topUpMinor } = await monthOf(currency);
      const c = st.content as { opening_minor: number; credits_minor: number; debits_minor: number; closing_minor: number; payments: { status: string }[] };
      expect(st.number).toBe(`ST-2032-05-${team.slug}`);
      expect(c.opening_minor).toBe(1000);
      expect(c.credits_minor).toBe(topUpMinor);
      expect(c.debits_minor).toBe(2 * pro);
      expect(c.closing_minor).toBe(1000 + topUpMinor - 2 * pro);
      expect(c.opening_minor + c.credits_minor - c.debits_minor).toBe(c.closing_minor);
      expect(c.payments.map((p) => p.status).sort()).toEqual(["completed", "completed", "completed", "failed"]);
      const { pdf } = await getDocumentPdf(h.db, team.id, st.number);
      const text = pdfText(pdf);
      expect(text).toContain("Monthly statement");
      expect(text).toContain(`Number: ST-2032-05-${team.slug}`);
      expect(text).toContain("Period: 2032-05");
      const money = (minor: number) =>
        new Intl.NumberFormat("en", { style: "currency", currency }).format(currency === "EUR" ? minor / 100 : minor).replace(/[\u00a0\u202f]/g, " ");
      expect(text).toMatch(new RegExp(`Opening balance\\s+${money(1000).replace(/[.$]/g, "\\$&")}`));
      expect(text).toMatch(new RegExp(`Closing balance\\s+${money(1000 + topUpMinor - 2 * pro).replace(/[.$]/g, "\\$&")}`));
      expect(text).toContain("(failed)");
      // The payer's number appears masked, if at all.
      expect(text).not.toMatch(/\+?(?:225|221)\s?\d{6,}/);
      expect(text).toContain("Usage this month");
    });
  }
});

import { TRPCError } from "@trpc/server";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { GB } from "@/lib/usage-levels";
import type { DbHandle } from "@/server/db/client";
import { balanceEntry, billingProfile, payment, project, projectUsage, staffAction, supportMessage, teamMember, teamSubscription } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { localizeErrorMessage } from "@/server/api/localized-errors";
import { DomainError } from "@/server/errors";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { evaluateUsageLimits } from "@/server/services/enforcement/usage-alerts";
import type { TPaymentContext } from "@/server/services/payments/payments";
import type { TPaymentProvider, TProviderStatus } from "@/server/services/payments/provider";
import { creditCapMinor, grantCredit } from "./staff-actions";

const T0 = new Date("2026-12-02T08:00:00Z");
const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let carol: TSessionUser;
let erin: TSessionUser;
let stranger: TSessionUser;

/** The provider's answer the next status call gets (a stand-in backend: the tests choose what it says). */
let providerAnswer: TProviderStatus = { status: "pending", amountMinor: undefined, currency: undefined, transactionId: null };
const backend: TPaymentProvider = {
  id: "payment_backend",
  start: () => Promise.reject(new Error("not in these tests")),
  status: async () => providerAnswer,
  cancel: async () => ({ status: "cancelled" }),
};
const payments: TPaymentContext = { backend, stripe: null, baseUrl: "http://console.test", returnUrl: () => "http://console.test/billing" };
const settled: string[] = [];
const reactivations: string[][] = [];
const callerFor = (user: TSessionUser, now = T0) =>
  createCaller(
    createContextInner({
      db: h.db,
      user,
      now,
      payments: () => payments,
      onPaymentCompleted: (teamId) => settled.push(teamId),
      onProjectsReactivated: (i) => reactivations.push(i.wokenProjectIds),
    }),
  );

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

beforeAll(async () => {
  clock.set(T0);
  h = await openTestDb(8);
  carol = await insertUser(h, { role: "support", name: "Carol Support" });
  erin = await insertUser(h, { role: "admin", name: "Erin Admin" });
  stranger = await insertUser(h, { name: "Someone Else" });
  await insertTeam(h, { owner: stranger });
});
afterAll(async () => {
  clock.reset();
  await h.close();
});

/** A team with an owner, a member, a project and a ticket opened by the owner. */
async function ticketTeam(opts: { plan?: "free" | "pay_as_you_go"; currency?: "EUR" | "XOF" } = {}) {
  const fx = await insertTeam(h, { plan: opts.plan ?? "free" });
  const member = await insertUser(h, { name: "Dave Member" });
  await h.db.insert(teamMember).values({ teamId: fx.team.id, userId: member.id, role: "member" });
  if (opts.currency && opts.currency !== "EUR") await h.db.insert(billingProfile).values({ teamId: fx.team.id, currency: opts.currency, country: "CI" });
  const t = await callerFor(fx.owner).tickets.create({
    team: fx.team.slug,
    subject: "I paid but I'm suspended",
    description: "My payment went through but the project is stopped.",
    category: "billing",
    priority: "normal",
  });
  return { ...fx, member, ticketId: t.ticket_id };
}

async function written(teamId: string, ticketId: string) {
  const [actions] = await h.db.select({ n: count() }).from(staffAction).where(eq(staffAction.teamId, teamId));
  const [messages] = await h.db.select({ n: count() }).from(supportMessage).where(eq(supportMessage.ticketId, ticketId));
  const [entries] = await h.db.select({ n: count() }).from(balanceEntry).where(eq(balanceEntry.teamId, teamId));
  const [sub] = await h.db.select().from(teamSubscription).where(eq(teamSubscription.teamId, teamId));
  const projects = await h.db.select({ status: project.status }).from(project).where(eq(project.teamId, teamId));
  return { actions: actions!.n, messages: messages!.n, entries: entries!.n, plan: sub!.planId, periodEnd: sub!.currentPeriodEnd, projects };
}

async function auditOf(teamId: string) {
  return h.db.select().from(staffAction).where(eq(staffAction.teamId, teamId)).orderBy(staffAction.createdAt, staffAction.id);
}

async function systemMessages(ticketId: string) {
  return h.db
    .select()
    .from(supportMessage)
    .where(and(eq(supportMessage.ticketId, ticketId), eq(supportMessage.authorType, "system")));
}

async function pendingPayment(teamId: string) {
  const id = newId("pay");
  await h.db.insert(payment).values({
    id,
    teamId,
    externalPaymentId: `ext_${id}`,
    purpose: "plan_upgrade",
    amountMinor: 300,
    currency: "EUR",
    paymentMethod: "mobile_money",
    status: "pending",
    payerPhone: "+2250707123456",
    operator: "orange_money",
    expiresAt: new Date(T0.getTime() + 10 * 60_000),
    createdAt: new Date(T0.getTime() - 60_000),
  });
  return id;
}

/** Traffic over the Free plan's monthly allowance, this month. */
async function overTheLimit(projectId: string) {
  await h.db.insert(projectUsage).values({ id: newId("use"), projectId, year: 2026, month: 12, trafficBytes: 6n * GB, storageBytes: 0n });
}

describe("support actions: staff only", () => {
  it("an owner, a member or another team's user gets NOT_FOUND for every action, and nothing is written", async () => {
    const fx = await ticketTeam();
    const paymentId = await pendingPayment(fx.team.id);
    const before = await written(fx.team.id, fx.ticketId);
    for (const who of [fx.owner, fx.member, stranger]) {
      const c = callerFor(who).support;
      for (const call of [
        c.recheckPayment({ ticketId: fx.ticketId, paymentId }),
        c.extendPro({ ticketId: fx.ticketId, days: 7 }),
        c.liftSuspension({ ticketId: fx.ticketId }),
        c.grantCredit({ ticketId: fx.ticketId, amount: 2, reason: "Sorry for the trouble" }),
        c.teamContext({ ticketId: fx.ticketId }),
      ]) {
        const err = await refusal(call);
        expect({ code: err.code, message: err.message }).toEqual({ code: "NOT_FOUND", message: "Not found." });
      }
      expect((await refusal(callerFor(who).admin.audit({}))).code).toBe("NOT_FOUND");
    }
    expect(await written(fx.team.id, fx.ticketId)).toEqual(before);
    const [p] = await h.db.select({ status: payment.status }).from(payment).where(eq(payment.id, paymentId));
    expect(p!.status).toBe("pending");
  });

  it("support staff (not admins) cannot read the audit", async () => {
    expect((await refusal(callerFor(carol).admin.audit({}))).code).toBe("NOT_FOUND");
  });
});

describe("support.recheckPayment", () => {
  it("asks the provider now and applies its answer: the pending upgrade completes, Pro starts, audited and announced", async () => {
    const fx = await ticketTeam();
    const paymentId = await pendingPayment(fx.team.id);
    providerAnswer = { status: "completed", amountMinor: 300, currency: "EUR", transactionId: "txn_1" };
    const r = await callerFor(carol).support.recheckPayment({ ticketId: fx.ticketId, paymentId });
    expect(r).toMatchObject({ outcome: "applied", previous_status: "pending", status: "completed", provider_status: "completed", settled: true });
    expect(settled).toContain(fx.team.id);
    const after = await written(fx.team.id, fx.ticketId);
    expect(after.plan).toBe("pay_as_you_go");
    const [audit] = await auditOf(fx.team.id);
    expect(audit).toMatchObject({ action: "recheck_payment", actorUserId: carol.id, ticketId: fx.ticketId });
    expect(audit!.params).toMatchObject({ payment_id: paymentId, outcome: "applied", previous_status: "pending", status: "completed" });
    // The team reads the system message on its ticket.
    const view = await callerFor(fx.owner).tickets.get({ team: fx.team.slug, ticketId: fx.ticketId });
    const system = view.messages.filter((m) => m.author_type === "system");
    expect(system.map((m) => m.message)).toEqual([
      `Servelink support asked the payment provider about your payment of €3.00 (${paymentId}) again: it is now completed.`,
    ]);
  });

  it("another team's payment is NOT_FOUND and nothing is written", async () => {
    const fx = await ticketTeam();
    const other = await ticketTeam();
    const paymentId = await pendingPayment(other.team.id);
    const err = await refusal(callerFor(carol).support.recheckPayment({ ticketId: fx.ticketId, paymentId }));
    expect({ code: err.code, message: err.message }).toEqual({ code: "NOT_FOUND", message: "Payment not found." });
    expect((await auditOf(fx.team.id)).length).toBe(0);
  });
});

describe("support.extendPro", () => {
  it("on a Free team starts Pro for the days given; on Pro adds them to the period's end", async () => {
    const free = await ticketTeam();
    const r = await callerFor(carol).support.extendPro({ ticketId: free.ticketId, days: 7 });
    expect(r).toMatchObject({ plan: "pay_as_you_go", started: true, period_end: new Date(T0.getTime() + 7 * 86_400_000) });
    expect((await written(free.team.id, free.ticketId)).plan).toBe("pay_as_you_go");
    const [msg] = await systemMessages(free.ticketId);
    expect(msg!.message).toBe("Servelink support started Pro for your team by 7 days, as a goodwill gesture: Pro now runs until Dec 9, 2026.");

    const pro = await ticketTeam({ plan: "pay_as_you_go" });
    const end = (await written(pro.team.id, pro.ticketId)).periodEnd!;
    const again = await callerFor(carol).support.extendPro({ ticketId: pro.ticketId, days: 3 });
    expect(again).toMatchObject({ started: false, period_end: new Date(end.getTime() + 3 * 86_400_000) });
    expect((await auditOf(pro.team.id))[0]!.params).toMatchObject({ days: 3, started: false });
  });

  it("two staff extending at once give two audited extensions, both applied", async () => {
    const fx = await ticketTeam({ plan: "pay_as_you_go" });
    const end = (await written(fx.team.id, fx.ticketId)).periodEnd!;
    const [a, b] = await Promise.all([
      callerFor(carol).support.extendPro({ ticketId: fx.ticketId, days: 5 }),
      callerFor(erin).support.extendPro({ ticketId: fx.ticketId, days: 7 }),
    ]);
    const after = await written(fx.team.id, fx.ticketId);
    expect(after.periodEnd).toEqual(new Date(end.getTime() + 12 * 86_400_000));
    expect([a.period_end, b.period_end].map((d) => d.getTime()).sort()).toHaveLength(2);
    const audit = await auditOf(fx.team.id);
    expect(audit.map((x) => x.action)).toEqual(["extend_pro", "extend_pro"]);
    expect(new Set(audit.map((x) => x.actorUserId))).toEqual(new Set([carol.id, erin.id]));
    expect((await systemMessages(fx.ticketId)).length).toBe(2);
  });

  it("is a 409 while a Stripe subscription renews the team, and 400 outside 1 to 30 days; nothing is written", async () => {
    const fx = await ticketTeam({ plan: "pay_as_you_go" });
    await h.db
      .update(teamSubscription)
      .set({ stripeSubscriptionId: `sub_${fx.team.id}`, stripeSubscriptionStatus: "active" })
      .where(eq(teamSubscription.teamId, fx.team.id));
    const before = await written(fx.team.id, fx.ticketId);
    const err = await refusal(callerFor(carol).support.extendPro({ ticketId: fx.ticketId, days: 5 }));
    expect({ code: err.code, reason: (err.cause as { reason?: string }).reason }).toEqual({ code: "CONFLICT", reason: "stripe_subscription_active" });
    expect((await refusal(callerFor(carol).support.extendPro({ ticketId: fx.ticketId, days: 31 }))).code).toBe("BAD_REQUEST");
    expect((await refusal(callerFor(carol).support.extendPro({ ticketId: fx.ticketId, days: 0 }))).code).toBe("BAD_REQUEST");
    expect(await written(fx.team.id, fx.ticketId)).toEqual(before);
  });
});

describe("support.liftSuspension", () => {
  it("makes the projects active; the limit check during the 48 h leaves them active; after it, still over, they are suspended again", async () => {
    const fx = await ticketTeam();
    await overTheLimit(fx.projects[0]!.id);
    await evaluateUsageLimits(h.db, { teamIds: [fx.team.id], now: T0 });
    expect((await written(fx.team.id, fx.ticketId)).projects).toEqual([{ status: "suspended" }]);

    const r = await callerFor(carol).support.liftSuspension({ ticketId: fx.ticketId });
    expect(r).toMatchObject({ grace_until: new Date(T0.getTime() + 48 * 3_600_000), reactivated_project_ids: [fx.projects[0]!.id] });
    expect(reactivations).toContainEqual([fx.projects[0]!.id]);
    expect((await written(fx.team.id, fx.ticketId)).projects).toEqual([{ status: "active" }]);
    const [audit] = await auditOf(fx.team.id);
    expect(audit).toMatchObject({ action: "lift_suspension", actorUserId: carol.id });
    const [msg] = await systemMessages(fx.ticketId);
    expect(msg!.message).toContain("1 project is active again");

    await evaluateUsageLimits(h.db, { teamIds: [fx.team.id], now: new Date(T0.getTime() + 47 * 3_600_000) });
    expect((await written(fx.team.id, fx.ticketId)).projects).toEqual([{ status: "active" }]);
    await evaluateUsageLimits(h.db, { teamIds: [fx.team.id], now: new Date(T0.getTime() + 48 * 3_600_000 + 60_000) });
    expect((await written(fx.team.id, fx.ticketId)).projects).toEqual([{ status: "suspended" }]);
  });
});

describe("support.grantCredit", () => {
  it("adds a credit entry in the team's currency, audited and announced", async () => {
    const fx = await ticketTeam();
    const r = await callerFor(carol).support.grantCredit({ ticketId: fx.ticketId, amount: 2.5, reason: "Sorry for the outage" });
    expect(r).toMatchObject({ amount_minor: 250, currency: "EUR", balance_after_minor: 250 });
    const [entry] = await h.db.select().from(balanceEntry).where(eq(balanceEntry.teamId, fx.team.id));
    expect(entry).toMatchObject({ kind: "credit", amountMinor: 250, actorUserId: carol.id, note: "Sorry for the outage" });
    const [audit] = await auditOf(fx.team.id);
    expect(audit!.params).toMatchObject({ amount: 2.5, amount_minor: 250, currency: "EUR", reason: "Sorry for the outage" });
    const [msg] = await systemMessages(fx.ticketId);
    expect(msg!.message).toBe("Servelink support added a credit of €2.50 to your team's balance. Reason: Sorry for the outage");
  });

  it("over the cap (10 EUR, its parity in francs) is a 400 and writes nothing", async () => {
    expect(creditCapMinor(10, "EUR")).toBe(1000);
    expect(creditCapMinor(10, "XOF")).toBe(6559);
    const fx = await ticketTeam();
    const before = await written(fx.team.id, fx.ticketId);
    const err = await refusal(callerFor(carol).support.grantCredit({ ticketId: fx.ticketId, amount: 10.01, reason: "Too generous" }));
    expect({ code: err.code, message: err.message, reason: (err.cause as { reason?: string }).reason }).toEqual({
      code: "BAD_REQUEST",
      message: "amount: a grant is at most 10.00 EUR (10 EUR).",
      reason: "credit_over_cap",
    });
    expect(await written(fx.team.id, fx.ticketId)).toEqual(before);

    // The router's schema refuses these first (in zod's words); the service says it too, in words French reads.
    for (const amount of [0, -1]) {
      const zero = await grantCredit(h.db, { ticketId: fx.ticketId, amount, reason: "Nothing at all", actor: carol }).then(
        () => null,
        (e: unknown) => e as DomainError,
      );
      expect(zero).toBeInstanceOf(DomainError);
      expect([zero!.message, localizeErrorMessage({ reason: zero!.reason, message: zero!.message }, "fr")]).toEqual(
        amount === 0
          ? ["amount: must be positive", "amount: doit être positif"]
          : ["amount: amount must be a non-negative number.", "amount: le montant doit être un nombre positif ou nul."],
      );
    }
    expect(await written(fx.team.id, fx.ticketId)).toEqual(before);

    const franc = await ticketTeam({ currency: "XOF" });
    expect((await refusal(callerFor(carol).support.grantCredit({ ticketId: franc.ticketId, amount: 6560, reason: "Too generous" }))).code).toBe("BAD_REQUEST");
    const ok = await callerFor(carol).support.grantCredit({ ticketId: franc.ticketId, amount: 6559, reason: "The cap in francs" });
    expect(ok).toMatchObject({ amount_minor: 6559, currency: "XOF" });
  });
});

describe("admin.audit", () => {
  it("lists every action newest first, paged", async () => {
    const fx = await ticketTeam();
    await callerFor(carol, new Date(T0.getTime() + 1000)).support.grantCredit({ ticketId: fx.ticketId, amount: 1, reason: "First" });
    await callerFor(carol, new Date(T0.getTime() + 2000)).support.grantCredit({ ticketId: fx.ticketId, amount: 1, reason: "Second" });
    await callerFor(carol, new Date(T0.getTime() + 3000)).support.extendPro({ ticketId: fx.ticketId, days: 1 });
    const first = await callerFor(erin).admin.audit({ limit: 2, team: fx.team.slug });
    expect(first.entries.map((e) => e.action)).toEqual(["extend_pro", "grant_credit"]);
    expect(first.entries[0]).toMatchObject({
      actor_name: "Carol Support",
      team_slug: fx.team.slug,
      ticket_id: fx.ticketId,
      ticket_subject: "I paid but I'm suspended",
    });
    const next = await callerFor(erin).admin.audit({ limit: 2, team: fx.team.slug, before: first.next_before });
    expect(next.entries.map((e) => (e.params as { reason?: string }).reason)).toEqual(["First"]);
    expect(next.next_before).toBeNull();
  });
});

// The prepaid balance and automatic renewal (spec 15) against the real Postgres, the sandbox
// payment backend over real HTTP (its webhook signed and delivered to the harness's callback), and
// the expire-resources service run at set times. Times are fixed instants, never "this month".
import { TRPCError } from "@trpc/server";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { TEST_WEBHOOK_SECRET, startPaymentServer } from "../../../../test/payment-harness";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { priceOf } from "@/lib/money";
import type { DbHandle } from "@/server/db/client";
import { additionalResource, balanceEntry, billingProfile, notification, payment, teamMember, teamSubscription } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { expireResources } from "@/server/services/enforcement/expiry";
import { getEffectiveLimits } from "@/server/services/limits/effective-limits";
import { applyPaymentUpdate } from "@/server/services/payments/payment-state";
import { sandboxDecide } from "@/server/services/payments/sandbox-backend";
import { appendEntry, lockTeamBilling, readBalance } from "./balance";
import { createMailer } from "@/server/integrations/mailer";
import { startSmtpServer } from "../../../../test/smtp";

const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let srv: Awaited<ReturnType<typeof startPaymentServer>>;
const callerFor = (user: TSessionUser) => createCaller(createContextInner({ db: h.db, user, payments: () => srv.context, locale: "en" }));

beforeAll(async () => {
  h = await openTestDb(24);
  srv = await startPaymentServer(h.db);
});
afterAll(async () => {
  await srv.close();
  await h.close();
});
afterEach(() => clock.reset());

/** A team on Pro whose period ends at `periodEnd`, paying in `currency` (XOF: a team in Côte d'Ivoire). */
async function proTeam(opts: { periodEnd: Date; currency?: "EUR" | "XOF" }) {
  const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
  await h.db.update(teamSubscription).set({ currentPeriodEnd: opts.periodEnd }).where(eq(teamSubscription.teamId, team.id));
  if (opts.currency === "XOF") await h.db.insert(billingProfile).values({ teamId: team.id, currency: "XOF", country: "CI" });
  return { team, owner, caller: callerFor(owner) };
}

/** Money put on the balance as support would (a `credit` entry), through the ledger's own writer. */
async function credit(teamId: string, amountMinor: number, currency: "EUR" | "XOF" = "EUR") {
  await h.db.transaction(async (tx) => {
    await lockTeamBilling(tx, teamId);
    await appendEntry(tx, { teamId, kind: "credit", amountMinor, currency, note: "test credit", now: clock.now() });
  });
}

const entries = (teamId: string) => h.db.select().from(balanceEntry).where(eq(balanceEntry.teamId, teamId)).orderBy(balanceEntry.seq);
const subOf = async (teamId: string) => (await h.db.select().from(teamSubscription).where(eq(teamSubscription.teamId, teamId)))[0]!;
const kindsOf = async (teamId: string) =>
  (await h.db.select({ kind: notification.kind }).from(notification).where(eq(notification.teamId, teamId))).map((n) => n.kind).sort();
const reasonOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCError) return (err.cause as { reason?: string } | undefined)?.reason ?? err.code;
    throw err;
  }
  return "ok";
};

describe("buying from the balance", () => {
  it("50 concurrent purchases from a balance that covers 10: exactly 10 succeed and the balance ends at its exact remainder", async () => {
    clock.set("2026-03-10T10:00:00Z");
    const { team, caller } = await proTeam({ periodEnd: new Date("2026-04-01T00:00:00Z") });
    const ram = priceOf("ram", "EUR");
    await credit(team.id, 10 * ram + 55);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => reasonOf(caller.addons.purchase({ team: team.slug, resource_type: "ram", quantity: 1, payment_method: "balance" }))),
    );
    const tally = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r]: (acc[r] ?? 0) + 1 }), {});
    expect(tally).toEqual({ ok: 10, balance_too_low: 40 });
    expect((await readBalance(h.db, team.id)).balanceMinor).toBe(55);
    const ledger = await entries(team.id);
    expect(ledger.map((e) => e.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(ledger.every((e) => e.balanceAfterMinor >= 0)).toBe(true);
    // Each entry follows from the one before it: nothing was lost between two writers.
    for (let i = 1; i < ledger.length; i++) expect(ledger[i]!.balanceAfterMinor).toBe(ledger[i - 1]!.balanceAfterMinor + ledger[i]!.amountMinor);
    const paid = await h.db
      .select()
      .from(payment)
      .where(and(eq(payment.teamId, team.id), eq(payment.provider, "balance")));
    expect(paid).toHaveLength(10);
    expect(paid.every((p) => p.status === "completed" && p.paymentMethod === "balance" && p.amountMinor === ram)).toBe(true);
    const active = await h.db
      .select()
      .from(additionalResource)
      .where(and(eq(additionalResource.teamId, team.id), eq(additionalResource.status, "active")));
    expect(active).toHaveLength(10);
    // The refused ones left nothing behind: no pending add-on, no payment.
    expect(await h.db.select().from(additionalResource).where(eq(additionalResource.teamId, team.id))).toHaveLength(10);
  });

  it("a purchase the balance does not cover is 409 balance_too_low with the shortfall; Pro from a covering balance extends it at once", async () => {
    clock.set("2026-05-31T22:00:00Z");
    const { team, caller } = await proTeam({ periodEnd: new Date("2026-06-02T00:00:00Z"), currency: "XOF" });
    await credit(team.id, 1_000, "XOF");
    const refused = await caller.payments.initiate({ team: team.slug, payment_method: "balance" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("CONFLICT");
    expect((refused as TRPCError).cause).toMatchObject({ reason: "balance_too_low", exposed: { shortfall_minor: 970, shortfall: 970, currency: "XOF" } });
    expect((refused as TRPCError).message).toContain("970 XOF");
    await credit(team.id, 1_000, "XOF");
    const paid = await caller.payments.initiate({ team: team.slug, payment_method: "balance" });
    expect(paid).toMatchObject({ status: "completed", provider: "balance", payment_method: "balance", amount: 1970, currency: "XOF" });
    expect((await subOf(team.id)).currentPeriodEnd).toEqual(new Date("2026-07-02T00:00:00Z"));
    expect((await readBalance(h.db, team.id)).balanceMinor).toBe(30);
    const view = await caller.balance.ledger({ team: team.slug, limit: 1 });
    expect(view.entries[0]).toMatchObject({ kind: "renewal", amount: -1970, balance_after: 30, payment_id: paid.id });
  });
});

describe("top-ups", () => {
  it("a Mobile Money top-up through the sandbox credits the balance once, whatever the webhooks do", async () => {
    clock.set("2026-12-31T23:50:00Z");
    const { team, caller } = await proTeam({ periodEnd: new Date("2027-01-20T00:00:00Z"), currency: "XOF" });
    const started = await caller.payments.initiate({
      team: team.slug,
      purpose: "top_up",
      amount: 5000,
      payment_method: "mobile_money",
      payer_phone: "+225 07 07 12 34 56",
      operator: "orange_money",
    });
    expect(started).toMatchObject({ purpose: "top_up", status: "pending", amount: 5000, currency: "XOF" });
    const decided = await sandboxDecide(h.db, { id: started.external_payment_id!, outcome: "completed", webhookSecret: TEST_WEBHOOK_SECRET });
    expect(decided.status).toBe("completed");
    await srv.idle();
    // The webhook again, and a status read: still one entry.
    await Promise.all([applyPaymentUpdate(h.db, started.id, { status: "completed", source: "webhook" }), caller.payments.status({ paymentId: started.id })]);
    const ledger = await entries(team.id);
    expect(ledger.map((e) => [e.kind, e.amountMinor, e.balanceAfterMinor, e.paymentId])).toEqual([["top_up", 5000, 5000, started.id]]);
    expect((await caller.balance.get({ team: team.slug })).balance).toBe(5000);
  });

  it("refuses top-ups out of the section's bounds: below Pro's price, above 100 times it, francs not in fives, decimals of francs", async () => {
    const { team, caller } = await proTeam({ periodEnd: new Date("2027-01-20T00:00:00Z"), currency: "XOF" });
    const topUp = (amount: number) =>
      reasonOf(
        caller.payments.initiate({
          team: team.slug,
          purpose: "top_up",
          amount,
          payment_method: "mobile_money",
          payer_phone: "+225 07 07 12 34 56",
          operator: "orange_money",
        }),
      );
    expect(await topUp(1965)).toBe("top_up_out_of_bounds");
    expect(await topUp(197_005)).toBe("top_up_out_of_bounds");
    expect(await topUp(2002)).toBe("top_up_step");
    expect(await topUp(2000.5)).toBe("invalid_amount");
    expect(await reasonOf(caller.payments.initiate({ team: team.slug, purpose: "top_up", amount: 2000, payment_method: "balance" }))).toBe("invalid_request");
    expect(await entries(team.id)).toEqual([]);
  });

  it("money that came after the payment ended is credited as a refund entry, once", async () => {
    const { team, caller } = await proTeam({ periodEnd: new Date("2027-01-20T00:00:00Z"), currency: "XOF" });
    const started = await caller.payments.initiate({
      team: team.slug,
      payment_method: "mobile_money",
      payer_phone: "+225 07 07 12 34 56",
      operator: "orange_money",
    });
    await applyPaymentUpdate(h.db, started.id, { status: "failed", failureReason: "expired", source: "reconciliation" });
    await applyPaymentUpdate(h.db, started.id, { status: "completed", source: "webhook" });
    await applyPaymentUpdate(h.db, started.id, { status: "completed", source: "webhook" });
    const ledger = await entries(team.id);
    expect(ledger.map((e) => [e.kind, e.amountMinor, e.paymentId])).toEqual([["refund", 1970, started.id]]);
    const [late] = await h.db
      .select()
      .from(notification)
      .where(and(eq(notification.teamId, team.id), eq(notification.kind, "payment.late_completion")));
    expect(late!.data).toMatchObject({ credited: true });
  });
});

describe("automatic renewal (the expire-resources job)", () => {
  const run = (at: string) => expireResources(h.db, { now: new Date(at) });

  it("renews Pro once from the old period's end, however often the job runs that day", async () => {
    const due = new Date("2026-12-31T23:30:00Z");
    clock.set("2026-12-31T05:00:00Z");
    const { team, caller } = await proTeam({ periodEnd: due, currency: "XOF" });
    await credit(team.id, 5000, "XOF");
    await caller.balance.setAutoRenew({ team: team.slug, item: "pro", enabled: true });
    expect((await caller.balance.get({ team: team.slug })).renewals[0]).toMatchObject({ item: "pro", auto_renew: true, covered: true });
    await run("2026-12-31T05:00:00Z");
    await run("2026-12-31T05:00:30Z");
    await run("2026-12-31T23:00:00Z");
    expect((await subOf(team.id)).currentPeriodEnd).toEqual(new Date("2027-01-30T23:30:00Z"));
    const ledger = await entries(team.id);
    expect(ledger.map((e) => [e.kind, e.amountMinor, e.balanceAfterMinor])).toEqual([
      ["credit", 5000, 5000],
      ["renewal", -1970, 3030],
    ]);
    expect(ledger[1]!.periodEnd).toEqual(due);
    const [renewal] = await h.db.select().from(payment).where(eq(payment.id, ledger[1]!.paymentId!));
    expect(renewal).toMatchObject({ provider: "balance", paymentMethod: "balance", status: "completed", purpose: "plan_upgrade", amountMinor: 1970 });
    expect(await kindsOf(team.id)).toContain("subscription.renewed");
  });

  it("a renewal paid at 23:59 and the job at 00:01 do not both happen", async () => {
    const due = new Date("2027-01-01T00:00:00Z");
    clock.set("2026-12-31T23:59:00Z");
    const { team, caller } = await proTeam({ periodEnd: due, currency: "XOF" });
    await credit(team.id, 5000, "XOF");
    await caller.balance.setAutoRenew({ team: team.slug, item: "pro", enabled: true });
    await caller.payments.initiate({ team: team.slug, payment_method: "balance" });
    clock.set("2027-01-01T00:01:00Z");
    await run("2027-01-01T00:01:00Z");
    expect((await subOf(team.id)).currentPeriodEnd).toEqual(new Date("2027-01-31T00:00:00Z"));
    expect((await entries(team.id)).filter((e) => e.amountMinor < 0)).toHaveLength(1);
    expect((await readBalance(h.db, team.id)).balanceMinor).toBe(3030);
  });

  it("an uncovered renewal: reminders at 7 and 3 days, past_due from its date with the limits kept, a covering top-up renews at once", async () => {
    const due = new Date("2028-02-28T12:00:00Z");
    clock.set("2028-02-20T12:00:00Z");
    const { team, caller } = await proTeam({ periodEnd: due, currency: "XOF" });
    await credit(team.id, 500, "XOF");
    await caller.balance.setAutoRenew({ team: team.slug, item: "pro", enabled: true });
    await run("2028-02-21T13:00:00Z"); // 6 days 23 h before: the 7-day reminder
    await run("2028-02-21T14:00:00Z");
    await run("2028-02-25T13:00:00Z"); // 2 days 23 h before: the 3-day reminder
    const reminders = await h.db
      .select()
      .from(notification)
      .where(and(eq(notification.teamId, team.id), eq(notification.kind, "balance.low")))
      .orderBy(notification.createdAt);
    expect(reminders.map((r) => (r.data as { days: number }).days)).toEqual([7, 3]);
    // The shortfall is 1,470 F, less than the smallest top-up (1,970 F): the reminder asks for the smallest top-up.
    expect(reminders[0]!.data).toMatchObject({ amount_minor: 1970, currency: "XOF", item: "pro" });
    expect(reminders[0]!.title).toContain("1,970");

    await run("2028-02-28T13:00:00Z");
    expect(await subOf(team.id)).toMatchObject({ planId: "pay_as_you_go", status: "past_due" });
    expect((await getEffectiveLimits(h.db, team.id, new Date("2028-02-29T12:00:00Z"))).plan).toBe("pay_as_you_go");
    expect((await caller.balance.get({ team: team.slug })).past_due).toBe(true);

    // On the leap day, inside the grace: a top-up completes and renews Pro in its own transaction.
    clock.set("2028-02-29T12:00:00Z");
    const started = await caller.payments.initiate({
      team: team.slug,
      purpose: "top_up",
      amount: 2000,
      payment_method: "mobile_money",
      payer_phone: "+225 07 07 12 34 56",
      operator: "orange_money",
    });
    await applyPaymentUpdate(h.db, started.id, { status: "completed", source: "webhook" }, new Date("2028-02-29T12:00:00Z"));
    expect(await subOf(team.id)).toMatchObject({ planId: "pay_as_you_go", status: "active", currentPeriodEnd: new Date("2028-03-29T12:00:00Z") });
    expect((await entries(team.id)).map((e) => [e.kind, e.balanceAfterMinor])).toEqual([
      ["credit", 500],
      ["top_up", 2500],
      ["renewal", 530],
    ]);
    await run("2028-03-02T12:30:00Z"); // past where the grace would have ended: nothing lapses
    expect(await subOf(team.id)).toMatchObject({ planId: "pay_as_you_go", status: "active" });
    expect(await kindsOf(team.id)).not.toContain("subscription.lapsed");
  });

  it("the reminder's e-mail, in French for a team in Côte d'Ivoire, carries the one-click top-up of the amount it asks for", async () => {
    const smtp = await startSmtpServer();
    try {
      clock.set("2027-06-01T08:00:00Z");
      const { team, caller } = await proTeam({ periodEnd: new Date("2027-06-05T08:00:00Z"), currency: "XOF" });
      await credit(team.id, 1000, "XOF");
      await caller.balance.setAutoRenew({ team: team.slug, item: "pro", enabled: true });
      const result = await expireResources(h.db, { now: new Date("2027-06-02T09:00:00Z"), mailer: createMailer(smtp.url, "https://console.example/") });
      expect(result.notifications).toMatchObject({ "balance.low": 1 });
      expect(smtp.received).toHaveLength(1);
      const text = smtp.received[0]!.text.replace(/\u202f|\u00a0/g, " ");
      // Shortfall 970 F, less than the smallest top-up: the reminder asks for 1,970 F.
      expect(text).toContain(`https://console.example/teams/${team.slug}/billing?top_up=1970`);
      expect(text).toContain("Rechargez 1 970 F CFA maintenant");
    } finally {
      await smtp.close();
    }
  });

  it("the grace crosses the year's end: still Pro until 3 days after the date, then Free, told once", async () => {
    const due = new Date("2026-12-30T12:00:00Z");
    clock.set("2026-12-29T12:00:00Z");
    const { team, caller } = await proTeam({ periodEnd: due });
    await caller.balance.setAutoRenew({ team: team.slug, item: "pro", enabled: true });
    await run("2026-12-30T12:05:00Z");
    expect(await subOf(team.id)).toMatchObject({ planId: "pay_as_you_go", status: "past_due" });
    await run("2027-01-02T11:59:00Z");
    expect(await subOf(team.id)).toMatchObject({ planId: "pay_as_you_go", status: "past_due" });
    await run("2027-01-02T12:00:00Z");
    await run("2027-01-02T12:01:00Z");
    expect(await subOf(team.id)).toMatchObject({ planId: "free", status: "active", autoRenew: false });
    expect((await kindsOf(team.id)).filter((k) => k === "subscription.lapsed")).toHaveLength(1);
    expect(await entries(team.id)).toEqual([]);
  });

  it("renews add-ons in date order from what is left; one not covered falls due, counts for its grace, then expires", async () => {
    clock.set("2027-02-27T00:00:00Z");
    const { team, caller } = await proTeam({ periodEnd: new Date("2027-03-20T00:00:00Z") });
    const addon = async (expiresAt: string, quantity: number) => {
      const id = newId("res");
      await h.db.insert(additionalResource).values({
        id,
        teamId: team.id,
        resourceType: "ram",
        quantity,
        unitPriceMinor: 100,
        status: "active",
        expiresAt: new Date(expiresAt),
        activatedAt: new Date("2027-01-29T00:00:00Z"),
      });
      await caller.balance.setAutoRenew({ team: team.slug, item: id, enabled: true });
      return id;
    };
    const first = await addon("2027-02-28T06:00:00Z", 2); // 2.00 EUR, due first
    const second = await addon("2027-02-28T08:00:00Z", 3); // 3.00 EUR
    await credit(team.id, 400);
    await run("2027-02-28T00:10:00Z");
    const [a, b] = await Promise.all(
      [first, second].map(async (id) => (await h.db.select().from(additionalResource).where(eq(additionalResource.id, id)))[0]!),
    );
    expect(a).toMatchObject({ status: "active", expiresAt: new Date("2027-03-30T06:00:00Z") });
    expect(b).toMatchObject({ status: "active", expiresAt: new Date("2027-02-28T08:00:00Z") });
    await run("2027-02-28T09:00:00Z");
    expect((await h.db.select().from(additionalResource).where(eq(additionalResource.id, second)))[0]!.status).toBe("past_due");
    expect((await getEffectiveLimits(h.db, team.id, new Date("2027-03-01T00:00:00Z"))).additional_resources.ram_mb).toBe(2500);
    await run("2027-03-03T08:00:00Z");
    expect((await h.db.select().from(additionalResource).where(eq(additionalResource.id, second)))[0]!.status).toBe("expired");
    expect((await getEffectiveLimits(h.db, team.id, new Date("2027-03-03T09:00:00Z"))).additional_resources.ram_mb).toBe(1000);
    expect((await readBalance(h.db, team.id)).balanceMinor).toBe(200);
  });
});

describe("the switches", () => {
  it("owners and admins only; another team's add-on is a 404; Pro is a 409 while Stripe renews it", async () => {
    const { team, caller } = await proTeam({ periodEnd: new Date("2027-05-01T00:00:00Z") });
    const member = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: member.id, role: "member" });
    expect(await reasonOf(callerFor(member).balance.setAutoRenew({ team: team.slug, item: "pro", enabled: true }))).toBe("insufficient_role");
    const other = await insertTeam(h, { plan: "pay_as_you_go" });
    const theirs = newId("res");
    await h.db.insert(additionalResource).values({
      id: theirs,
      teamId: other.team.id,
      resourceType: "cpu",
      quantity: 1,
      unitPriceMinor: 200,
      status: "active",
      expiresAt: new Date("2027-05-01T00:00:00Z"),
    });
    expect(await reasonOf(caller.balance.setAutoRenew({ team: team.slug, item: theirs, enabled: true }))).toBe("not_found");
    await h.db
      .update(teamSubscription)
      .set({ stripeSubscriptionId: `sub_${newId("sub")}`, stripeSubscriptionStatus: "active" })
      .where(eq(teamSubscription.teamId, team.id));
    expect(await reasonOf(caller.balance.setAutoRenew({ team: team.slug, item: "pro", enabled: true }))).toBe("stripe_subscription_active");
    expect((await subOf(team.id)).autoRenew).toBe(false);
    expect((await caller.balance.get({ team: team.slug })).pro_renews_by_card).toBe(true);
  });

  it("the currency cannot change while the balance holds money", async () => {
    const { team, caller } = await proTeam({ periodEnd: new Date("2027-05-01T00:00:00Z"), currency: "XOF" });
    await credit(team.id, 2000, "XOF");
    expect(await reasonOf(caller.billing.updateProfile({ team: team.slug, currency: "EUR" }))).toBe("balance_not_empty");
    const [last] = await h.db.select().from(balanceEntry).where(eq(balanceEntry.teamId, team.id)).orderBy(desc(balanceEntry.seq)).limit(1);
    expect(last!.balanceAfterMinor).toBe(2000);
  });
});

describe("the ledger's own guards", () => {
  it("the database refuses a negative balance and a second entry with the same number", async () => {
    const { team } = await proTeam({ periodEnd: new Date("2027-05-01T00:00:00Z") });
    await credit(team.id, 100);
    const row = { teamId: team.id, kind: "credit" as const, amountMinor: 5, currency: "EUR" as const };
    await expect(h.db.insert(balanceEntry).values({ ...row, id: newId("bal"), seq: 2, balanceAfterMinor: -1 })).rejects.toThrow();
    await expect(h.db.insert(balanceEntry).values({ ...row, id: newId("bal"), seq: 1, balanceAfterMinor: 105 })).rejects.toThrow();
    expect((await readBalance(h.db, team.id)).balanceMinor).toBe(100);
  });
});

// Spec 14.1–14.3 on the console's side, over real HTTP against the sandbox served by the test harness:
// francs in minor units end to end, the payer's number and operator, a payment that always ends by
// its deadline, late money, callbacks out of order or lacking fields, and `reconcile-payment`
// (run by InngestTestEngine: no Inngest server runs here; its sleeps are mocked by moving the console's clock).
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../../../test/db";
import { insertTeam, TEST_PAYER } from "../../../../test/fixtures";
import { signBackendWebhook, startPaymentServer } from "../../../../test/payment-harness";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import type { DbHandle } from "@/server/db/client";
import { notification, payment, sandboxPayment, teamSubscription, webhookEvent } from "@/server/db/schema";
import { clock } from "@/lib/clock";
import { createReconcilePayment, reconcileSchedule } from "../../../../inngest/functions/reconcile-payment";
import { createDockerClient } from "@/server/integrations/docker";
import type { TPaymentInitiatedEvent } from "./payments";
import { setUserLocale } from "@/server/services/auth/user-locale";

const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let srv: Awaited<ReturnType<typeof startPaymentServer>>;
const announced: TPaymentInitiatedEvent[] = [];
const callerFor = (user: TSessionUser) =>
  createCaller(createContextInner({ db: h.db, user, payments: () => ({ ...srv.context, announceInitiated: (e) => announced.push(e) }) }));

beforeAll(async () => {
  h = await openTestDb(10);
  srv = await startPaymentServer(h.db);
});
afterEach(() => clock.set(Date.now()));
afterAll(async () => {
  await srv.close();
  await h.close();
});

async function deliver(body: unknown, opts: { id?: string } = {}) {
  const d = signBackendWebhook(body, opts);
  const res = await fetch(srv.callbackUrl, { method: "POST", headers: d.headers, body: d.payload });
  return { status: res.status, body: (await res.json()) as { received?: boolean; outcome?: string; error?: { code: string; message: string } } };
}
const update = (externalId: string, status: string, amount?: number, currency?: string) => ({
  type: "payment.updated",
  data: { external_payment_id: externalId, status, ...(amount === undefined ? {} : { amount }), ...(currency === undefined ? {} : { currency }) },
});
async function paymentRow(id: string) {
  const [p] = await h.db.select().from(payment).where(eq(payment.id, id));
  return p!;
}
async function sandboxRow(externalId: string) {
  const [s] = await h.db.select().from(sandboxPayment).where(eq(sandboxPayment.id, externalId));
  return s!;
}
async function planOf(teamId: string) {
  const [s] = await h.db.select().from(teamSubscription).where(eq(teamSubscription.teamId, teamId));
  return s!;
}

/** A team in Abidjan paying in XOF. */
async function abidjanTeam() {
  const fx = await insertTeam(h, { plan: "free" });
  await callerFor(fx.owner).billing.updateProfile({ team: fx.team.slug, country: "CI" });
  return fx;
}

describe("francs CFA (spec 14.1)", () => {
  it("an Abidjan team pays Pro 1,970 XOF: stored as 1970, sent to the backend as 1970, completed by a whole-franc callback", async () => {
    const fx = await abidjanTeam();
    expect(await callerFor(fx.owner).billing.profile({ team: fx.team.slug })).toMatchObject({ currency: "XOF", country: "CI" });
    const started = await callerFor(fx.owner).payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", payer_phone: "07 07 12 34 56" });
    expect(started).toMatchObject({ amount: 1970, amount_minor: 1970, currency: "XOF", payer_phone: "+2250707123456", operator: "orange_money" });
    expect((await sandboxRow(started.external_payment_id!)).amountMinor).toBe(1970);
    const status = await (
      await fetch(`${srv.baseUrl}/api/sandbox/v1/payments/${started.external_payment_id}/status`, { headers: { "x-api-key": "test-api-key" } })
    ).json();
    expect(status).toMatchObject({ amount: 1970, currency: "XOF" });

    // The "stored in cents" mistake, in both directions, and decimals: refused, recorded, nothing applied.
    for (const [amount, code] of [
      [19.7, 422],
      [197000, 422],
      [1970.5, 422],
    ] as const) {
      const res = await deliver(update(started.external_payment_id!, "completed", amount, "XOF"));
      expect(res.status, `amount ${amount}`).toBe(code);
    }
    expect((await paymentRow(started.id)).status).toBe("pending");
    const rejected = await h.db.select().from(webhookEvent).where(eq(webhookEvent.outcome, "rejected"));
    expect(rejected.some((e) => e.detail?.includes("whole francs"))).toBe(true);

    const ok = await deliver(update(started.external_payment_id!, "completed", 1970, "XOF"));
    expect(ok).toMatchObject({ status: 200, body: { outcome: "applied" } });
    expect((await planOf(fx.team.id)).planId).toBe("pay_as_you_go");
  });

  it("a client amount in francs must be the server's, whole: 19.70 and 1970.5 are 400s, 1970 is taken", async () => {
    const fx = await abidjanTeam();
    const caller = callerFor(fx.owner);
    await expect(caller.payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER, amount: 19.7 })).rejects.toThrow(
      /amount: .*whole francs/,
    );
    await expect(caller.payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER, amount: 3 })).rejects.toThrow(
      /must be 1970 XOF/,
    );
    expect(await h.db.select().from(payment).where(eq(payment.teamId, fx.team.id))).toHaveLength(0);
    await expect(caller.payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER, amount: 1970 })).resolves.toMatchObject({
      amount_minor: 1970,
    });
  });

  it("the add-on catalogue and a purchase are in the team's currency: 660 F per RAM unit, 1,315 F per CPU", async () => {
    const fx = await insertTeam(h, { plan: "pay_as_you_go" });
    const caller = callerFor(fx.owner);
    await caller.billing.updateProfile({ team: fx.team.slug, currency: "XAF", country: "CM" });
    const catalogue = await caller.addons.catalogue({ team: fx.team.slug });
    expect(catalogue.map((c) => [c.type, c.price_minor, c.currency])).toEqual([
      ["ram", 660, "XAF"],
      ["cpu", 1315, "XAF"],
      ["traffic", 660, "XAF"],
      ["storage", 660, "XAF"],
    ]);
    const bought = await caller.addons.purchase({ team: fx.team.slug, resource_type: "cpu", quantity: 3, payer_phone: "6 71 23 45 67", operator: "mtn_momo" });
    expect(bought).toMatchObject({ amount: 3945, currency: "XAF" });
  });

  it("country and currency must agree; the currency stays while a payment is pending; members may only read", async () => {
    const fx = await insertTeam(h, { plan: "free" });
    const caller = callerFor(fx.owner);
    await expect(caller.billing.updateProfile({ team: fx.team.slug, currency: "XOF", country: "CM" })).rejects.toThrow(
      /currency: XOF is the franc of the UEMOA/,
    );
    await expect(caller.billing.updateProfile({ team: fx.team.slug, currency: "XAF" })).rejects.toThrow(/currency: XAF/);
    expect(await caller.billing.profile({ team: fx.team.slug })).toMatchObject({ currency: "EUR", country: null });
    await caller.payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    await expect(caller.billing.updateProfile({ team: fx.team.slug, country: "SN" })).rejects.toMatchObject({ code: "CONFLICT" });
    // The country alone may change when the currency does not.
    await expect(caller.billing.updateProfile({ team: fx.team.slug, currency: "EUR", country: "SN" })).resolves.toMatchObject({
      currency: "EUR",
      country: "SN",
    });
  });
});

describe("the payer (spec 14.2)", () => {
  it("names payer_phone or operator in its 400s, takes the prefix's operator, and remembers the number", async () => {
    const fx = await abidjanTeam();
    const caller = callerFor(fx.owner);
    const start = (body: Record<string, unknown>) => caller.payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...body });
    await expect(start({})).rejects.toThrow(/^payer_phone: required/);
    await expect(start({ payer_phone: "0707" })).rejects.toThrow(/^payer_phone: "0707" is not a valid phone number/);
    await expect(start({ payer_phone: "+225 07 07 12 34 56", operator: "free_money" })).rejects.toThrow(/^operator: Free Money does not serve numbers of CI/);
    await expect(start({ payer_phone: "+221 77 123 45 67" })).rejects.toThrow(/^operator: required for a number of SN/);
    await expect(caller.payments.initiate({ team: fx.team.slug, payment_method: "credit_card", payer_phone: "+2250707123456" })).rejects.toThrow(
      /^payer_phone: only/,
    );
    expect(await h.db.select().from(payment).where(eq(payment.teamId, fx.team.id))).toHaveLength(0);

    const first = await start({ payer_phone: "05 05 12 34 56" });
    expect(first).toMatchObject({ payer_phone: "+2250505123456", operator: "mtn_momo" });
    expect(await caller.billing.profile({ team: fx.team.slug })).toMatchObject({ last_payer_phone: "+2250505123456", last_operator: "mtn_momo" });
    await caller.payments.cancel({ paymentId: first.id });
    const again = await start({});
    expect(again).toMatchObject({ payer_phone: "+2250505123456", operator: "mtn_momo" });
  });
});

describe("a payment always ends (spec 14.3)", () => {
  it("gets the deadline and instructions from the backend, or 10 minutes for Mobile Money; announces itself after the start", async () => {
    const fx = await insertTeam(h, { plan: "free" });
    const before = clock.nowMs();
    const started = await callerFor(fx.owner).payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    const deadline = started.expires_at!.getTime();
    expect(deadline).toBeGreaterThanOrEqual(before + 9 * 60_000);
    expect(deadline).toBeLessThanOrEqual(clock.nowMs() + 10 * 60_000 + 1000);
    expect(announced.find((e) => e.payment_id === started.id)).toMatchObject({ team_id: fx.team.id, expires_at: started.expires_at!.toISOString() });
  });

  it("a status read past the deadline ends it failed, reason expired, and cancels it at the backend; money after that is late money", async () => {
    const fx = await insertTeam(h, { plan: "free" });
    const caller = callerFor(fx.owner);
    const started = await caller.payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    expect((await caller.payments.status({ paymentId: started.id })).status).toBe("pending");
    clock.set(started.expires_at!.getTime() + 1000);
    const ended = await caller.payments.status({ paymentId: started.id });
    expect(ended).toMatchObject({ status: "failed", failure_reason: "expired" });
    expect((await sandboxRow(started.external_payment_id!)).status).toBe("cancelled");
    const kinds = (await h.db.select().from(notification).where(eq(notification.teamId, fx.team.id))).map((n) => n.kind);
    expect(kinds).toContain("payment.failed");

    // The operator took the money anyway: recorded, not applied, support told, the team told once.
    const late = await deliver(update(started.external_payment_id!, "completed", 3, "EUR"));
    expect(late).toMatchObject({ status: 200, body: { outcome: "unchanged" } });
    await deliver(update(started.external_payment_id!, "completed", 3, "EUR"));
    const events = await h.db.select().from(webhookEvent).where(eq(webhookEvent.paymentId, started.id));
    expect(events.map((e) => e.outcome)).toEqual(["late_completion", "late_completion"]);
    const after = await paymentRow(started.id);
    expect(after.status).toBe("failed");
    expect(after.metadata.late_completion).toMatchObject({ source: "webhook", ended_as: "failed" });
    expect((await planOf(fx.team.id)).planId).toBe("free");
    const lateNotes = (await h.db.select().from(notification).where(eq(notification.teamId, fx.team.id))).filter((n) => n.kind === "payment.late_completion");
    expect(lateNotes).toHaveLength(1);
  });

  it("the expired payment's notice reads in the reader's language: French for an Abidjan owner, with the amount in francs", async () => {
    const fx = await abidjanTeam();
    await setUserLocale(h.db, fx.owner.id, "fr");
    const caller = callerFor(fx.owner);
    const started = await caller.payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    clock.set(started.expires_at!.getTime() + 1000);
    await caller.payments.status({ paymentId: started.id });
    const { notifications } = await caller.notifications.list();
    const failed = notifications.find((n) => n.kind === "payment.failed")!;
    expect(failed.title).toBe("Échec du paiement");
    expect(failed.body.replace(/[\u00a0\u202f]/g, " ")).toMatch(/^Le paiement de 1 970 F CFA a échoué\. Le délai de validation est dépassé/);
  });

  it("the nightly reconciliation ends open payments past their deadline, even when the backend is down", async () => {
    const fx = await insertTeam(h, { plan: "free" });
    const started = await callerFor(fx.owner).payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    const { reconcilePendingPayments } = await import("@/server/services/enforcement/expiry");
    const down = {
      ...srv.context,
      backend: { ...srv.context.backend, status: () => Promise.reject(new Error("backend down")), cancel: () => Promise.reject(new Error("backend down")) },
    };
    const result = await reconcilePendingPayments(h.db, down, new Date(started.expires_at!.getTime() + 60_000));
    expect(result.errors.some((e) => e.includes("backend down"))).toBe(true);
    expect(await paymentRow(started.id)).toMatchObject({ status: "failed", metadata: expect.objectContaining({ failure_reason: "expired" }) });
  });
});

describe("callbacks in any order (spec 14.3)", () => {
  it("completed, then an interim processing, then completed again: Pro once, never backwards", async () => {
    const fx = await insertTeam(h, { plan: "free" });
    const started = await callerFor(fx.owner).payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    const id = started.external_payment_id!;
    const answers = [];
    for (const status of ["completed", "processing", "completed"]) answers.push((await deliver(update(id, status, 3, "EUR"))).body.outcome);
    expect(answers).toEqual(["applied", "unchanged", "unchanged"]);
    expect((await paymentRow(started.id)).status).toBe("completed");
    const end = (await planOf(fx.team.id)).currentPeriodEnd!;
    expect(Math.round((end.getTime() - clock.nowMs()) / 86_400_000)).toBe(30);
  });

  it("a signed callback that lacks the amount and currency is decided by the status endpoint", async () => {
    const fx = await insertTeam(h, { plan: "free" });
    const started = await callerFor(fx.owner).payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    const id = started.external_payment_id!;
    // It says completed, but the backend's status endpoint still says pending: nothing moves.
    expect(await deliver(update(id, "completed"))).toMatchObject({ status: 200, body: { outcome: "unchanged" } });
    expect((await paymentRow(started.id)).status).toBe("pending");
    // The payer approved at the backend; the next bare callback completes it from the status endpoint's figures.
    await h.db.update(sandboxPayment).set({ status: "completed", transactionId: "txn_bare" }).where(eq(sandboxPayment.id, id));
    expect(await deliver(update(id, "completed"))).toMatchObject({ status: 200, body: { outcome: "applied" } });
    expect(await paymentRow(started.id)).toMatchObject({ status: "completed", metadata: expect.objectContaining({ transaction_id: "txn_bare" }) });
  });
});

describe("reconcile-payment (spec 14.3)", () => {
  const deps = () => ({ getDb: async () => h.db, docker: () => createDockerClient("/nonexistent/docker.sock"), payments: () => srv.context });

  it("asks at 30 s, 1, 2 and 5 minutes apart, then at the deadline", () => {
    const start = new Date("2026-12-31T23:55:00Z");
    expect(reconcileSchedule(start, new Date(start.getTime() + 600_000)).map((d) => d.toISOString())).toEqual([
      "2026-12-31T23:55:30.000Z",
      "2026-12-31T23:56:30.000Z",
      "2026-12-31T23:58:30.000Z",
      "2027-01-01T00:03:30.000Z",
      "2027-01-01T00:05:00.000Z",
    ]);
    expect(reconcileSchedule(start, new Date(start.getTime() + 60_000)).map((d) => d.toISOString())).toEqual([
      "2026-12-31T23:55:30.000Z",
      "2026-12-31T23:56:00.000Z",
    ]);
  });

  /** Runs the function on the payment's event; each sleep moves the console's clock to its wake-up time. */
  async function runFor(event: TPaymentInitiatedEvent) {
    const schedule = reconcileSchedule(new Date(event.initiated_at), new Date(event.expires_at));
    return new InngestTestEngine({
      function: createReconcilePayment(deps()),
      events: [{ name: "payment/initiated", data: { ...event } }],
      steps: schedule.map((at, i) => ({ id: `wait-${i}`, handler: () => clock.set(at.getTime() + 100) })),
    }).execute();
  }

  it("completes a payment the payer approved whose callback never came, at the first check", async () => {
    const fx = await insertTeam(h, { plan: "free" });
    const started = await callerFor(fx.owner).payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    await h.db.update(sandboxPayment).set({ status: "completed", transactionId: "txn_no_callback" }).where(eq(sandboxPayment.id, started.external_payment_id!));
    const { result, error } = await runFor(announced.find((e) => e.payment_id === started.id)!);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ payment_id: started.id, status: "completed", checks: 1 });
    expect((await planOf(fx.team.id)).planId).toBe("pay_as_you_go");
  });

  it("a prompt never approved: four checks find it pending, the deadline's ends it expired and cancels it", async () => {
    const fx = await insertTeam(h, { plan: "free" });
    const started = await callerFor(fx.owner).payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    const { result, error } = await runFor(announced.find((e) => e.payment_id === started.id)!);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "failed", checks: 5 });
    expect(await paymentRow(started.id)).toMatchObject({ status: "failed", metadata: expect.objectContaining({ failure_reason: "expired" }) });
    expect((await sandboxRow(started.external_payment_id!)).status).toBe("cancelled");
  });
});

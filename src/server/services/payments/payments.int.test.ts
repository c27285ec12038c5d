import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam, TEST_PAYER } from "../../../../test/fixtures";
import { TEST_WEBHOOK_SECRET, signBackendWebhook, startPaymentServer } from "../../../../test/payment-harness";
import type { DbHandle } from "@/server/db/client";
import { notification, payment, teamMember, teamSubscription, webhookEvent } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { backendProvider } from "@/server/integrations/payment-backend";
import { createPaymentBackendClient } from "@/server/integrations/payment-backend";
import { createPaymentContext } from "./payment-context";
import { sandboxDecide, sandboxInitiate } from "./sandbox-backend";
import type { TPaymentContext } from "./payments";
import { clock } from "@/lib/clock";

const DAY = 86_400_000;
const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let srv: Awaited<ReturnType<typeof startPaymentServer>>;
const callerFor = (user: TSessionUser, payments?: TPaymentContext) =>
  createCaller(createContextInner({ db: h.db, user, payments: () => payments ?? srv.context }));

beforeAll(async () => {
  h = await openTestDb(20);
  srv = await startPaymentServer(h.db);
});
afterAll(async () => {
  await srv.close();
  await h.close();
});

async function subscriptionOf(teamId: string) {
  const [s] = await h.db.select().from(teamSubscription).where(eq(teamSubscription.teamId, teamId));
  return s!;
}

async function deliver(body: unknown, opts: Parameters<typeof signBackendWebhook>[1] & { tamper?: (p: string) => string } = {}) {
  const d = signBackendWebhook(body, opts);
  const res = await fetch(srv.callbackUrl, { method: "POST", headers: d.headers, body: opts.tamper ? opts.tamper(d.payload) : d.payload });
  return { status: res.status, body: await res.json() };
}

const event = (externalId: string, status: string, amount = 3, currency = "EUR") => ({
  type: "payment.updated",
  data: { external_payment_id: externalId, status, amount, currency, transaction_id: "txn_1" },
});

async function startUpgrade(opts: { plan?: "free" | "pay_as_you_go" } = {}) {
  const fx = await insertTeam(h, { plan: opts.plan ?? "free" });
  const started = await callerFor(fx.owner).payments.initiate({ team: fx.team.slug, payment_method: "mobile_money", ...TEST_PAYER, amount: 3 });
  return { ...fx, started };
}

describe("payments against the sandbox backend over HTTP", () => {
  it("initiate → pay → signed webhook → the team is on Pro for 30 days, with a notification", async () => {
    const { team, owner, started } = await startUpgrade();
    expect(started).toMatchObject({
      status: "pending",
      amount: 3,
      currency: "EUR",
      payment_method: "mobile_money",
      payer_phone: "+2250707123456",
      operator: "orange_money",
    });
    expect(started.payment_url).toMatch(/\/sandbox\/pay\/sbx_/);
    expect(started.qr_code).toMatch(/^data:image\/png;base64,/);
    const before = clock.nowMs();
    const result = await sandboxDecide(h.db, { id: started.external_payment_id!, outcome: "completed", webhookSecret: TEST_WEBHOOK_SECRET });
    expect(result).toMatchObject({ delivered: true, status: "completed", returnUrl: `${srv.baseUrl}/teams/${team.slug}/billing?payment=${started.id}` });
    const sub = await subscriptionOf(team.id);
    expect(sub.planId).toBe("pay_as_you_go");
    expect(Math.abs(sub.currentPeriodEnd!.getTime() - (before + 30 * DAY))).toBeLessThan(60_000);
    const status = await callerFor(owner).payments.status({ paymentId: started.id });
    expect(status).toMatchObject({ status: "completed", backend_error: null });
    expect(status.completed_at).toBeInstanceOf(Date);
    const notes = await h.db.select().from(notification).where(eq(notification.teamId, team.id));
    expect(notes.map((n) => n.kind)).toEqual(["payment.completed"]);
    const history = await callerFor(owner).payments.history({ team: team.slug });
    expect(history.map((p) => [p.id, p.status])).toEqual([[started.id, "completed"]]);
  });

  it("paying again while on Pro extends from the current end, not from now", async () => {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    const end = new Date(clock.nowMs() + 12 * DAY);
    await h.db.update(teamSubscription).set({ currentPeriodEnd: end }).where(eq(teamSubscription.teamId, team.id));
    const p = await callerFor(owner).payments.initiate({ team: team.slug, payment_method: "credit_card" });
    await sandboxDecide(h.db, { id: p.external_payment_id!, outcome: "completed", webhookSecret: TEST_WEBHOOK_SECRET });
    expect((await subscriptionOf(team.id)).currentPeriodEnd!.getTime()).toBe(end.getTime() + 30 * DAY);
  });

  it("a replayed webhook changes nothing", async () => {
    const { team, started } = await startUpgrade();
    const d = signBackendWebhook(event(started.external_payment_id!, "completed"));
    const first = await fetch(srv.callbackUrl, { method: "POST", headers: d.headers, body: d.payload });
    expect(first.status).toBe(200);
    const periodEnd = (await subscriptionOf(team.id)).currentPeriodEnd;
    const again = await fetch(srv.callbackUrl, { method: "POST", headers: d.headers, body: d.payload });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, outcome: "duplicate" });
    expect((await subscriptionOf(team.id)).currentPeriodEnd).toEqual(periodEnd);
    const [ev] = await h.db.select().from(webhookEvent).where(eq(webhookEvent.id, d.headers["webhook-id"]));
    expect(ev).toMatchObject({ deliveryCount: 2, outcome: "processed", paymentId: started.id });
  });

  it("a forged signature, a stale timestamp and a tampered body each get 401 and change nothing", async () => {
    const { team, started } = await startUpgrade();
    const body = event(started.external_payment_id!, "completed");
    const forged = await deliver(body, { secret: "whsec_Zm9yZ2VkLXNlY3JldC1mb3ItdGVzdGluZw==" });
    const stale = await deliver(body, { at: new Date(Date.now() - 6 * 60_000) });
    const tampered = await deliver(body, { tamper: (p) => p.replace('"amount":3', '"amount":0.01') });
    for (const r of [forged, stale, tampered]) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe("invalid_signature");
    }
    expect((await subscriptionOf(team.id)).planId).toBe("free");
    const [p] = await h.db.select().from(payment).where(eq(payment.id, started.id));
    expect(p!.status).toBe("pending");
    expect(await h.db.select().from(webhookEvent).where(eq(webhookEvent.paymentId, started.id))).toEqual([]);
  });

  it("a correctly signed body that is not JSON, or holds a NUL character, is a 400 and is recorded (not a 401)", async () => {
    const { team, started } = await startUpgrade();
    const notJson = await deliver("this is not json {");
    expect(notJson).toEqual({ status: 400, body: { error: { code: "invalid_request", message: "body: must be valid JSON" } } });
    const nul = await deliver(event(`${started.external_payment_id!}\u0000`, "completed"));
    expect(nul).toEqual({
      status: 400,
      body: { error: { code: "invalid_request", message: "data.external_payment_id: must not contain a NUL character (\\u0000)" } },
    });
    const recorded = await h.db.select().from(webhookEvent).where(eq(webhookEvent.type, "invalid"));
    expect(recorded.filter((e) => JSON.stringify(e.payload).includes("this is not json"))).toHaveLength(1);
    expect(recorded.filter((e) => e.detail?.startsWith("data.external_payment_id: must not contain a NUL"))).toHaveLength(1);
    expect((await subscriptionOf(team.id)).planId).toBe("free");
  });

  it("the sandbox calls back only the console's own webhook and sends payers back only to the console", async () => {
    const rules = { publicBaseUrl: srv.baseUrl, allowLoopbackCallbacks: false };
    const body = {
      payment_id: "pay_x",
      amount: 3,
      currency: "EUR",
      payment_method: "mobile_money",
      callback_url: srv.callbackUrl,
      return_url: `${srv.baseUrl}/teams/x/billing`,
    };
    expect((await sandboxInitiate(h.db, body, rules)).status).toBe(200);
    expect(await sandboxInitiate(h.db, { ...body, callback_url: "https://evil.example/hook" }, rules)).toEqual({
      status: 400,
      body: {
        error: {
          code: "invalid_callback_url",
          message: `callback_url: the sandbox only calls back this console's webhook, ${srv.baseUrl}/api/payments/callback`,
        },
      },
    });
    expect((await sandboxInitiate(h.db, { ...body, callback_url: `${srv.baseUrl}/api/other` }, rules)).status).toBe(400);
    expect(await sandboxInitiate(h.db, { ...body, return_url: "https://evil.example/" }, rules)).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_return_url" } },
    });
    // The conformance kit's loopback callbacks, where PAYMENT_SANDBOX_API_KEY allows them.
    expect((await sandboxInitiate(h.db, { ...body, callback_url: "http://127.0.0.1:9/hook" }, { ...rules, allowLoopbackCallbacks: true })).status).toBe(200);
    expect((await sandboxInitiate(h.db, { ...body, callback_url: "http://10.0.0.1/hook" }, { ...rules, allowLoopbackCallbacks: true })).status).toBe(400);
  });

  it("an amount or currency mismatch gets 422, is recorded, and the team stays on Free", async () => {
    const { team, started } = await startUpgrade();
    const wrongAmount = await deliver(event(started.external_payment_id!, "completed", 0.5));
    expect(wrongAmount.status).toBe(422);
    expect(wrongAmount.body.error.code).toBe("amount_mismatch");
    const wrongCurrency = await deliver(event(started.external_payment_id!, "completed", 3, "XOF"));
    expect(wrongCurrency.status).toBe(422);
    expect((await subscriptionOf(team.id)).planId).toBe("free");
    const events = await h.db.select().from(webhookEvent).where(eq(webhookEvent.paymentId, started.id));
    expect(events.map((e) => e.outcome)).toEqual(["rejected", "rejected"]);
  });

  it("an unknown payment gets 404, recorded", async () => {
    const r = await deliver(event("sbx_unknown", "completed"), { id: "msg_unknown_payment_1" });
    expect(r.status).toBe(404);
    const [ev] = await h.db.select().from(webhookEvent).where(eq(webhookEvent.id, "msg_unknown_payment_1"));
    expect(ev!.outcome).toBe("unknown_payment");
  });

  it("50 concurrent copies of one delivery extend the period exactly once", async () => {
    const { team, started } = await startUpgrade();
    const d = signBackendWebhook(event(started.external_payment_id!, "completed"));
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(srv.callbackUrl, { method: "POST", headers: d.headers, body: d.payload }).then(async (r) => [r.status, (await r.json()).outcome]),
      ),
    );
    expect(answers.every(([s]) => s === 200)).toBe(true);
    expect(answers.filter(([, o]) => o === "applied")).toHaveLength(1);
    const sub = await subscriptionOf(team.id);
    expect(sub.currentPeriodEnd!.getTime() - clock.nowMs()).toBeLessThan(30 * DAY + 60_000);
    expect(sub.currentPeriodEnd!.getTime() - clock.nowMs()).toBeGreaterThan(29 * DAY);
    const completedNotes = await h.db.select().from(notification).where(eq(notification.teamId, team.id));
    expect(completedNotes).toHaveLength(1);
    const [ev] = await h.db.select().from(webhookEvent).where(eq(webhookEvent.id, d.headers["webhook-id"]));
    expect(ev!.deliveryCount).toBe(50);
  });

  it("completed racing failed for one payment ends in one final state, its effects applied once", async () => {
    for (let round = 0; round < 5; round++) {
      const { team, started } = await startUpgrade();
      const results = await Promise.all([deliver(event(started.external_payment_id!, "completed")), deliver(event(started.external_payment_id!, "failed"))]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      expect(results.filter((r) => r.body.outcome === "applied")).toHaveLength(1);
      const [p] = await h.db.select().from(payment).where(eq(payment.id, started.id));
      const sub = await subscriptionOf(team.id);
      expect(["completed", "failed"]).toContain(p!.status);
      expect(sub.planId).toBe(p!.status === "completed" ? "pay_as_you_go" : "free");
    }
  });

  it("final states never move", async () => {
    const { team, started } = await startUpgrade();
    await deliver(event(started.external_payment_id!, "failed"));
    const late = await deliver(event(started.external_payment_id!, "completed"));
    expect(late).toEqual({ status: 200, body: { received: true, outcome: "unchanged" } });
    expect((await subscriptionOf(team.id)).planId).toBe("free");
  });

  it("a backend on a closed port makes initiate answer 502 and the payment failed, with the reason", async () => {
    const { team, owner } = await insertTeam(h);
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const down: TPaymentContext = {
      ...srv.context,
      backend: backendProvider(createPaymentBackendClient({ apiUrl: `http://127.0.0.1:${port}/api/v1`, apiKey: "x" }), srv.callbackUrl),
    };
    const err = await callerFor(owner, down)
      .payments.initiate({ team: team.slug, payment_method: "mobile_money", ...TEST_PAYER })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_GATEWAY");
    expect((err as TRPCError).message).toBe("The payment backend cannot be reached right now. Try again in a moment.");
    const [p] = await h.db.select().from(payment).where(eq(payment.teamId, team.id));
    expect(p).toMatchObject({
      status: "failed",
      metadata: expect.objectContaining({ failure_reason: "The payment backend cannot be reached right now. Try again in a moment." }),
    });
  });

  it("a real backend is called at PAYMENT_BACKEND_URL + /api/v1/payments/…, with its API key", async () => {
    const { team, owner } = await insertTeam(h);
    // A backend built to spec 7.2 alone, on its own address (not the app's sandbox).
    const seen: { method: string; url: string; key: string | undefined }[] = [];
    const backend = createHttpServer((req, res) => {
      seen.push({ method: req.method!, url: req.url!, key: req.headers["x-api-key"] as string | undefined });
      res.setHeader("content-type", "application/json");
      if (req.method === "POST" && req.url === "/api/v1/payments/initiate") {
        res.end(JSON.stringify({ external_payment_id: "ext_spec_1", payment_url: "https://pay.example/ext_spec_1", qr_code: null, status: "pending" }));
      } else if (req.url === "/api/v1/payments/ext_spec_1/status") {
        res.end(JSON.stringify({ external_payment_id: "ext_spec_1", status: "completed", amount: 3, currency: "EUR", transaction_id: "tx_1" }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { code: "not_found", message: "no such path" } }));
      }
    });
    const port = await new Promise<number>((resolve) => backend.listen(0, "127.0.0.1", () => resolve((backend.address() as { port: number }).port)));
    try {
      const real = createPaymentContext({ baseUrl: srv.baseUrl, backendUrl: `http://127.0.0.1:${port}/`, backendApiKey: "key_spec" });
      const view = await callerFor(owner, real).payments.initiate({ team: team.slug, payment_method: "mobile_money", ...TEST_PAYER });
      expect(view).toMatchObject({ status: "pending", external_payment_id: "ext_spec_1", payment_url: "https://pay.example/ext_spec_1" });
      expect((await callerFor(owner, real).payments.status({ paymentId: view.id })).status).toBe("completed");
      expect(seen).toEqual([
        { method: "POST", url: "/api/v1/payments/initiate", key: "key_spec" },
        { method: "GET", url: "/api/v1/payments/ext_spec_1/status", key: "key_spec" },
      ]);
    } finally {
      await new Promise((resolve) => backend.close(resolve));
    }
  });

  it("a client amount that differs from the server's is a 400, and nothing is written", async () => {
    const { team, owner } = await insertTeam(h);
    const err = await callerFor(owner)
      .payments.initiate({ team: team.slug, payment_method: "mobile_money", ...TEST_PAYER, amount: 0.3 })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toMatch(/^amount: must be 3\.00 EUR/);
    expect(await h.db.select().from(payment).where(eq(payment.teamId, team.id))).toEqual([]);
  });

  it("a member who is not owner or admin cannot pay", async () => {
    const { team } = await insertTeam(h, { plan: "pay_as_you_go" });
    const member = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: member.id, role: "member" });
    const err = await callerFor(member)
      .payments.initiate({ team: team.slug, payment_method: "mobile_money", ...TEST_PAYER })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("FORBIDDEN");
    expect((err as TRPCError).message).toBe("Only the team's owners and admins may make payments.");
    expect(await h.db.select().from(payment).where(eq(payment.teamId, team.id))).toEqual([]);
  });

  it("another team's payment is 404 for status and cancel", async () => {
    const { started } = await startUpgrade();
    const stranger = await insertUser(h);
    for (const call of [
      () => callerFor(stranger).payments.status({ paymentId: started.id }),
      () => callerFor(stranger).payments.cancel({ paymentId: started.id }),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect((err as TRPCError).code).toBe("NOT_FOUND");
      expect((err as TRPCError).message).toBe("Payment not found.");
    }
  });

  it("a lost webhook is caught up by the status check, through the same rules", async () => {
    const { team, owner, started } = await startUpgrade();
    // The payer paid, but the callback never arrived (its URL did not answer).
    await sandboxDecide(h.db, {
      id: started.external_payment_id!,
      outcome: "completed",
      webhookSecret: TEST_WEBHOOK_SECRET,
      fetch: async () => {
        throw new Error("connection refused");
      },
    });
    expect((await subscriptionOf(team.id)).planId).toBe("free");
    const completedFor: string[] = [];
    const caller = createCaller(
      createContextInner({ db: h.db, user: owner, payments: () => srv.context, onPaymentCompleted: (teamId) => completedFor.push(teamId) }),
    );
    const status = await caller.payments.status({ paymentId: started.id });
    expect(status.status).toBe("completed");
    expect((await subscriptionOf(team.id)).planId).toBe("pay_as_you_go");
    // The app re-evaluates the team's limits after such an answer (a suspension may lift).
    expect(completedFor).toEqual([team.id]);
  });

  it("a pending payment can be cancelled; a final one answers 409", async () => {
    const { owner, started } = await startUpgrade();
    const cancelled = await callerFor(owner).payments.cancel({ paymentId: started.id });
    expect(cancelled.status).toBe("cancelled");
    const err = await callerFor(owner)
      .payments.cancel({ paymentId: started.id })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("CONFLICT");
    expect((err as TRPCError).message).toBe("Only a pending payment can be cancelled; this one is cancelled.");
  });

  it("two cancels of one payment at once: one cancels it, the other gets 409, never a gateway error", async () => {
    const { owner, started } = await startUpgrade();
    const results = await Promise.allSettled([0, 1, 2].map(() => callerFor(owner).payments.cancel({ paymentId: started.id })));
    const done = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(done).toHaveLength(1);
    expect((done[0] as PromiseFulfilledResult<{ status: string }>).value.status).toBe("cancelled");
    expect(refused.map((r) => (r.reason as TRPCError).code)).toEqual(["CONFLICT", "CONFLICT"]);
    for (const r of refused)
      expect((r.reason as TRPCError).message).toMatch(
        /^(This payment is already being cancelled|Only a pending payment can be cancelled; this one is cancelled)/,
      );
  });

  it("a second click within 30 minutes answers the same pending payment", async () => {
    const { team, owner, started } = await startUpgrade();
    const again = await callerFor(owner).payments.initiate({ team: team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    expect(again.id).toBe(started.id);
  });
});

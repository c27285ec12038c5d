import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { TEST_API_KEY, TEST_WEBHOOK_SECRET, startPaymentServer } from "../../../../test/payment-harness";
import { clock } from "@/lib/clock";
import type { DbHandle } from "@/server/db/client";
import { sandboxPayment, teamSubscription } from "@/server/db/schema";
import { createContextInner } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { logger } from "@/server/log";
import { sandboxDecide, sandboxIdle } from "./sandbox-backend";

// The sandbox's test numbers (spec 14.4), seen as a console sees them: over HTTP, with the signed
// callbacks received by a listener of this file and verified with the public standardwebhooks package.
let h: DbHandle;
let srv: Awaited<ReturnType<typeof startPaymentServer>>;
let listener: Server;
let callbackUrl = "";
const createCaller = createCallerFactory(appRouter);

interface TDelivery {
  webhookId: string;
  at: number;
  verified: boolean;
  data: { external_payment_id: string; status: string; amount: number; currency: string; transaction_id: string | null; failure_reason: string | null };
}
const deliveries: TDelivery[] = [];
const wakers = new Set<() => void>();

/** The deliveries for one payment once `done` holds (a test's own timeout ends a wait that never comes). */
function deliveriesFor(id: string, done: (d: TDelivery[]) => boolean = () => true): Promise<TDelivery[]> {
  return new Promise((resolve) => {
    const check = () => {
      const mine = deliveries.filter((d) => d.data.external_payment_id === id);
      if (!done(mine)) return;
      wakers.delete(check);
      resolve(mine);
    };
    wakers.add(check);
    check();
  });
}

beforeAll(async () => {
  h = await openTestDb(10);
  srv = await startPaymentServer(h.db, { sandbox: { allowLoopbackCallbacks: true } });
  const wh = new Webhook(TEST_WEBHOOK_SECRET);
  listener = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let verified = true;
    try {
      wh.verify(raw, req.headers as Record<string, string>);
    } catch {
      verified = false;
    }
    deliveries.push({ webhookId: String(req.headers["webhook-id"]), at: Date.now(), verified, data: JSON.parse(raw).data });
    res.writeHead(200).end();
    for (const wake of [...wakers]) wake();
  });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  callbackUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/callback`;
});
afterAll(async () => {
  await srv.close();
  await new Promise((resolve) => listener.close(resolve));
  await h.close();
});

const api = `/api/sandbox/v1/payments`;
async function sandbox(method: "GET" | "POST", path: string, body?: unknown, key = TEST_API_KEY) {
  const res = await fetch(`${srv.baseUrl}${api}${path}`, {
    method,
    headers: { "x-api-key": key, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const payer = (ending: string, over: Partial<{ phone: string; operator: string; country: string }> = {}) => ({
  phone: `+225070700${ending}`,
  operator: "orange_money",
  country: "CI",
  ...over,
});

function initiate(over: Record<string, unknown> = {}) {
  return sandbox("POST", "/initiate", {
    payment_id: `pay_${Math.random().toString(36).slice(2)}`,
    amount: 1970,
    currency: "XOF",
    payment_method: "mobile_money",
    description: "Servelink Pro",
    callback_url: callbackUrl,
    return_url: `${srv.baseUrl}/teams/x/billing`,
    ...over,
  });
}

const status = (id: string) => sandbox("GET", `/${id}/status`);
// Dated runs start the clock elsewhere (SERVELINK_FAKE_NOW): a test that moves it puts it back where it was.
const startOffset = clock.offsetMs();
const restoreClock = () => clock.setOffsetMs(startOffset);
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("the sandbox's answers (contract v2)", () => {
  it("initiate stores the payer and answers expires_at at the console's clock plus the approval window, and French instructions", async () => {
    clock.set("2027-01-01T00:00:00Z");
    try {
      const started = await initiate({ payer: payer("0099") });
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({ status: "pending", qr_code: expect.stringMatching(/^data:image\/png;base64,/) });
      // The clock runs on from where it was set: the window starts when the request is answered (bounds loose: a loaded machine is slow, not wrong).
      const window = Date.parse(started.body.expires_at) - Date.parse("2027-01-01T00:00:00Z");
      expect(window).toBeGreaterThanOrEqual(600_000);
      expect(window).toBeLessThan(630_000);
      expect(spaces(started.body.instructions)).toBe("Validez le paiement de 1 970 F CFA sur votre téléphone (Orange Money).");
      const [row] = await h.db.select().from(sandboxPayment).where(eq(sandboxPayment.id, started.body.external_payment_id));
      expect(row).toMatchObject({ payerPhone: "+2250707000099", operator: "orange_money", amountMinor: 1970, currency: "XOF" });
      expect(row!.expiresAt!.toISOString()).toBe(started.body.expires_at);
    } finally {
      restoreClock();
    }
  });

  it("SANDBOX_APPROVAL_WINDOW_S sets the window; English for a payer outside the francophone countries; a card page in both languages", async () => {
    vi.stubEnv("SANDBOX_APPROVAL_WINDOW_S", "90");
    try {
      const before = clock.nowMs();
      const gh = await initiate({ amount: 3, currency: "EUR", payer: payer("0099", { phone: "+233241234567", operator: "mtn_momo", country: "GH" }) });
      const window = Date.parse(gh.body.expires_at) - before;
      expect(window).toBeGreaterThanOrEqual(90_000);
      expect(window).toBeLessThan(120_000);
      expect(gh.body.instructions).toBe("Approve the payment of €3.00 on your phone (MTN MoMo).");
    } finally {
      vi.unstubAllEnvs();
    }
    const card = await initiate({ amount: 3, currency: "EUR", payment_method: "credit_card" });
    expect(card.body).toMatchObject({ qr_code: null, instructions: "Terminez le paiement sur la page. / Complete the payment on the page." });
    expect(Date.parse(card.body.expires_at) - clock.nowMs()).toBeGreaterThan(595_000);
  });

  it("refuses francs with decimals, other currencies, other methods, a payer's number not in E.164, and a wrong key", async () => {
    expect(await initiate({ amount: 1970.5 })).toEqual({
      status: 400,
      body: { error: { code: "invalid_amount", message: "amount must be whole francs in XOF (no decimals: 1970.5 is not an amount of XOF)" } },
    });
    expect((await initiate({ amount: -1 })).body.error.code).toBe("invalid_amount");
    expect(await initiate({ currency: "USD" })).toEqual({
      status: 400,
      body: { error: { code: "invalid_currency", message: "currency must be one of EUR, XOF, XAF" } },
    });
    expect(await initiate({ payment_method: "cash" })).toEqual({
      status: 400,
      body: { error: { code: "unsupported_method", message: "payment_method cash is not supported" } },
    });
    expect(await initiate({ payer: payer("0001", { phone: "07 07 00 00 01" }) })).toEqual({
      status: 400,
      body: { error: { code: "invalid_phone", message: 'payer.phone: "07 07 00 00 01" is not an E.164 number such as +2250707123456' } },
    });
    expect((await sandbox("POST", "/initiate", {}, "wrong-key")).status).toBe(401);
    expect(await status("sbx_unknown")).toEqual({ status: 404, body: { error: { code: "not_found", message: "no sandbox payment sbx_unknown" } } });
    expect(await sandbox("POST", "/sbx_unknown/cancel", {})).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "no sandbox payment sbx_unknown" } },
    });
  });
});

describe.concurrent("the test numbers, in real time", () => {
  it("0001: approved after 5 s, with one signed completed callback that agrees with the status", async () => {
    // From before the request: the sandbox's 5 s start when it takes the payment, before its answer reaches us.
    const t0 = Date.now();
    const started = await initiate({ payer: payer("0001") });
    const id = started.body.external_payment_id;
    expect((await status(id)).body).toMatchObject({ status: "pending", failure_reason: null });
    const [cb] = await deliveriesFor(id, (d) => d.length > 0);
    expect(cb!.at - t0).toBeGreaterThanOrEqual(4_900);
    // Not a speed check: only that the decision comes on its own, after its 5 s.
    expect(cb!.at - t0).toBeLessThan(30_000);
    expect(cb!.verified).toBe(true);
    const now = await status(id);
    expect(now.body).toEqual({ ...cb!.data, transaction_id: expect.stringMatching(/^txn_/) });
    expect(now.body).toMatchObject({ status: "completed", amount: 1970, currency: "XOF", failure_reason: null });
    await sandboxIdle();
    expect(await deliveriesFor(id)).toHaveLength(1);
  });

  it("0002: fails insufficient_funds, with a signed failed callback", async () => {
    const id = (await initiate({ payer: payer("0002") })).body.external_payment_id;
    const [cb] = await deliveriesFor(id, (d) => d.length > 0);
    expect(cb).toMatchObject({ verified: true, data: { status: "failed", failure_reason: "insufficient_funds", transaction_id: null } });
    expect((await status(id)).body).toMatchObject({ status: "failed", failure_reason: "insufficient_funds" });
  });

  it("0004: three signed callbacks out of order (completed, processing, completed) under distinct webhook-ids", async () => {
    const id = (await initiate({ payer: payer("0004") })).body.external_payment_id;
    const got = await deliveriesFor(id, (d) => d.length >= 3);
    await sandboxIdle();
    expect((await deliveriesFor(id)).map((d) => d.data.status)).toEqual(["completed", "processing", "completed"]);
    expect(got.every((d) => d.verified)).toBe(true);
    expect(new Set(got.map((d) => d.webhookId)).size).toBe(3);
    expect((await status(id)).body.status).toBe("completed");
  });

  it("0005: approved after 5 s, and only the status endpoint tells", async () => {
    const t0 = Date.now();
    const id = (await initiate({ payer: payer("0005") })).body.external_payment_id;
    expect((await status(id)).body.status).toBe("pending");
    await sandboxIdle();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(4_900);
    expect((await status(id)).body).toMatchObject({ status: "completed", transaction_id: expect.stringMatching(/^txn_/) });
    expect(await deliveriesFor(id)).toEqual([]);
  });

  it("any other number waits for the hosted page: nothing happens on its own, then Fail sends failed (declined)", async () => {
    const id = (await initiate({ payer: payer("0099") })).body.external_payment_id;
    await sandboxIdle();
    expect((await status(id)).body.status).toBe("pending");
    expect(await deliveriesFor(id)).toEqual([]);
    const decided = await sandboxDecide(h.db, { id, outcome: "failed", webhookSecret: TEST_WEBHOOK_SECRET });
    expect(decided).toMatchObject({ status: "failed", delivered: true });
    const [cb] = await deliveriesFor(id, (d) => d.length > 0);
    expect(cb).toMatchObject({ verified: true, data: { status: "failed", failure_reason: "declined" } });
  });

  it("a payment cancelled before its decision stays cancelled, with no callback", async () => {
    const id = (await initiate({ payer: payer("0001") })).body.external_payment_id;
    expect(await sandbox("POST", `/${id}/cancel`, {})).toEqual({ status: 200, body: { external_payment_id: id, status: "cancelled" } });
    await sandboxIdle();
    expect((await status(id)).body.status).toBe("cancelled");
    expect(await deliveriesFor(id)).toEqual([]);
  });

  it("a callback that cannot be delivered is logged, never thrown, and the status still tells", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
    try {
      const started = await initiate({ payer: payer("0001"), callback_url: "http://127.0.0.1:1/unreachable" });
      await sandboxIdle();
      expect((await status(started.body.external_payment_id)).body.status).toBe("completed");
      expect(warn.mock.calls).toContainEqual([
        expect.objectContaining({ payment_id: started.body.external_payment_id, status: "completed" }),
        "sandbox: callback not delivered",
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("decisions through the console's clock", () => {
  it("0003: pending through its window, then failed expired at the status endpoint, with no callback; cancel is then already_final", async () => {
    const started = await initiate({ payer: payer("0003") });
    const id = started.body.external_payment_id;
    const deadline = Date.parse(started.body.expires_at);
    try {
      clock.set(deadline - 1_000);
      expect((await status(id)).body).toMatchObject({ status: "pending", failure_reason: null });
      clock.set(deadline + 1_000);
      expect((await status(id)).body).toMatchObject({ status: "failed", failure_reason: "expired", transaction_id: null });
      expect(await sandbox("POST", `/${id}/cancel`, {})).toEqual({
        status: 409,
        body: { error: { code: "already_final", message: "the payment is already failed" } },
      });
    } finally {
      restoreClock();
    }
    await sandboxIdle();
    expect(await deliveriesFor(id)).toEqual([]);
  });

  it("0001 read after its 5 s on the clock is completed at once; its callback still comes on its timer", async () => {
    const id = (await initiate({ payer: payer("0001") })).body.external_payment_id;
    try {
      clock.set(clock.nowMs() + 6_000);
      expect((await status(id)).body.status).toBe("completed");
      expect(await deliveriesFor(id)).toEqual([]);
    } finally {
      restoreClock();
    }
    const [cb] = await deliveriesFor(id, (d) => d.length > 0);
    expect(cb).toMatchObject({ verified: true, data: { status: "completed" } });
  });
});

describe("the console on the test numbers", () => {
  async function pay(ending: string) {
    const { team, owner } = await insertTeam(h);
    const caller = createCaller(createContextInner({ db: h.db, user: owner, payments: () => srv.context }));
    const started = await caller.payments.initiate({
      team: team.slug,
      payment_method: "mobile_money",
      payer_phone: `+225 07 07 00 00 ${ending.slice(2)}`,
      operator: "orange_money",
    });
    return { team, caller, started };
  }

  it("0001 makes the team Pro through the callback; 0002 ends failed with insufficient_funds", async () => {
    const [ok, poor] = await Promise.all([pay("0001"), pay("0002")]);
    expect(ok.started).toMatchObject({ status: "pending", instructions: expect.stringContaining("Validez le paiement") });
    await srv.idle();
    const [sub] = await h.db.select().from(teamSubscription).where(eq(teamSubscription.teamId, ok.team.id));
    expect(sub!.planId).toBe("pay_as_you_go");
    expect((await ok.caller.payments.status({ paymentId: ok.started.id })).status).toBe("completed");
    expect(await poor.caller.payments.status({ paymentId: poor.started.id })).toMatchObject({ status: "failed", failure_reason: "insufficient_funds" });
  });

  it("0003 ends failed (expired) once the console's clock passes the sandbox's expires_at", async () => {
    const { caller, started } = await pay("0003");
    expect(started.expires_at).toBeInstanceOf(Date);
    try {
      clock.set(started.expires_at!.getTime() + 1_000);
      expect(await caller.payments.status({ paymentId: started.id })).toMatchObject({ status: "failed", failure_reason: "expired" });
    } finally {
      restoreClock();
    }
  });
});

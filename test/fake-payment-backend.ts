import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { clock } from "../src/lib/clock";
import { amountProblem } from "../src/lib/money";

/**
 * A payment backend written from docs/payment-backend.md alone (contract v2 and the test numbers
 * of spec 14.4), apart from the console's sandbox, for the conformance kit's tests: without faults
 * it passes every check; each fault breaks the contract in one named way. Its clock is the
 * console's (the dated runs move both).
 */
export type TBackendFault =
  | "initiate_without_payment_url"
  | "expires_at_not_a_date"
  | "status_finds_unknown_ids"
  | "cancel_final_again"
  | "accepts_negative_amounts"
  | "accepts_franc_decimals"
  | "accepts_any_method"
  | "any_api_key"
  | "unsigned_callbacks"
  | "callbacks_signed_with_another_secret"
  | "status_xof_with_decimals"
  | "callback_disagrees_with_status"
  | "approves_0003"
  | "calls_back_0005"
  | "0002_without_reason"
  | "0004_in_order"
  | "status_hangs";

interface TFakePayment {
  id: string;
  amount: number;
  currency: string;
  status: string;
  failureReason: string | null;
  transactionId: string | null;
  callbackUrl: string;
  phone: string | null;
}

export const FAKE_BACKEND_KEY = "fake-backend-key";
export const FAKE_BACKEND_SECRET = "whsec_ZmFrZS1iYWNrZW5kLXNpZ25pbmctc2VjcmV0LTAx";
const OTHER_SECRET = "whsec_YW5vdGhlci1zZWNyZXQtbm90LXRoZS1jb25zb2xlcw==";

export async function startFakeBackend(opts: { faults?: TBackendFault[]; decideMs?: number } = {}) {
  const faults = new Set(opts.faults ?? []);
  const decideMs = opts.decideMs ?? 150;
  const payments = new Map<string, TFakePayment>();
  const work = new Set<Promise<void>>();

  async function callback(p: TFakePayment, status = p.status) {
    const data: Record<string, unknown> = {
      external_payment_id: p.id,
      status,
      amount: faults.has("callback_disagrees_with_status") ? p.amount + 1 : p.amount,
      currency: p.currency,
      transaction_id: p.transactionId,
      failure_reason: status === "failed" ? p.failureReason : null,
    };
    const body = JSON.stringify({ type: "payment.updated", data });
    const id = `msg_${randomBytes(8).toString("hex")}`;
    const at = new Date();
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (!faults.has("unsigned_callbacks")) {
      const secret = faults.has("callbacks_signed_with_another_secret") ? OTHER_SECRET : FAKE_BACKEND_SECRET;
      Object.assign(headers, {
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": new Webhook(secret).sign(id, at, body),
      });
    }
    await fetch(p.callbackUrl, { method: "POST", headers, body }).catch(() => null);
  }

  function decide(p: TFakePayment) {
    const ending = p.phone?.slice(-4);
    const behaviour = ending === "0003" && faults.has("approves_0003") ? "0001" : ending;
    if (!behaviour || !["0001", "0002", "0004", "0005"].includes(behaviour)) return;
    const job = new Promise<void>((resolve) => setTimeout(resolve, decideMs))
      .then(async () => {
        if (p.status !== "pending") return;
        if (behaviour === "0002") {
          p.status = "failed";
          p.failureReason = faults.has("0002_without_reason") ? null : "insufficient_funds";
        } else {
          p.status = "completed";
          p.transactionId = `txn_${randomBytes(6).toString("hex")}`;
        }
        if (behaviour === "0005" && !faults.has("calls_back_0005")) return;
        const sequence =
          behaviour === "0004" ? (faults.has("0004_in_order") ? ["processing", "completed"] : ["completed", "processing", "completed"]) : [p.status];
        for (const status of sequence) await callback(p, status);
      })
      .finally(() => work.delete(job));
    work.add(job);
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, code: string, message = code) => send(status, { error: { code, message } });
    if (req.headers["x-api-key"] !== FAKE_BACKEND_KEY && !faults.has("any_api_key")) return error(401, "unauthorized");
    const m = /^\/api\/v1\/payments\/(?:(initiate)|([^/]+)\/(status|cancel))$/.exec(req.url ?? "");
    if (m?.[1] && req.method === "POST") {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return error(400, "invalid_request");
      }
      const amount = body.amount as number;
      const currency = String(body.currency);
      if (typeof amount !== "number" || (!(amount > 0) && !faults.has("accepts_negative_amounts"))) return error(400, "invalid_amount");
      const problem = amountProblem(Math.abs(amount), currency);
      if (problem && !(faults.has("accepts_franc_decimals") && problem.includes("whole francs"))) {
        return error(400, problem.startsWith("currency") ? "invalid_currency" : "invalid_amount", problem);
      }
      if (!["mobile_money", "credit_card"].includes(String(body.payment_method)) && !faults.has("accepts_any_method")) return error(400, "unsupported_method");
      const payer = body.payer as { phone?: string } | undefined;
      const p: TFakePayment = {
        id: `fake_${randomBytes(8).toString("hex")}`,
        amount,
        currency,
        status: "pending",
        failureReason: null,
        transactionId: null,
        callbackUrl: String(body.callback_url),
        phone: payer?.phone ?? null,
      };
      payments.set(p.id, p);
      decide(p);
      return send(200, {
        external_payment_id: p.id,
        ...(faults.has("initiate_without_payment_url") ? {} : { payment_url: `http://pay.fake.test/${p.id}` }),
        status: "pending",
        expires_at: faults.has("expires_at_not_a_date") ? "in ten minutes" : new Date(clock.nowMs() + 600_000).toISOString(),
        instructions: "Validez le paiement sur votre téléphone.",
      });
    }
    const id = m?.[2] ? decodeURIComponent(m[2]) : "";
    const p = payments.get(id);
    if (m?.[3] === "status" && req.method === "GET") {
      if (faults.has("status_hangs")) return; // never answers
      if (!p) {
        return faults.has("status_finds_unknown_ids")
          ? send(200, { external_payment_id: id, status: "pending", amount: 3, currency: "EUR" })
          : error(404, "not_found");
      }
      return send(200, {
        external_payment_id: p.id,
        status: p.status,
        amount: faults.has("status_xof_with_decimals") && p.currency === "XOF" ? p.amount + 0.5 : p.amount,
        currency: p.currency,
        transaction_id: p.transactionId,
        failure_reason: p.status === "failed" ? p.failureReason : null,
      });
    }
    if (m?.[3] === "cancel" && req.method === "POST") {
      if (!p) return error(404, "not_found");
      if (p.status !== "pending" && !(faults.has("cancel_final_again") && p.status === "cancelled")) return error(409, "already_final");
      p.status = "cancelled";
      return send(200, { external_payment_id: p.id, status: "cancelled" });
    }
    error(404, "not_found", "no such path");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    close: async () => {
      while (work.size) await Promise.all([...work]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

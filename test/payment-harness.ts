import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "../src/server/db/client";
import { createPaymentContext } from "../src/server/services/payments/payment-context";
import { handlePaymentWebhook } from "../src/server/services/payments/payment-webhook";
import { handleStripeWebhook } from "../src/server/services/payments/stripe-webhook";
import type { TPaymentContext } from "../src/server/services/payments/payments";
import { sandboxCancel, sandboxIdle, sandboxInitiate, sandboxStatus, type TSandboxAnswer } from "../src/server/services/payments/sandbox-backend";
import type { TWebhookOutcome } from "../src/server/services/payments/webhook-outcome";
import { webhookHttpAnswer } from "../src/server/api/webhook-answer";
import { followUpPaymentChange, type TFollowUpDeps } from "../src/server/follow-ups";
import { createDockerClient } from "../src/server/integrations/docker";

export const TEST_WEBHOOK_SECRET = "whsec_dGVzdC13ZWJob29rLXNlY3JldC1mb3Itc2VydmVsaW5r";
export const TEST_API_KEY = "test-api-key";

/**
 * A backend's delivery signed as a backend signs it (the public standardwebhooks package). The
 * signature's timestamp is transport, the machine's real time (not the console's clock).
 */
export function signBackendWebhook(body: unknown, opts: { id?: string; at?: Date; secret?: string } = {}) {
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  const id = opts.id ?? `msg_${randomUUID()}`;
  const at = opts.at ?? new Date();
  const signature = new Webhook(opts.secret ?? TEST_WEBHOOK_SECRET).sign(id, at, payload);
  return {
    payload,
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signature,
    },
  };
}

/** A request body as the app's route reads it: JSON, or null (the sandbox answers invalid_request). */
function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/**
 * A real HTTP server with the sandbox payment backend and our webhook endpoints (Stripe's too when given), wired to the same
 * service functions as the app's route handlers (which need the Next runtime), so the app's
 * backend client and the sandbox's signed callbacks travel over real HTTP in the tests. As the app's
 * webhook routes do, a webhook that moved a payment is followed up after its answer, by the app's
 * own follow-up (server/follow-ups.ts) on `followUp`'s mailer and Docker engine. The sandbox's
 * automatic test numbers (spec 14.4) decide and call back on their timers, signed with
 * TEST_WEBHOOK_SECRET; `idle()` waits for those and for the follow-ups to finish. With
 * `sandbox.allowLoopbackCallbacks` the sandbox also calls back other loopback addresses (a test's
 * listener, the conformance kit), as PAYMENT_SANDBOX_API_KEY allows in production.
 */
export async function startPaymentServer(
  db: Db,
  opts: {
    stripe?: { webhookSecret: string };
    followUp?: Partial<Omit<TFollowUpDeps, "getDb">>;
    sandbox?: { allowLoopbackCallbacks?: boolean };
  } = {},
): Promise<{ baseUrl: string; callbackUrl: string; context: TPaymentContext; close: () => Promise<void>; server: Server; idle: () => Promise<void> }> {
  let baseUrl = "";
  const contextRef: { current: TPaymentContext | null } = { current: null };
  const pending = new Set<Promise<void>>();
  const followUpDeps: TFollowUpDeps = {
    getDb: async () => db,
    docker: opts.followUp?.docker ?? (() => createDockerClient("/nonexistent/docker.sock")),
    mailer: opts.followUp?.mailer ?? (() => null),
  };
  const idle = async () => {
    for (;;) {
      await sandboxIdle();
      if (!pending.size) return;
      await Promise.all([...pending]);
    }
  };
  const sandboxRules = () => ({ publicBaseUrl: baseUrl, allowLoopbackCallbacks: opts.sandbox?.allowLoopbackCallbacks ?? false });
  const webhookAnswer = (a: TWebhookOutcome, opts: { signatureStatus?: number } = {}): TSandboxAnswer => {
    if (a.outcome !== "refused" && a.teamId) {
      const job = followUpPaymentChange(followUpDeps, a.teamId).finally(() => pending.delete(job));
      pending.add(job);
    }
    return webhookHttpAnswer(a, opts);
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", baseUrl);
    const send = (a: TSandboxAnswer) => {
      res.writeHead(a.status, { "content-type": "application/json" });
      res.end(JSON.stringify(a.body));
    };
    try {
      if (url.pathname === "/api/payments/callback" && req.method === "POST") {
        const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
        return send(
          webhookAnswer(
            await handlePaymentWebhook(db, { rawBody: raw, headers, secret: TEST_WEBHOOK_SECRET, askStatus: (id) => contextRef.current!.backend.status(id) }),
          ),
        );
      }
      if (url.pathname === "/api/stripe/webhook" && req.method === "POST" && opts.stripe) {
        const signature = req.headers["stripe-signature"];
        return send(
          webhookAnswer(
            await handleStripeWebhook(db, { rawBody: raw, signature: typeof signature === "string" ? signature : null, secret: opts.stripe.webhookSecret }),
            { signatureStatus: 400 },
          ),
        );
      }
      if (req.headers["x-api-key"] !== TEST_API_KEY) return send({ status: 401, body: { error: { code: "unauthorized", message: "bad key" } } });
      const m = /^\/api\/sandbox\/v1\/payments\/(?:(initiate)|([^/]+)\/(status|cancel))$/.exec(url.pathname);
      if (m?.[1] && req.method === "POST") return send(await sandboxInitiate(db, parseJson(raw), sandboxRules(), { webhookSecret: TEST_WEBHOOK_SECRET }));
      if (m?.[3] === "status" && req.method === "GET") return send(await sandboxStatus(db, decodeURIComponent(m[2]!)));
      if (m?.[3] === "cancel" && req.method === "POST") return send(await sandboxCancel(db, decodeURIComponent(m[2]!)));
      send({ status: 404, body: { error: { code: "not_found", message: "no route" } } });
    } catch (err) {
      console.error("[harness]", err);
      send({ status: 500, body: { error: { code: "internal", message: String(err) } } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The console's view of this sandbox: its webhook asks the status endpoint for a delivery that lacks fields.
  const paymentContext: TPaymentContext = createPaymentContext({ baseUrl, backendUrl: null, backendApiKey: TEST_API_KEY });
  contextRef.current = paymentContext;
  return {
    baseUrl,
    server,
    callbackUrl: `${baseUrl}/api/payments/callback`,
    context: paymentContext,
    idle,
    close: async () => {
      await idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

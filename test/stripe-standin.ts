// A local stand-in for Stripe's API servers, which cannot be reached from here. The app talks to it
// with the official `stripe` package (its `host`/`port`/`protocol` options), so the requests the
// package sends are real and recorded for the tests to check; the answers follow Stripe's shapes for
// the few calls the app makes (customers: create; Checkout Sessions: create, retrieve, expire;
// billing portal sessions; subscriptions: update, to cancel at the period's end). A create sent again with the same Idempotency-Key gets the first answer,
// as Stripe does.
// It also serves stand-in pages for the hosted Checkout and portal, so the browser tests can pay:
// "Pay" completes the session, sends a `checkout.session.completed` event signed by the package's
// own `generateTestHeaderString` to the app's webhook, and redirects to the session's success_url.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { clock } from "../src/lib/clock";

export const TEST_STRIPE_SECRET_KEY = "sk_test_servelink_standin_0123456789";
export const TEST_STRIPE_WEBHOOK_SECRET = "whsec_test_servelink_standin_0123456789";

export interface TRecordedRequest {
  method: string;
  path: string;
  /** The form fields as the package encodes them (`line_items[0][price_data][unit_amount]`). */
  params: Record<string, string>;
  headers: IncomingMessage["headers"];
}

type TSession = Stripe.Checkout.Session;

/** A signed delivery of `event`, as Stripe would send it. */
export function signStripeEvent(event: object, secret = TEST_STRIPE_WEBHOOK_SECRET, timestamp?: number): { payload: string; headers: Record<string, string> } {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
  return { payload, headers: { "content-type": "application/json", "stripe-signature": header } };
}

let eventSeq = 0;
/** An event in Stripe's envelope. */
export function stripeEvent(type: string, object: object, opts: { created?: Date } = {}): Stripe.Event {
  eventSeq += 1;
  return {
    id: `evt_test_${Date.now().toString(36)}_${eventSeq}`,
    object: "event",
    api_version: Stripe.API_VERSION,
    // Stripe and the console agree on the date (the console's clock, which tests move); the
    // signature's timestamp stays the machine's real time (see signStripeEvent).
    created: Math.floor((opts.created?.getTime() ?? clock.nowMs()) / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as Stripe.Event;
}

export interface TStripeStandIn {
  url: string;
  requests: TRecordedRequest[];
  sessions: Map<string, TSession>;
  /** Marks a session paid (a customer, a payment intent, and for `subscription` mode a subscription) and answers the event. */
  complete(sessionId: string, opts?: { amountTotal?: number }): Stripe.Event;
  /** Where "Pay" on the stand-in Checkout page delivers its event (the app's webhook). */
  setWebhookUrl(url: string): void;
  close(): Promise<void>;
}

export async function startStripeStandIn(opts: { webhookUrl?: string; port?: number } = {}): Promise<TStripeStandIn> {
  const requests: TRecordedRequest[] = [];
  const sessions = new Map<string, TSession>();
  const customersByKey = new Map<string, object>();
  /** The subscriptions paid Checkouts made (subscription mode), as Stripe keeps them. */
  const subscriptions = new Map<string, Record<string, unknown>>();
  let webhookUrl = opts.webhookUrl ?? null;
  let seq = 0;
  let base = "";
  const next = (prefix: string) => `${prefix}_test_${(++seq).toString().padStart(6, "0")}${Math.random().toString(36).slice(2, 8)}`;

  const complete = (sessionId: string, o: { amountTotal?: number } = {}) => {
    const s = sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    const subscription = s.mode === "subscription" ? next("sub") : null;
    if (subscription) {
      subscriptions.set(subscription, {
        id: subscription,
        object: "subscription",
        status: "active",
        cancel_at_period_end: false,
        cancel_at: null,
        metadata: s.metadata,
        livemode: false,
      });
    }
    Object.assign(s, {
      status: "complete",
      payment_status: "paid",
      customer: s.customer ?? next("cus"),
      payment_intent: s.mode === "payment" ? next("pi") : null,
      subscription,
      invoice: subscription ? next("in") : null,
      amount_total: o.amountTotal ?? s.amount_total,
    });
    return stripeEvent("checkout.session.completed", { ...s });
  };

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", base);
    const params = Object.fromEntries(new URLSearchParams(req.method === "GET" ? url.search : raw));
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "request-id": next("req") });
      res.end(JSON.stringify(body));
    };
    const html = (body: string) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Stripe stand-in</title></head><body>${body}</body></html>`,
      );
    };
    const notFound = () => json(404, { error: { type: "invalid_request_error", code: "resource_missing", message: `No such resource: ${url.pathname}` } });

    if (url.pathname.startsWith("/v1/")) {
      requests.push({ method: req.method ?? "GET", path: url.pathname, params, headers: req.headers });
      if (req.headers.authorization !== `Bearer ${TEST_STRIPE_SECRET_KEY}`) {
        return json(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
      }
    }
    let m: RegExpExecArray | null;
    if (req.method === "POST" && url.pathname === "/v1/customers") {
      const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
      const known = key ? customersByKey.get(key) : undefined;
      if (known) return json(200, known);
      const metadata = Object.fromEntries(
        Object.entries(params)
          .filter(([k]) => k.startsWith("metadata["))
          .map(([k, v]) => [k.slice(9, -1), v]),
      );
      const customer = { id: next("cus"), object: "customer", name: params.name ?? null, description: params.description ?? null, metadata, livemode: false };
      if (key) customersByKey.set(key, customer);
      return json(200, customer);
    }
    if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
      const id = next("cs");
      const quantity = Number(params["line_items[0][quantity]"] ?? 1);
      const session = {
        id,
        object: "checkout.session",
        mode: params.mode,
        status: "open",
        payment_status: "unpaid",
        amount_total: Number(params["line_items[0][price_data][unit_amount]"]) * quantity,
        currency: params["line_items[0][price_data][currency]"],
        metadata: Object.fromEntries(
          Object.entries(params)
            .filter(([k]) => k.startsWith("metadata["))
            .map(([k, v]) => [k.slice(9, -1), v]),
        ),
        client_reference_id: params.client_reference_id ?? null,
        customer: params.customer ?? null,
        payment_intent: null,
        subscription: null,
        invoice: null,
        success_url: params.success_url,
        cancel_url: params.cancel_url ?? null,
        expires_at: Number(params.expires_at),
        url: `${base}/checkout/${id}`,
        livemode: false,
      } as unknown as TSession;
      sessions.set(id, session);
      return json(200, session);
    }
    if ((m = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(url.pathname))) {
      const s = sessions.get(decodeURIComponent(m[1]!));
      if (!s) return notFound();
      if (m[2] && req.method === "POST") {
        if (s.status !== "open")
          return json(400, {
            error: {
              type: "invalid_request_error",
              message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`,
            },
          });
        Object.assign(s, { status: "expired", url: null });
      }
      return json(200, s);
    }
    if ((m = /^\/v1\/subscriptions\/([^/]+)$/.exec(url.pathname)) && req.method === "POST") {
      const sub = subscriptions.get(decodeURIComponent(m[1]!));
      if (!sub) return notFound();
      if (params.cancel_at_period_end === "true") sub.cancel_at_period_end = true;
      return json(200, sub);
    }
    if (req.method === "POST" && url.pathname === "/v1/billing_portal/sessions") {
      const id = next("bps");
      return json(200, {
        id,
        object: "billing_portal.session",
        customer: params.customer,
        return_url: params.return_url,
        url: `${base}/portal/${id}?return=${encodeURIComponent(params.return_url ?? "")}`,
        livemode: false,
      });
    }

    // The hosted pages (browser tests).
    if ((m = /^\/checkout\/([^/]+)$/.exec(url.pathname))) {
      const s = sessions.get(decodeURIComponent(m[1]!));
      if (!s) return notFound();
      if (req.method === "POST") {
        if (params.action === "cancel") {
          res.writeHead(303, { location: s.cancel_url ?? s.success_url! });
          return res.end();
        }
        const event = complete(s.id);
        if (webhookUrl) {
          const signed = signStripeEvent(event);
          await fetch(webhookUrl, { method: "POST", headers: signed.headers, body: signed.payload }).catch((err: unknown) =>
            console.error("[stripe stand-in] webhook", err),
          );
        }
        res.writeHead(303, { location: s.success_url! });
        return res.end();
      }
      const amount = ((s.amount_total ?? 0) / 100).toFixed(2);
      return html(
        `<main><h1>Stripe Checkout (test stand-in)</h1><p data-testid="checkout-amount">${amount} ${String(s.currency).toUpperCase()}</p><p>${s.mode === "subscription" ? "Billed every 30 days" : "One payment"}</p>` +
          `<form method="post"><button name="action" value="pay">Pay</button> <button name="action" value="cancel">Back</button></form></main>`,
      );
    }
    if ((m = /^\/portal\/([^/]+)$/.exec(url.pathname))) {
      return html(`<main><h1>Stripe billing portal (test stand-in)</h1><a href="${url.searchParams.get("return") ?? "/"}">Return to Servelink</a></main>`);
    }
    notFound();
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    sessions,
    complete,
    setWebhookUrl: (u) => {
      webhookUrl = u;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

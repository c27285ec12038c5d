import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

/** One delivery the kit received at its callback address, with what its signature check said. */
export interface TReceivedCallback {
  webhookId: string | null;
  receivedAt: number;
  verified: boolean;
  /** Why the signature does not verify (missing headers, wrong secret, stale timestamp), when it does not. */
  signatureError: string | null;
  /** `data` of a `payment.updated` body, when the body is one. */
  data: Record<string, unknown> | null;
  /** Why the body is not a `payment.updated` event, when it is not. */
  bodyError: string | null;
}

export interface TCallbackListener {
  /** Where the kit listens, as host:port (the port it got when asked for 0). */
  address: string;
  /** Deliveries so far for one external_payment_id. */
  callbacksFor(externalPaymentId: string): TReceivedCallback[];
  /** Deliveries whose body named no payment. */
  unattributed(): TReceivedCallback[];
  /** Resolves once `done` holds for the payment's deliveries, or after `timeoutMs` (timedOut: true). */
  waitFor(
    externalPaymentId: string,
    done: (callbacks: TReceivedCallback[]) => boolean,
    timeoutMs: number,
  ): Promise<{ callbacks: TReceivedCallback[]; timedOut: boolean }>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseEvent(raw: string): { data: Record<string, unknown> | null; error: string | null } {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { data: null, error: "the body is not JSON" };
  }
  const event = body as { type?: unknown; data?: unknown };
  if (!event || typeof event !== "object" || event.type !== "payment.updated")
    return { data: null, error: 'the body is not a { type: "payment.updated" } event' };
  if (!event.data || typeof event.data !== "object") return { data: null, error: "the event has no data object" };
  return { data: event.data as Record<string, unknown>, error: null };
}

/**
 * The kit's own HTTP server for the callbacks it asks for (POST /callback): every delivery is
 * answered 200 and kept, with its Standard Webhooks verification against the given secret (the
 * public `standardwebhooks` package, five minutes of timestamp tolerance, as the console checks).
 */
export async function startCallbackListener(listen: string, webhookSecret: string): Promise<TCallbackListener> {
  const match = /^(.*):(\d+)$/.exec(listen);
  if (!match) throw new Error(`--listen ${listen}: expected host:port, e.g. 127.0.0.1:4999`);
  const host = match[1]!.replace(/^\[(.*)\]$/, "$1");
  const webhook = new Webhook(webhookSecret);
  const byPayment = new Map<string, TReceivedCallback[]>();
  const orphans: TReceivedCallback[] = [];
  const waiters = new Set<() => void>();

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== "POST" || new URL(req.url ?? "/", "http://kit").pathname !== "/callback") {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: "POST /callback only" } }));
        return;
      }
      const raw = await readBody(req);
      const headers: Record<string, string> = {};
      for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
        const value = req.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      let signatureError: string | null = null;
      if (!headers["webhook-id"] || !headers["webhook-timestamp"] || !headers["webhook-signature"]) {
        signatureError = `unsigned: missing ${["webhook-id", "webhook-timestamp", "webhook-signature"].filter((h) => !headers[h]).join(", ")}`;
      } else {
        try {
          webhook.verify(raw, headers);
        } catch (err) {
          signatureError = err instanceof Error ? err.message : String(err);
        }
      }
      const event = parseEvent(raw);
      const received: TReceivedCallback = {
        webhookId: headers["webhook-id"] ?? null,
        receivedAt: Date.now(),
        verified: signatureError === null,
        signatureError,
        data: event.data,
        bodyError: event.error,
      };
      const id = typeof event.data?.external_payment_id === "string" ? event.data.external_payment_id : null;
      if (id) byPayment.set(id, [...(byPayment.get(id) ?? []), received]);
      else orphans.push(received);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ received: true }));
      for (const wake of [...waiters]) wake();
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(match[2]), host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;

  return {
    address: `${shownHost}:${port}`,
    callbacksFor: (id) => [...(byPayment.get(id) ?? [])],
    unattributed: () => [...orphans],
    waitFor(id, done, timeoutMs) {
      return new Promise((resolve) => {
        const check = () => {
          const callbacks = [...(byPayment.get(id) ?? [])];
          if (!done(callbacks)) return false;
          finish(callbacks, false);
          return true;
        };
        const finish = (callbacks: TReceivedCallback[], timedOut: boolean) => {
          clearTimeout(timer);
          waiters.delete(onDelivery);
          resolve({ callbacks, timedOut });
        };
        const onDelivery = () => void check();
        const timer = setTimeout(() => finish([...(byPayment.get(id) ?? [])], true), timeoutMs);
        waiters.add(onDelivery);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { TRPCClientError, createTRPCClient, httpBatchLink, retryLink } from "@trpc/client";
import superjson from "superjson";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type { AppRouter };
/** What each procedure takes, e.g. `TServelinkInputs["payments"]["initiate"]` (a top-up: `purpose: "top_up"` with its `amount`). */
export type TServelinkInputs = inferRouterInputs<AppRouter>;
/** What each procedure answers, e.g. `TServelinkOutputs["balance"]["get"]`. */
export type TServelinkOutputs = inferRouterOutputs<AppRouter>;

export interface TServelinkClientOptions {
  /** The console's base URL, e.g. `http://localhost:3000`. */
  url: string;
  /** A personal API token (`pat_…`), created in Settings or with `npm run token -- <email>`. */
  token: string;
  /** How many times a query (never a mutation) is retried after a network error or a 5xx/429 answer. Default 2. */
  retries?: number;
  fetch?: typeof fetch;
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
const retryDelayMs = (attempt: number) => Math.min(200 * 2 ** attempt, 2000);

/**
 * A fully typed client of the console's tRPC API for scripts:
 * `const api = createServelinkClient({ url, token }); await api.teams.list.query()`. The prepaid
 * balance (spec 15): `api.balance.get.query({ team })`, `api.balance.ledger.query({ team, limit, before })`,
 * `api.balance.setAutoRenew.mutate({ team, item: "pro", enabled: true })`, and a top-up with
 * `api.payments.initiate.mutate({ team, purpose: "top_up", amount, payment_method: "mobile_money", … })`.
 * Receipts and monthly statements (spec 16): `api.documents.list.query({ team })`, each with its
 * `pdf_url`, which `fetchDocumentPdf` downloads. Queries are retried (with a growing delay) when the network or the server fails; mutations are
 * never retried, so nothing is done twice. Errors are `ServelinkError`s (see `toServelinkError`).
 */
export function createServelinkClient(opts: TServelinkClientOptions) {
  const endpoint = new URL("/api/trpc", opts.url).toString();
  const retries = opts.retries ?? 2;
  return createTRPCClient<AppRouter>({
    links: [
      retryLink({
        retry: ({ op, error, attempts }) => {
          if (op.type !== "query" || attempts > retries) return false;
          const status = error.data?.httpStatus;
          return status === undefined || RETRYABLE_STATUSES.has(status);
        },
        retryDelayMs,
      }),
      httpBatchLink({
        url: endpoint,
        transformer: superjson,
        headers: () => ({ authorization: `Bearer ${opts.token}` }),
        fetch: opts.fetch,
      }),
    ],
  });
}

export type TServelinkClient = ReturnType<typeof createServelinkClient>;

/** What a script needs to know about a failed call. */
export interface ServelinkError {
  /** tRPC code: NOT_FOUND, BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, CONFLICT, BAD_GATEWAY… (or NETWORK_ERROR) */
  code: string;
  httpStatus: number | null;
  /** A stable word for the case (`plan_limit_reached`, `amount_mismatch`…) when the server gave one. */
  reason: string | null;
  message: string;
  /** The figures some reasons carry, as REST's `error` object does: `balance_too_low` gives `shortfall`, `shortfall_minor`, `currency`. */
  details: Record<string, string | number | boolean | null>;
}

/** A refusal of a REST path (`{ "error": { "code", "message", … } }`), as `fetchDocumentPdf` throws it; `toServelinkError` reads it. */
export class ServelinkRestError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly reason: string | null,
    message: string,
    readonly details: Record<string, string | number | boolean | null> = {},
  ) {
    super(message);
    this.name = "ServelinkRestError";
  }
}

/** tRPC's name for each status a REST path answers, so that a script reads both kinds of failure alike. */
const CODE_OF_STATUS: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
};

/**
 * A receipt's or statement's PDF (spec 16), by the `pdf_url` of `api.documents.list` (or its number):
 * the same bytes at every download. Sent with the token to the console's own origin only; retried
 * as queries are; a refusal (404 for another team's number) is a `ServelinkRestError`.
 */
export async function fetchDocumentPdf(opts: TServelinkClientOptions, document: string | { team: string; number: string }): Promise<Uint8Array> {
  const path =
    typeof document === "string" ? document : `/api/billing/${encodeURIComponent(document.team)}/documents/${encodeURIComponent(document.number)}.pdf`;
  const target = new URL(path, opts.url);
  if (target.origin !== new URL(opts.url).origin) throw new Error(`${path} is not an address of ${opts.url}: the token is not sent elsewhere.`);
  const doFetch = opts.fetch ?? fetch;
  const retries = opts.retries ?? 2;
  for (let attempt = 1; ; attempt++) {
    const res = await doFetch(target, { headers: { authorization: `Bearer ${opts.token}`, accept: "application/pdf" } }).catch((err: unknown) => {
      if (attempt > retries) throw err;
      return null;
    });
    if (res?.ok) return new Uint8Array(await res.arrayBuffer());
    if (!res || (RETRYABLE_STATUSES.has(res.status) && attempt <= retries)) {
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
      continue;
    }
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } & Record<string, unknown> } | null;
    const { code, message, ...figures } = body?.error ?? {};
    const details: ServelinkRestError["details"] = {};
    for (const [key, value] of Object.entries(figures)) {
      if (value === null || ["string", "number", "boolean"].includes(typeof value)) details[key] = value as string | number | boolean | null;
    }
    throw new ServelinkRestError(res.status, code ?? null, message ?? `HTTP ${res.status}`, details);
  }
}

/** The keys of tRPC's error data that are not a reason's figures. */
const DATA_KEYS = new Set(["code", "httpStatus", "reason", "path", "stack"]);

/** Turns anything a client call threw into a `ServelinkError`. */
export function toServelinkError(err: unknown): ServelinkError {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as { code?: string; httpStatus?: number; reason?: string } & Record<string, unknown>;
    const details: ServelinkError["details"] = {};
    for (const [key, value] of Object.entries(data)) {
      if (!DATA_KEYS.has(key) && (value === null || ["string", "number", "boolean"].includes(typeof value)))
        details[key] = value as string | number | boolean | null;
    }
    return { code: data.code ?? "NETWORK_ERROR", httpStatus: data.httpStatus ?? null, reason: data.reason ?? null, message: err.message, details };
  }
  if (err instanceof ServelinkRestError) {
    return { code: CODE_OF_STATUS[err.httpStatus] ?? "UNKNOWN", httpStatus: err.httpStatus, reason: err.reason, message: err.message, details: err.details };
  }
  return { code: "UNKNOWN", httpStatus: null, reason: null, message: err instanceof Error ? err.message : String(err), details: {} };
}

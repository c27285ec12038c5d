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

/**
 * A fully typed client of the console's tRPC API for scripts:
 * `const api = createServelinkClient({ url, token }); await api.teams.list.query()`. The prepaid
 * balance (spec 15): `api.balance.get.query({ team })`, `api.balance.ledger.query({ team, limit, before })`,
 * `api.balance.setAutoRenew.mutate({ team, item: "pro", enabled: true })`, and a top-up with
 * `api.payments.initiate.mutate({ team, purpose: "top_up", amount, payment_method: "mobile_money", … })`.
 * Queries are retried (with a growing delay) when the network or the server fails; mutations are
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
        retryDelayMs: (attempt) => Math.min(200 * 2 ** attempt, 2000),
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
  return { code: "UNKNOWN", httpStatus: null, reason: null, message: err instanceof Error ? err.message : String(err), details: {} };
}

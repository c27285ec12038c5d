import { TRPCClientError, createTRPCClient, httpBatchLink, retryLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

export type { AppRouter };

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
 * `const api = createServelinkClient({ url, token }); await api.teams.list.query()`.
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
}

/** Turns anything a client call threw into a `ServelinkError`. */
export function toServelinkError(err: unknown): ServelinkError {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as { code?: string; httpStatus?: number; reason?: string };
    return { code: data.code ?? "NETWORK_ERROR", httpStatus: data.httpStatus ?? null, reason: data.reason ?? null, message: err.message };
  }
  return { code: "UNKNOWN", httpStatus: null, reason: null, message: err instanceof Error ? err.message : String(err) };
}

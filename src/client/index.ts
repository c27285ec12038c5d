import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../server/api/root";

export type { AppRouter };

export interface TServelinkClientOptions {
  /** The console's base URL, e.g. `http://localhost:3000`. */
  url: string;
  /** A personal API token (`pat_…`), created in Settings or with `npm run token -- <email>`. */
  token: string;
  fetch?: typeof fetch;
}

/**
 * A fully typed client of the console's tRPC API for scripts:
 * `const api = createServelinkClient({ url, token }); await api.teams.list.query()`.
 */
export function createServelinkClient(opts: TServelinkClientOptions) {
  const endpoint = new URL("/api/trpc", opts.url).toString();
  return createTRPCClient<AppRouter>({
    links: [
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

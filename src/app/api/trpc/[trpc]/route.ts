// GET|POST /api/trpc/* – the typed API (browser and createServelinkClient)
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createRequestContext } from "@/server/api/request-auth";
import { markHttpContext } from "@/server/api/trpc";
import { DATABASE_RETRY_AFTER_S, isDatabaseUnavailable } from "@/server/api/error-mapping";
import { DomainError } from "@/server/errors";
import { logError } from "@/server/log";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => markHttpContext(await createRequestContext({ req })),
    // A database outage (in a procedure or while making the context) is a 503 with Retry-After.
    responseMeta({ errors }) {
      const outage = errors.some((e) => isDatabaseUnavailable(e.cause) || (e.cause instanceof DomainError && e.cause.reason === "database_unavailable"));
      return outage ? { status: 503, headers: new Headers({ "retry-after": String(DATABASE_RETRY_AFTER_S) }) } : {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR" && !isDatabaseUnavailable(error.cause)) {
        logError(`tRPC ${path ?? "?"} failed`, error.cause ?? error);
      }
    },
  });
}

export { handler as GET, handler as POST };

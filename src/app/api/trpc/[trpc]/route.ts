// GET|POST /api/trpc/* – the typed API (browser and createServelinkClient)
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createRequestContext } from "@/server/api/request-auth";
import { markHttpContext } from "@/server/api/trpc";
import { logError } from "@/server/log";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => markHttpContext(await createRequestContext({ req })),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        logError(`tRPC ${path ?? "?"} failed`, error.cause ?? error);
      }
    },
  });
}

export { handler as GET, handler as POST };

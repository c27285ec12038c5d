import "server-only";
import { getSandboxDb, sandboxApiKey } from "@/server/payments-config";
import type { Db } from "@/server/db/client";
import type { TSandboxAnswer } from "@/server/services/payments/sandbox-backend";
import { safeEqual } from "./request-auth";
import { toErrorResponse } from "./rest";

/** Wraps a sandbox backend route: the sandbox must be enabled and the X-API-Key right, as a real backend checks. */
export function sandboxRoute<P>(handler: (req: Request, db: Db, params: P) => Promise<TSandboxAnswer>) {
  return async (req: Request, route: { params: Promise<P> }) => {
    try {
      const db = await getSandboxDb();
      if (!safeEqual(req.headers.get("x-api-key") ?? "", sandboxApiKey())) {
        return Response.json({ error: { code: "unauthorized", message: "X-API-Key is missing or wrong" } }, { status: 401 });
      }
      const answer = await handler(req, db, await route.params);
      return Response.json(answer.body, { status: answer.status });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

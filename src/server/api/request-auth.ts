import "server-only";
import { after } from "next/server";
import { getAuth } from "../auth";
import { getDb } from "../db";
import { afterUsageChange } from "../jobs";
import { getMailer } from "../mail-config";
import { getPaymentContext } from "../payments-config";
import type { TGlobalRole } from "../db/schema";
import { authenticateApiToken } from "../services/tokens/api-tokens";
import { createContextInner, type TContextInner, type TSessionUser } from "./context";

export function bearerToken(headers: Headers): string | null {
  const value = headers.get("authorization");
  if (!value) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1]! : "";
}

// A payment completed by a status check (not by the webhook) may lift a suspension too.
const onPaymentCompleted = (teamId: string) => after(() => afterUsageChange({ teamIds: [teamId], onlyIfSuspended: true }));

/** Who is calling: a personal API token (Bearer) first, otherwise the browser session cookie. */
export async function createRequestContext(headers: Headers): Promise<TContextInner> {
  const db = await getDb();
  const token = bearerToken(headers);
  if (token !== null) {
    const user = token ? await authenticateApiToken(db, token) : null;
    return createContextInner({ db, user, auth: user ? "token" : "invalid_token", payments: getPaymentContext, mailer: getMailer(), onPaymentCompleted });
  }
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers });
  if (!session) return createContextInner({ db, payments: getPaymentContext, mailer: getMailer(), onPaymentCompleted });
  const u = session.user as typeof session.user & { role?: string };
  const user: TSessionUser = { id: u.id, email: u.email, name: u.name, role: (u.role ?? "user") as TGlobalRole };
  return createContextInner({ db, user, auth: "session", payments: getPaymentContext, mailer: getMailer(), onPaymentCompleted });
}

// GET /api/billing/{team}/balance?limit=&before= – the prepaid balance, its next renewals and a page of its ledger, newest first (members)
import { z } from "zod";
import { LEDGER_PAGE_MAX } from "@/lib/balance";
import { ZLedgerQuerySchema } from "@/lib/schemas/billing";
import { jsonResponse, parseQuery, withTeamAccess } from "@/server/api/rest";
import { getBalanceView } from "@/server/services/billing/auto-renew";
import { listLedger } from "@/server/services/billing/balance";

export const dynamic = "force-dynamic";

// A query parameter is text: digits first, then the ledger's own rules (1 to 100), so `limit=abc` is
// told what a limit is where the number schema alone would say "received NaN". Empty is left out.
const digits = (message: string) => z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^\d+$/, message).optional());
const ZBalanceQueryTextSchema = z.object({
  limit: digits(`must be a whole number from 1 to ${LEDGER_PAGE_MAX}`),
  before: digits("must be a previous page's next_before, a whole number"),
});

export const GET = withTeamAccess<{ team: string }>(async (req, { db, access, now }) => {
  const query = ZLedgerQuerySchema.parse(parseQuery(req, ZBalanceQueryTextSchema));
  // One snapshot: the balance and the page's newest entry agree even while a payment lands.
  const body = await db.transaction(
    async (tx) => {
      const view = await getBalanceView(tx, access.team.id, now);
      const page = await listLedger(tx, access.team.id, { limit: query.limit, before: query.before ?? null });
      return { ...view, ...page };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return jsonResponse(body);
});

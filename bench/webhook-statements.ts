// npx tsx bench/webhook-statements.ts (with the build of bench/server.ts): the statements of one completed, one failed and one repeated
// delivery, as Postgres logs them (log_statement = all on a database of its own): read them in the server log after the MARK_ lines.
import { Webhook } from "standardwebhooks";
import postgres from "postgres";
import { insertPendingProPayments, paymentUpdatedBody, paymentWebhookHeaders } from "../test/pending-payments";
import { ADMIN_URL, benchDatabase, startServer } from "./server";

const SECRET = "whsec_YmVuY2gtd2ViaG9vay1zZWNyZXQtMDEyMzQ1Njc4OQ==";
const DB = "servelink_bench_webhook_stmts";
const { handle, url } = await benchDatabase(DB, true);
const teams = await insertPendingProPayments(handle.db, 2, "stmts");
const admin = postgres(ADMIN_URL, { max: 1 });
await admin.unsafe(`alter database ${DB} set log_statement = 'all'`);
await admin.end();
const server = await startServer(url, 3319, { PAYMENT_WEBHOOK_SECRET: SECRET, PAYMENT_SANDBOX: "1" });
const wh = new Webhook(SECRET);
const send = async (id: string, body: string) => {
  const r = await fetch(`${server.baseUrl}/api/payments/callback`, { method: "POST", headers: paymentWebhookHeaders(wh, { id, body }), body });
  return r.status;
};
const mark = async (label: string) => {
  const c = postgres(url, { max: 1 });
  await c.unsafe(`select '${label}' as mark`);
  await c.end();
};
await new Promise((r) => setTimeout(r, 3000));
await mark("MARK_COMPLETED");
console.log("completed", await send("msg_stmts_1", paymentUpdatedBody(teams[0]!, "completed")));
await new Promise((r) => setTimeout(r, 1500));
await mark("MARK_FAILED");
console.log("failed", await send("msg_stmts_2", paymentUpdatedBody(teams[1]!, "failed")));
await new Promise((r) => setTimeout(r, 1500));
await mark("MARK_DUPLICATE");
console.log("duplicate", await send("msg_stmts_1", paymentUpdatedBody(teams[0]!, "completed")));
await new Promise((r) => setTimeout(r, 1500));
await mark("MARK_END");
server.stop();
await server.exited;
await handle.close();
process.exit(0);

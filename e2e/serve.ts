// The server the browser tests talk to: a fresh Postgres database (this run's own, dropped and
// created), migrated and seeded with the demo data, then the production build (`next build` ran
// before) started as `npm start` starts it (server.mjs) on E2E_PORT, with the local stand-in for
// Stripe's API on E2E_STRIPE_PORT. The server's output is kept whole in E2E_LOG_DIR/server.log
// (audited by run.ts after the tests, e2e/log-audit.ts) and shown here without its access lines
// (E2E_SHOW_ACCESS_LOG=1 shows them too).
import { spawn } from "node:child_process";
import { startStripeStandIn } from "../test/stripe-standin";
import { recreateDatabase } from "./fixtures/app-process";
import { E2E } from "./fixtures/config";
import { keepServerLog } from "./fixtures/server-log";

await recreateDatabase(E2E.dbName);

// Card payments go through Stripe Checkout, answered by the stand-in, which sends its signed events here.
const stripe = await startStripeStandIn({ port: E2E.stripePort, webhookUrl: `${E2E.baseURL}/api/stripe/webhook` });

const server = spawn("node", ["server.mjs"], {
  stdio: ["inherit", "pipe", "pipe"],
  env: { ...process.env, ...E2E.serverEnv },
});
// Access lines only in the file unless E2E_SHOW_ACCESS_LOG=1: the tests' own output stays readable.
const showAccess = process.env.E2E_SHOW_ACCESS_LOG === "1";
keepServerLog(server, "server.log", (line, stream) => {
  if (showAccess || !/^\{"level":"info",.*"msg":"request"\}$/.test(line)) process[stream].write(`${line}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => void stripe.close().finally(() => process.exit(code ?? 0)));

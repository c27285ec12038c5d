// The server the browser tests talk to: a fresh Postgres database (this run's own, dropped and
// created), migrated and seeded with the demo data, then the production build (`next build` ran
// before) started as `npm start` starts it (server.mjs) on E2E_PORT, with the local stand-in for
// Stripe's API on E2E_STRIPE_PORT. The server's output is kept whole in E2E_LOG_DIR/server.log
// (audited by run.ts after the tests, e2e/log-audit.ts) and shown here without its access lines
// (E2E_SHOW_ACCESS_LOG=1 shows them too).
import { spawn } from "node:child_process";
import postgres from "postgres";
import { createAuth } from "../src/server/auth-config";
import { openDatabase } from "../src/server/db/client";
import { migrateDatabase } from "../src/server/db/migrate";
import { seedDemoData } from "../src/server/db/seed";
import { startStripeStandIn } from "../test/stripe-standin";
import { E2E } from "./fixtures/config";
import { keepServerLog } from "./fixtures/server-log";

const admin = postgres(E2E.adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${E2E.dbName}" with (force)`);
await admin.unsafe(`create database "${E2E.dbName}"`);
await admin.end();

const handle = await openDatabase({ url: E2E.databaseUrl, max: 2 });
await migrateDatabase(handle);
const auth = createAuth(handle.db, { secret: E2E.authSecret, baseURL: E2E.baseURL, signInRateLimit: 0 });
await seedDemoData(handle.db, (body) => auth.api.signUpEmail({ body }));
await handle.close();

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

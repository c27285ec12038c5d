// npm run test:e2e (after `next build`) – the browser tests, on ports and a database of this run's
// own: two runs on one machine (or a run beside `npm run dev`) never share a port or wipe each
// other's data. `--fake-now <ISO time>` starts the server, its seed and the tests' clock there
// (SERVELINK_FAKE_NOW, with SERVELINK_TEST_CLOCK=1 since the server runs the production build).
// Any other arguments go to `playwright test` (spec files, --grep…). After the tests, the servers'
// logs (E2E_LOG_DIR, e2e/artifacts/logs) are audited (e2e/log-audit.ts): a line that is not JSON or
// that holds a secret, a token, a hash, a cookie or a message's text fails the run.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { freePort } from "./fixtures/free-port";
import { LOG_WATCH } from "./fixtures/log-watch";
import { logDir } from "./fixtures/server-log";
import { auditLogText, auditReport } from "./log-audit";
import postgres from "postgres";

const args = process.argv.slice(2);
const env: NodeJS.ProcessEnv = { ...process.env };
const fakeAt = args.indexOf("--fake-now");
if (fakeAt >= 0) {
  env.SERVELINK_FAKE_NOW = args[fakeAt + 1];
  env.SERVELINK_TEST_CLOCK = "1";
  args.splice(fakeAt, 2);
}
const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
env.E2E_PORT ??= String(await freePort());
let stripePort = await freePort();
while (String(stripePort) === env.E2E_PORT) stripePort = await freePort();
env.E2E_STRIPE_PORT ??= String(stripePort);
env.E2E_DATABASE ??= `servelink_e2e_${runId}`;
console.log(
  `[e2e] app on ${env.E2E_PORT}, Stripe stand-in on ${env.E2E_STRIPE_PORT}, database ${env.E2E_DATABASE}${env.SERVELINK_FAKE_NOW ? `, clock from ${env.SERVELINK_FAKE_NOW}` : ""}`,
);

// This run's logs only: the directory starts empty.
env.E2E_LOG_DIR ??= logDir();
rmSync(env.E2E_LOG_DIR, { recursive: true, force: true });

const child = spawn("npx", ["playwright", "test", ...args], { stdio: "inherit", env });
const testsCode: number = await new Promise((resolve) => child.on("exit", (c) => resolve(c ?? 1)));

// Spec 17 and rule 13: what the servers logged during the run.
const dir = env.E2E_LOG_DIR;
const logs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".log")) : [];
const audit = auditReport(logs.map((f) => auditLogText(readFileSync(path.join(dir, f), "utf8"), LOG_WATCH, path.join(dir, f))));
console.log(logs.length > 0 ? audit.text : `log audit: no server log in ${dir}`);
if (!audit.ok) console.error("log audit failed: the servers' logs hold what rule 13 keeps out of them, or lines that are not JSON (listed above).");
const code = testsCode !== 0 ? testsCode : audit.ok && logs.length > 0 ? 0 : 1;

// The run's database goes with it (serve.ts made it).
const admin = postgres(process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${env.E2E_DATABASE}" with (force)`).catch(() => {});
await admin.end();
process.exit(code);

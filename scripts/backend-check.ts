// npm run backend:check -- --url <prefix> --api-key <key> --webhook-secret <whsec_…> --listen <host:port>
// The conformance kit for payment backends (spec 14.5, docs/payment-backend.md): one line per check,
// a summary, and exit code 1 when any check failed (2 when the command itself is wrong).
import { parseArgs } from "node:util";
import { formatReport, runBackendCheck } from "./backend-check/run";

const USAGE = `usage: npm run backend:check -- --url <prefix before /payments> --api-key <key> --webhook-secret <whsec_…> --listen <host:port>
  [--callback-url <public URL that reaches --listen>] [--return-url <url>] [--timeout <seconds a callback may take, default 20>]
  e.g. the built-in sandbox: --url http://127.0.0.1:3000/api/sandbox/v1 --listen 127.0.0.1:4999`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      url: { type: "string" },
      "api-key": { type: "string" },
      "webhook-secret": { type: "string" },
      listen: { type: "string" },
      "callback-url": { type: "string" },
      "return-url": { type: "string" },
      timeout: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  }));
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const str = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
const missing = ["url", "api-key", "webhook-secret", "listen"].filter((name) => !str(name));
if (missing.length) fail(`missing ${missing.map((m) => `--${m}`).join(", ")}`);
try {
  new URL(str("url")!);
} catch {
  fail(`--url ${str("url")} is not a URL`);
}
if (!str("webhook-secret")!.startsWith("whsec_")) fail("--webhook-secret must be the whsec_… secret the backend signs with");
const timeoutS = str("timeout") === undefined ? 20 : Number(str("timeout"));
if (!(timeoutS > 0)) fail(`--timeout ${str("timeout")} is not a number of seconds`);

const started = Date.now();
console.log(`Checking the payment backend at ${str("url")} (contract v2, docs/payment-backend.md)…`);
const { results, callbackUrl } = await runBackendCheck({
  url: str("url")!,
  apiKey: str("api-key")!,
  webhookSecret: str("webhook-secret")!,
  listen: str("listen")!,
  callbackUrl: str("callback-url"),
  returnUrl: str("return-url"),
  callbackTimeoutMs: timeoutS * 1000,
});
console.log(`callbacks asked to ${callbackUrl}\n`);
console.log(formatReport(results));
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);

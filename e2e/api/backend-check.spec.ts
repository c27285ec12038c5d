// Spec 14.5's done-when: the conformance kit, run as an integrator runs it (`npm run backend:check`),
// passes against this production build's built-in sandbox (PAYMENT_SANDBOX=1), and names what is
// wrong when it is pointed at the sandbox with a wrong key.
import { spawn } from "node:child_process";
import { freePort } from "../fixtures/free-port";
import { expect, test } from "@playwright/test";
import { E2E, E2E_SANDBOX_API_KEY, E2E_WEBHOOK_SECRET } from "../fixtures/config";

async function runKit(apiKey: string): Promise<{ code: number | null; output: string }> {
  const listen = `127.0.0.1:${await freePort()}`;
  const args = [
    "tsx",
    "scripts/backend-check.ts",
    "--url",
    `${E2E.baseURL}/api/sandbox/v1`,
    "--api-key",
    apiKey,
    "--webhook-secret",
    E2E_WEBHOOK_SECRET,
    "--listen",
    listen,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("npx", args, { env: process.env });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

test.describe.configure({ mode: "serial" });

test("npm run backend:check passes against the built-in sandbox of the production build", async () => {
  test.setTimeout(120_000);
  const { code, output } = await runKit(E2E_SANDBOX_API_KEY);
  console.log(`[backend:check against the production build]\n${output}`);
  expect(output).toMatch(/(\d+) checks: \1 passed, 0 failed/);
  for (const number of ["0001", "0002", "0003", "0004", "0005"]) expect(output).toContain(`✓ ${number}`);
  expect(code, output).toBe(0);
});

test("with a wrong API key the kit names what failed and exits non-zero", async () => {
  test.setTimeout(120_000);
  const { code, output } = await runKit("not-the-key");
  expect(code).toBe(1);
  expect(output).toMatch(/✗ initiate answers the contract's shape/);
  expect(output).toMatch(/0 passed|[1-9]\d* failed/);
});

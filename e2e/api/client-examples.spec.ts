import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { signUpOverHttp } from "../fixtures/auth";
import { ALICE, E2E } from "../fixtures/config";
import { tokenFor } from "../fixtures/tokens";

const run = promisify(execFile);

test("the README's client examples run against a live server, one of them in plain Node", async () => {
  const env = { ...process.env, SERVELINK_URL: E2E.baseURL, SERVELINK_TOKEN: await tokenFor(ALICE) };
  const usage = await run("npx", ["tsx", "scripts/examples/read-usage.ts", "acme"], { env });
  expect(usage.stdout).toMatch(/^Acme \(pay_as_you_go\) in \d{4}-\d{2}:/);
  expect(usage.stdout).toMatch(/traffic [\d.]+ GB of \d+ GB \([\d.]+%, (ok|warning|critical|exceeded)\)/);
  expect(usage.stdout).toContain("- acme-web:");

  const month = new Date().toISOString().slice(0, 7);
  const csv = await run("npx", ["tsx", "scripts/examples/export-csv.ts", "acme", month], { env });
  const lines = csv.stdout.trim().split("\n");
  expect(lines[0]).toBe("day,project_id,project_slug,project_name,traffic_bytes,requests,storage_bytes");
  expect(lines.length).toBeGreaterThan(3);

  const tickets = await run("npx", ["tsx", "scripts/examples/list-tickets.ts", "acme"], { env });
  expect(tickets.stdout).toMatch(/ticket\(s\) in acme:/);
  expect(tickets.stdout).toContain("Deploy of acme-api fails after the Node upgrade");

  // Plain Node, no TypeScript runner: the package's `servelink-console/client` export (built by `npm install`).
  const plain = await run("node", ["scripts/examples/list-teams.mjs"], { env });
  expect(plain.stdout).toMatch(/^1 team\(s\):\n- acme \(owner, Pro\): traffic at [\d.]+% of the month's limit \((ok|warning|critical|exceeded)\)\n$/);

  // A team the user does not belong to: a typed NOT_FOUND, exit code 1.
  const denied = await run("npx", ["tsx", "scripts/examples/read-usage.ts", "hobby"], { env }).catch((e: { code: number; stderr: string }) => e);
  expect(denied).toMatchObject({ code: 1, stderr: expect.stringContaining("error NOT_FOUND: Team not found.") });
});

test("the balance example tops up by Mobile Money through the typed client, then reads the ledger; a refusal prints its reason", async ({ request }) => {
  // A team of its own: the top-up changes its balance, and the seeded teams are the other tests'.
  const { email } = await signUpOverHttp(request, "client-balance");
  const token = await tokenFor(email);
  const team = `client-balance-${Date.now().toString(36)}`;
  const created = await request.post("/api/trpc/teams.create", {
    headers: { authorization: `Bearer ${token}` },
    data: { json: { name: "Client balance", slug: team } },
  });
  expect(created.status(), await created.text()).toBe(200);
  const env = { ...process.env, SERVELINK_URL: E2E.baseURL, SERVELINK_TOKEN: token };

  // The sandbox approves a number ending 0001 after 5 s (spec 14.4).
  const topUp = await run("npx", ["tsx", "scripts/examples/balance.ts", team, "top-up", "4.5", "+225 07 07 00 00 01", "orange_money"], { env });
  expect(topUp.stdout).toMatch(/^top-up pay_\w+ of 4\.50 EUR: /);
  expect(topUp.stdout).toMatch(/\ntop-up pay_\w+: completed\n/);
  expect(topUp.stdout).toContain(`${team}: balance 4.50 EUR (top-ups from 3.00 EUR to 300.00 EUR)`);

  const ledger = await run("npx", ["tsx", "scripts/examples/balance.ts", team, "5"], { env });
  expect(ledger.stdout).toMatch(/\n1 entry, newest first:\n- \S+ top_up \+4\.50 EUR → 4\.50 EUR \(Top-up by Mobile Money from \+225 •+01\)\n$/);

  const refused = await run("npx", ["tsx", "scripts/examples/balance.ts", team, "auto-renew", "pro", "on"], { env }).catch(
    (e: { code: number; stderr: string }) => e,
  );
  expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining("error CONFLICT not_pro: The team is on Free") });
});

// Spec 20, live updates across processes: two `npm start` processes (A and B) on one fresh database,
// fed by Postgres LISTEN/NOTIFY, then through Redis pub/sub (REDIS_URL). The payment backend's webhook is delivered to A while a browser has
// the Billing page open on B: B's stream carries the change and the page shows Pro, without a reload.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import postgres from "postgres";
import { Webhook } from "standardwebhooks";
import { fromMinor } from "../../src/lib/money";
import { newId } from "../../src/lib/ids";
import { openDatabase } from "../../src/server/db/client";
import { createApiToken } from "../../src/server/services/tokens/api-tokens";
import { paymentWebhookHeaders } from "../../test/pending-payments";
import { readSse } from "../../test/sse";
import { signIn } from "../fixtures/auth";
import { createFreshDatabase, startAppProcess, type TAppProcess, type TFreshDatabase } from "../fixtures/app-process";
import { ALICE, BOB, E2E_WEBHOOK_SECRET } from "../fixtures/config";

test.describe.configure({ mode: "serial" });

let db: TFreshDatabase;
let sql: postgres.Sql;
let A: TAppProcess;
let B: TAppProcess;
const tokens: Record<string, string> = {};
const started: [string, TAppProcess][] = [];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  db = await createFreshDatabase({ label: "live" });
  sql = postgres(db.url, { max: 2, onnotice: () => {} });
  const handle = await openDatabase({ url: db.url, max: 1 });
  try {
    for (const email of [ALICE, BOB]) {
      const [u] = await sql<{ id: string }[]>`select id from "user" where email = ${email}`;
      tokens[email] = (await createApiToken(handle.db, { userId: u!.id, name: "live events" })).token;
    }
  } finally {
    await handle.close();
  }
  await startBoth({ REDIS_URL: undefined });
});

/** The processes' output, kept beside the run's other logs (e2e/run.ts audits them). */
function saveLogs() {
  mkdirSync("e2e/artifacts", { recursive: true });
  for (const [name, app] of started) writeFileSync(`e2e/artifacts/live-events-${name}.log`, app.output());
}

/** A and B on the spec's database with `env`, named in their logs by `suffix`. */
async function startBoth(env: Record<string, string | undefined>, suffix = "") {
  const start = (name: string) => startAppProcess({ name: name + suffix, env: { DATABASE_URL: db.url, INNGEST_DEV: undefined, ...env } });
  [A, B] = await Promise.all([start("A"), start("B")]);
  started.push([`A${suffix}`, A], [`B${suffix}`, B]);
}

test.afterAll(async () => {
  await Promise.all([A?.stop(), B?.stop()]);
  saveLogs();
  await sql?.end();
  await db?.drop();
});

/** A pending Pro payment of `team` by Mobile Money, as initiate leaves it; answers the backend's webhook body that completes it. */
async function pendingPro(team: string) {
  const [t] = await sql<{ id: string }[]>`select id from team where slug = ${team}`;
  const id = newId("pay");
  const external = `ext_live_${randomBytes(6).toString("hex")}`;
  await sql`insert into payment (id, team_id, external_payment_id, purpose, amount_minor, currency, payment_method)
            values (${id}, ${t!.id}, ${external}, 'plan_upgrade', 300, 'EUR', 'mobile_money')`;
  const body = JSON.stringify({
    type: "payment.updated",
    data: { external_payment_id: external, status: "completed", amount: fromMinor(300, "EUR"), currency: "EUR" },
  });
  return { id, body, headers: paymentWebhookHeaders(new Webhook(E2E_WEBHOOK_SECRET), { id: `msg_live_${randomBytes(6).toString("hex")}`, body }) };
}

test("GET /api/events: 401 without a caller; with a token, an uncompressed event stream whatever the client accepts", async () => {
  const anonymous = await fetch(`${B.baseURL}/api/events`);
  expect(anonymous.status).toBe(401);
  expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");

  const res = await fetch(`${B.baseURL}/api/events`, { headers: { authorization: `Bearer ${tokens[BOB]}`, "accept-encoding": "gzip, br" } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
  expect(res.headers.get("content-encoding")).toBeNull();
  const text = await readSse(res.body!, (t) => t.includes(": connected"), 10_000);
  expect(text.startsWith("retry: 3000\n: connected\n\n")).toBe(true);
});

/**
 * Alice has Billing open on B; the webhook completing a Pro payment is delivered to A. Answers how
 * long from the delivery until the page showed Pro, checked to be within 2 s, without a reload, and
 * that bob's stream on A got nothing of it.
 */
async function webhookOnAFlipsBillingOnB(browser: Browser): Promise<number> {
  const context = await browser.newContext({ baseURL: B.baseURL });
  const page = await context.newPage();
  await signIn(page, ALICE);
  // acme is on Pro in the demo: put it back on Free first, so that the flip shows.
  await sql`update team_subscription set plan_id = 'free', current_period_end = null where team_id = (select id from team where slug = 'acme')`;
  const stream = page.waitForResponse((r) => r.url().endsWith("/api/events") && r.status() === 200);
  await page.goto("/teams/acme/billing");
  await stream;
  const plan = page.getByTestId("plan-card");
  await expect(plan).toHaveAttribute("data-plan", "free");
  // A mark on the page's window: a reload would lose it (the page may change its URL in place, as it does to track a pending payment).
  await page.evaluate(() => Object.assign(window, { __liveMark: "kept" }));

  // bob's stream on A: open before the webhook, it must carry none of acme's events.
  const bobStream = await fetch(`${A.baseURL}/api/events`, { headers: { authorization: `Bearer ${tokens[BOB]}` } });
  const bobText = readSse(bobStream.body!, () => false, 4_000);

  const p = await pendingPro("acme");
  const delivered = Date.now();
  const answer = await fetch(`${A.baseURL}/api/payments/callback`, { method: "POST", headers: p.headers, body: p.body });
  expect(answer.status).toBe(200);
  const answeredMs = Date.now() - delivered;
  await expect(plan).toHaveAttribute("data-plan", "pay_as_you_go", { timeout: 2_000 });
  const tookMs = Date.now() - delivered;
  console.log(`webhook on A to Pro on the page served by B: ${tookMs} ms (A answered the webhook after ${answeredMs} ms)`);
  expect(tookMs).toBeLessThanOrEqual(2_000);
  expect(await page.evaluate(() => (window as unknown as { __liveMark?: string }).__liveMark)).toBe("kept");

  const seenByBob = await bobText;
  expect(seenByBob).toContain(": connected");
  expect(seenByBob).not.toContain(p.id);
  expect(seenByBob).not.toMatch(/^event: /m);
  await context.close();
  return tookMs;
}

test("a payment webhook delivered to A: the Billing page open on B shows Pro within 2 s, without a reload; bob's stream on A gets nothing of it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const tookMs = await webhookOnAFlipsBillingOnB(browser);
  test.info().annotations.push({ type: "webhook to Pro on the other process", description: `${tookMs} ms` });
});

test("with REDIS_URL the events go through Redis pub/sub, one process relaying Postgres' notifies: the same flip within 2 s", async ({ browser }) => {
  test.setTimeout(180_000);
  await Promise.all([A.stop(), B.stop()]);
  await startBoth({ REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" }, "-redis");
  const tookMs = await webhookOnAFlipsBillingOnB(browser);
  test.info().annotations.push({ type: "webhook to Pro on the other process, through Redis", description: `${tookMs} ms` });
  // Both processes had a stream open (alice's on B, bob's on A), so both started their hub; one relays.
  const relaying = [A, B].filter((app) => app.output().includes("relays Postgres' notifies into Redis"));
  expect(relaying).toHaveLength(1);
});

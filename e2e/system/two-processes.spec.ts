// Spec 17, "Many processes, one console": two `npm start` processes (A and B) on one fresh database
// and the machine's Redis, each on its own port, the requests split between them, as a load
// balancer would. Every limit and exactly-once rule must hold as if there were one process.
//
// Limits: the budgets are the app's own settings, made small here so that a test can spend them
// (API_RATE_LIMIT_PER_MINUTE and TRPC_RATE_LIMIT_PER_MINUTE 20, AUTH_RATE_LIMIT_MAX 3, the production
// default). Redis keeps its counters past the run, keyed by user (a fresh database's users have new
// ids) and by client address: each run signs in from an address of its own, sent as X-Forwarded-For
// through one trusted proxy hop (TRUSTED_PROXY_HOPS=1), so no two runs share a counter.
//
// Jobs: no Inngest server can run here. The test plays its part (a test double for the Inngest
// server): it calls /api/inngest on A and on B as Inngest calls a function, signed with
// INNGEST_SIGNING_KEY (the SDK's HMAC scheme, as inngest/serve.int.test.ts does), one request per
// step, each answer's step result sent back with the next request, until the function answers 200.
// This is how a job really runs on a process (each step may land on either), so the lease must hold
// across requests; `npm run job` twice would test only one process's in-memory run.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { Webhook } from "standardwebhooks";
import { clock } from "../../src/lib/clock";
import { fromMinor } from "../../src/lib/money";
import { openDatabase } from "../../src/server/db/client";
import { createApiToken } from "../../src/server/services/tokens/api-tokens";
import { canonicalJson, inngestSignature } from "../../test/inngest-request";
import { paymentWebhookHeaders } from "../../test/pending-payments";
import { createFreshDatabase, startAppProcess, type TAppProcess, type TFreshDatabase } from "../fixtures/app-process";
import { ALICE, BOB, DAVE, E2E, E2E_WEBHOOK_SECRET, ERIN } from "../fixtures/config";

test.describe.configure({ mode: "serial" });

const SIGNING_KEY = `signkey-test-${randomBytes(32).toString("hex")}`;
const BUDGET = 20;
const SIGN_IN_BUDGET = 3;
/** A client address of this run's own (10.x.y.z), for the per-address sign-in limit. */
const addressOfThisRun = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`;

let db: TFreshDatabase;
let sql: postgres.Sql;
let A: TAppProcess;
let B: TAppProcess;
const tokens: Record<string, string> = {};

const limitsEnv = (url: string) => ({
  DATABASE_URL: url,
  TRUSTED_PROXY_HOPS: "1",
  AUTH_RATE_LIMIT_MAX: String(SIGN_IN_BUDGET),
  API_RATE_LIMIT_PER_MINUTE: String(BUDGET),
  TRPC_RATE_LIMIT_PER_MINUTE: String(BUDGET),
  INNGEST_SIGNING_KEY: SIGNING_KEY,
  INNGEST_DEV: undefined,
  // The sandbox payment of (c) stays pending until its webhook, not expiring within the test.
  SANDBOX_APPROVAL_WINDOW_S: "600",
});

test.beforeAll(async () => {
  test.setTimeout(300_000);
  db = await createFreshDatabase({ label: "twoproc" });
  sql = postgres(db.url, { max: 2, onnotice: () => {} });
  // API tokens for the demo users, made as `npm run token` makes them.
  const handle = await openDatabase({ url: db.url, max: 1 });
  try {
    for (const email of [ALICE, BOB, DAVE, ERIN]) {
      const [u] = await sql<{ id: string }[]>`select id from "user" where email = ${email}`;
      tokens[email] = (await createApiToken(handle.db, { userId: u!.id, name: "two processes" })).token;
    }
  } finally {
    await handle.close();
  }
  const env = { ...limitsEnv(db.url), REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" };
  [A, B] = await Promise.all([startAppProcess({ name: "A", env }), startAppProcess({ name: "B", env })]);
});

test.afterAll(async () => {
  await Promise.all([A?.stop(), B?.stop()]);
  // The processes' own logs, for a failure's reader (e2e/artifacts is not kept in git).
  mkdirSync("e2e/artifacts", { recursive: true });
  for (const [name, app] of [
    ["A", A],
    ["B", B],
  ] as const)
    if (app) writeFileSync(`e2e/artifacts/two-processes-${name}.log`, app.output());
  await sql?.end();
  await db?.drop();
});

const bearer = (email: string) => ({ authorization: `Bearer ${tokens[email]}` });

/** n requests at once, split between two processes; answers the statuses and the 429s' Retry-After. */
async function burst(n: number, send: (app: TAppProcess, i: number) => Promise<Response>, apps: [TAppProcess, TAppProcess] = [A, B]) {
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => send(apps[i % 2]!, i)));
  const statuses = answers.map((r) => r.status);
  const retryAfter = answers.filter((r) => r.status === 429).map((r) => Number(r.headers.get("retry-after")));
  await Promise.all(answers.map((r) => r.arrayBuffer()));
  return { statuses, retryAfter, count: (s: number) => statuses.filter((x) => x === s).length };
}

async function checkSharedLimits(apps: [TAppProcess, TAppProcess], users: { rest: string; restTeam: string; trpc: string }) {
  // REST: one user's budget a minute, whichever process answers.
  const rest = await burst(BUDGET + 10, (app) => fetch(`${app.baseURL}/api/usage/${users.restTeam}/summary`, { headers: bearer(users.rest) }), apps);
  expect(rest.count(200)).toBe(BUDGET);
  expect(rest.count(429)).toBe(10);
  expect(rest.retryAfter.every((s) => s > 0 && s <= 60)).toBe(true);
  // tRPC: its own budget, shared the same way.
  const trpc = await burst(BUDGET + 10, (app) => fetch(`${app.baseURL}/api/trpc/teams.list`, { headers: bearer(users.trpc) }), apps);
  expect(trpc.count(200)).toBe(BUDGET);
  expect(trpc.count(429)).toBe(10);
  // Sign-in: AUTH_RATE_LIMIT_MAX attempts per 10 s from one address, wherever they land.
  const from = addressOfThisRun();
  const signIn = await burst(
    8,
    (app) =>
      fetch(`${app.baseURL}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.baseURL, "x-forwarded-for": from },
        body: JSON.stringify({ email: `nobody-${randomBytes(4).toString("hex")}@example.com`, password: "not-the-password" }),
      }),
    apps,
  );
  expect(signIn.count(429)).toBe(8 - SIGN_IN_BUDGET);
  expect(signIn.statuses.filter((s) => s !== 429).every((s) => s === 401)).toBe(true);
  expect(signIn.retryAfter.every((s) => s > 0 && s <= 10)).toBe(true);
}

test("(a) the rate limits' budgets are shared by both processes through Redis: REST, tRPC and sign-in", async () => {
  test.setTimeout(120_000);
  const ready = (await (await fetch(`${A.baseURL}/api/health/ready`)).json()) as { checks: { redis?: { ok: boolean; mode: string } } };
  expect(ready.checks.redis).toMatchObject({ ok: true, mode: "shared" });
  await checkSharedLimits([A, B], { rest: ALICE, restTeam: "acme", trpc: DAVE });
});

/**
 * The Inngest server's part in one run of a scheduled function on `app`: a signed request per step,
 * each step's result remembered and sent back, until the function answers 200 with its result.
 * `firstStepDone` lets two runs take their first step at the same moment before going on.
 */
async function runOnProcess(app: TAppProcess, fnId: string, cron: string, firstStepDone: (ok: boolean) => Promise<void>): Promise<unknown> {
  const steps: Record<string, { type: "data"; data: unknown }> = {};
  const runId = `run_${randomBytes(8).toString("hex")}`;
  const ts = Date.now();
  for (let request = 0; request < 20; request++) {
    const body = canonicalJson({
      event: { name: "inngest/scheduled.timer", data: { cron }, ts },
      events: [{ name: "inngest/scheduled.timer", data: { cron }, ts }],
      steps,
      version: 2,
      ctx: {
        run_id: runId,
        attempt: 0,
        disable_immediate_execution: false,
        use_api: false,
        stack: { stack: Object.keys(steps), current: Object.keys(steps).length },
      },
    });
    const res = await fetch(`${app.baseURL}/api/inngest?fnId=servelink-console-${fnId}&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-inngest-signature": inngestSignature(SIGNING_KEY, body) },
      body,
    });
    const text = await res.text();
    if (request === 0) await firstStepDone(res.status === 206);
    if (res.status === 200) return JSON.parse(text) as unknown;
    expect(res.status, text).toBe(206);
    for (const op of JSON.parse(text) as { id: string; op: string; data?: unknown }[]) {
      expect(op.op, text).toBe("StepRun");
      steps[op.id] = { type: "data", data: op.data ?? null };
    }
  }
  throw new Error(`${fnId} on ${app.baseURL}: no final answer after 20 requests`);
}

test("(b) check-inactive-projects started on A and on B at once runs once: one success, one skipped, the idle project deactivated and its owner told once", async () => {
  test.setTimeout(120_000);
  // hobby (Free) has a project idle for 20 days: the job's work is to make it inactive and say so.
  // Times on the app's clock (SERVELINK_FAKE_NOW when a run sets one), as the job reads them.
  const now = clock.nowMs();
  await sql`update project set last_traffic_at = ${new Date(now - 20 * 86_400_000)}, created_at = ${new Date(now - 60 * 86_400_000)}
            where slug = 'portfolio' and team_id = (select id from team where slug = 'hobby')`;
  const [portfolio] = await sql<{ id: string }[]>`select id from project where slug = 'portfolio' and team_id = (select id from team where slug = 'hobby')`;
  // Both runs take their first step (the heartbeat, which takes the job's lease) at the same moment.
  let arrived = 0;
  let bothArrived!: () => void;
  const together = new Promise<void>((r) => (bothArrived = r));
  const barrier = async (ok: boolean) => {
    expect(ok).toBe(true);
    if (++arrived === 2) bothArrived();
    await together;
  };
  const results = await Promise.all([A, B].map((app) => runOnProcess(app, "check-inactive-projects", "TZ=UTC 0 2 * * *", barrier)));
  const done = results.filter((r) => (r as { skipped?: string }).skipped === undefined);
  const skipped = results.filter((r) => (r as { skipped?: string }).skipped === "already running");
  expect(done).toHaveLength(1);
  expect(skipped).toHaveLength(1);
  expect(done[0]).toMatchObject({ deactivated: 1 });

  const runs = await sql<
    { id: string; outcome: string; detail: Record<string, unknown> }[]
  >`select id, outcome, detail from job_run where job = 'check-inactive-projects'`;
  expect(runs.map((r) => r.outcome).sort()).toEqual(["skipped", "success"]);
  const success = runs.find((r) => r.outcome === "success")!;
  expect(runs.find((r) => r.outcome === "skipped")!.detail).toMatchObject({ skipped: "already running", held_by: success.id });
  const [project] = await sql<{ status: string }[]>`select status from project where id = ${portfolio!.id}`;
  expect(project!.status).toBe("inactive");
  const notices = await sql`select 1 from notification where kind = 'project.inactive' and data->>'project_id' = ${portfolio!.id}`;
  expect(notices).toHaveLength(1);
  // The operator's view: the job succeeded (the skipped run is not its last run, nor a success).
  const health = await fetch(`${B.baseURL}/api/health/jobs`);
  const job = ((await health.json()) as { jobs: { job: string; state: string; last_outcome: string }[] }).jobs.find((j) => j.job === "check-inactive-projects");
  expect(job).toMatchObject({ state: "ok", last_outcome: "success" });
  // The lease was given back: the next run does the work (nothing left to do) instead of skipping.
  const next = await runOnProcess(B, "check-inactive-projects", "TZ=UTC 0 2 * * *", async () => {});
  expect(next).toMatchObject({ deactivated: 0 });
});

test("(c) the same Idempotency-Key sent to A and B at once counts the traffic once; one Pro payment started on both at once is one payment", async () => {
  test.setTimeout(120_000);
  const [blog] = await sql<{ id: string }[]>`select p.id from project p join team t on t.id = p.team_id where t.slug = 'hobby' and p.slug = 'blog'`;
  // One month throughout, whatever the date: the server's current month (its first answer), the
  // traffic dated at its first instant (never in the future, well within the 35 days accepted),
  // and the second summary asked for that month, so a run at a month's last second is not split.
  const summary = async (app: TAppProcess, month?: string) => {
    const res = await fetch(`${app.baseURL}/api/usage/hobby/summary${month ? `?month=${month}` : ""}`, { headers: bearer(BOB) });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { period: { month: string }; projects: { id: string; traffic: { bytes: number } }[] };
    return { month: answer.period.month, bytes: answer.projects.find((p) => p.id === blog!.id)!.traffic.bytes };
  };
  const { month, bytes: before } = await summary(A);
  const key = `twoproc-${randomBytes(6).toString("hex")}`;
  const body = JSON.stringify({ events: [{ project_id: blog!.id, bytes: 777_777, at: `${month}-01T00:00:00Z` }] });
  const ingest = (app: TAppProcess) =>
    fetch(`${app.baseURL}/api/usage/traffic`, {
      method: "POST",
      headers: { authorization: `Bearer ${E2E.serverEnv.INGEST_TOKEN}`, "content-type": "application/json", "idempotency-key": key },
      body,
    });
  const answers = await Promise.all([ingest(A), ingest(B), ingest(A), ingest(B)]);
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  const bodies = await Promise.all(answers.map((r) => r.json()));
  for (const b of bodies) expect(b).toEqual({ accepted: 1, rejected: [] });
  // One of them applied the batch; the others replayed its answer.
  expect(answers.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(3);
  expect((await summary(B, month)).bytes).toBe(before + 777_777);

  // A double click that lands on both processes: the second start finds the first payment.
  const initiate = (app: TAppProcess) =>
    fetch(`${app.baseURL}/api/payments/hobby/initiate`, {
      method: "POST",
      headers: { ...bearer(BOB), "content-type": "application/json" },
      body: JSON.stringify({ payment_method: "mobile_money", payer_phone: "+225 07 07 12 34 56", operator: "orange_money" }),
    });
  const started = await Promise.all([initiate(A), initiate(B)]);
  const views = (await Promise.all(started.map(async (r) => ({ status: r.status, body: (await r.json()) as { payment_id: string; status: string } })))) as {
    status: number;
    body: { payment_id: string; status: string };
  }[];
  expect(views.map((v) => v.status)).toEqual([200, 200]);
  expect(views[0]!.body.payment_id).toBe(views[1]!.body.payment_id);
  const [{ count }] = (await sql`select count(*)::int as count from payment p join team t on t.id = p.team_id where t.slug = 'hobby'`) as unknown as [
    { count: number },
  ];
  expect(count).toBe(1);
});

test("(d) 50 copies of one payment webhook at once, split between A and B: the payment completes once, Pro is extended once, one notice", async () => {
  test.setTimeout(120_000);
  const [p] = await sql<{ id: string; external_payment_id: string; amount_minor: number; currency: string; status: string }[]>`
    select p.id, p.external_payment_id, p.amount_minor, p.currency, p.status from payment p join team t on t.id = p.team_id where t.slug = 'hobby'`;
  expect(p).toMatchObject({ status: "pending" });
  const body = JSON.stringify({
    type: "payment.updated",
    data: { external_payment_id: p!.external_payment_id, status: "completed", amount: fromMinor(p!.amount_minor, p!.currency), currency: p!.currency },
  });
  const id = `msg_twoproc_${randomBytes(6).toString("hex")}`;
  const headers = paymentWebhookHeaders(new Webhook(E2E_WEBHOOK_SECRET), { id, body });
  const deliveries = await burst(50, (app) => fetch(`${app.baseURL}/api/payments/callback`, { method: "POST", headers, body }));
  expect(deliveries.statuses.every((s) => s === 200)).toBe(true);

  // What the owner sees, from either process: the payment completed, hobby on Pro.
  const status = await fetch(`${B.baseURL}/api/payments/${p!.id}/status`, { headers: bearer(BOB) });
  expect(((await status.json()) as { status: string }).status).toBe("completed");
  const [sub] = await sql<{ plan_id: string; extended_by_days: number; completed_at: Date }[]>`
    select s.plan_id, extract(epoch from (s.current_period_end - p.completed_at)) / 86400 as extended_by_days, p.completed_at
    from team_subscription s join payment p on p.team_id = s.team_id where p.id = ${p!.id}`;
  expect(sub!.plan_id).toBe("pay_as_you_go");
  // One period of Pro (30 days) from the completion: applied twice, it would be 60.
  expect(Number(sub!.extended_by_days)).toBeCloseTo(30, 3);
  const [events] = await sql<{ count: number }[]>`select count(*)::int as count from webhook_event where id = ${id}`;
  expect(events!.count).toBe(1);
  const notices = () => sql<{ kind: string }[]>`select kind from notification where data->>'payment_id' = ${p!.id}`;
  await expect.poll(async () => (await notices()).length).toBe(1);
  expect((await notices())[0]!.kind).toBe("payment.completed");
});

test("(a) again with only DATABASE_URL: two more processes share the budgets through Postgres", async () => {
  test.setTimeout(150_000);
  const env = { ...limitsEnv(db.url), REDIS_URL: undefined };
  const [C, D] = await Promise.all([startAppProcess({ name: "C", env }), startAppProcess({ name: "D", env })]);
  try {
    const ready = (await (await fetch(`${C.baseURL}/api/health/ready`)).json()) as { checks: Record<string, unknown> };
    expect(ready.checks.redis).toBeUndefined();
    await checkSharedLimits([C, D], { rest: DAVE, restTeam: "acme", trpc: ERIN });
    const [{ rows }] = (await sql`select count(*)::int as rows from rate_limit`) as unknown as [{ rows: number }];
    expect(rows).toBeGreaterThan(0);
  } finally {
    await Promise.all([C.stop(), D.stop()]);
  }
});

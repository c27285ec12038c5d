// Faults survived (issue #18, spec 17): the production server (node server.mjs) against a Postgres
// and a Redis of the test's own (e2e/fixtures/own-services.ts), which the tests stop and restart;
// the machine's own servers are never touched. Each test prints its figures (console and the test's
// annotations): how many batches or deliveries, how many were refused and retried, how long it took
// to recover.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { newId } from "../../src/lib/ids";
import { openDatabase, rowsOf, type DbHandle } from "../../src/server/db/client";
import { migrateDatabase } from "../../src/server/db/migrate";
import { project, team, teamSubscription } from "../../src/server/db/schema";
import { insertPendingProPayments, paymentDeliveries, paymentOutcomes, paymentWebhookHeaders, type TPaymentDelivery } from "../../test/pending-payments";
import { createFreshDatabase, startAppProcess, type TAppProcess } from "../fixtures/app-process";
import { ALICE, DEMO_PASSWORD, E2E, E2E_WEBHOOK_SECRET } from "../fixtures/config";
import { startOwnPostgres, startOwnRedis } from "../fixtures/own-services";

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const INGEST = { authorization: `Bearer ${E2E.serverEnv.INGEST_TOKEN}`, "content-type": "application/json" };

/** The servers the running test started: a failed test keeps their output (what they logged when a fault went wrong). */
const started: TAppProcess[] = [];
async function startApp(opts: Parameters<typeof startAppProcess>[0]): Promise<TAppProcess> {
  const app = await startAppProcess(opts);
  started.push(app);
  return app;
}
test.afterEach(async () => {
  const testInfo = test.info();
  if (testInfo.status !== testInfo.expectedStatus) {
    for (const app of started) {
      await testInfo.attach(`server output (${app.port})`, { body: app.output(), contentType: "text/plain" });
      console.log(`[faults] server ${app.port} output, last lines:\n${app.output().split("\n").slice(-40).join("\n")}`);
    }
  }
  started.length = 0;
});

function report(name: string, figures: Record<string, unknown>) {
  console.log(`[faults] ${name}: ${JSON.stringify(figures)}`);
  test.info().annotations.push({ type: "figures", description: JSON.stringify(figures) });
}

/** A deterministic stream of numbers in [0, 1): the batches are the same on every run. */
function numbers(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

test("Postgres restarted in the middle of an ingest load: every batch counted exactly once, the refused ones 503 with Retry-After, nothing half-counted", async () => {
  test.setTimeout(180_000);
  const pg = await startOwnPostgres();
  let handle: DbHandle | null = null;
  let app: TAppProcess | null = null;
  try {
    handle = await openDatabase({ url: pg.url(), max: 2 });
    await migrateDatabase(handle);
    const teamId = newId("team");
    await handle.db.insert(team).values({ id: teamId, slug: "faults", name: "Faults" });
    // Pay as you go: no plan limit, so no batch is refused or a project suspended for its size.
    await handle.db.insert(teamSubscription).values({ id: newId("sub"), teamId, planId: "pay_as_you_go" });
    const projectIds = Array.from({ length: 12 }, () => newId("prj"));
    await handle.db.insert(project).values(projectIds.map((id, i) => ({ id, teamId, name: `p${i}`, slug: `p${i}` })));
    await handle.close();
    handle = null;

    app = await startApp({ name: "ingest", env: { DATABASE_URL: pg.url(), REDIS_URL: undefined } });
    const baseURL = app.baseURL;
    const server = app;
    // A check while Postgres is down, on a connection of its own (not one the load keeps alive); a
    // server that died instead of answering fails here, with its output.
    const probe = async (url: string, init: RequestInit = {}) => {
      try {
        return await fetch(url, { ...init, headers: { ...init.headers, connection: "close" } });
      } catch (err) {
        throw new Error(`${url} had no answer (the server ${server.exited() ? "exited" : "is running"}): ${String((err as Error).cause ?? err)}`);
      }
    };

    const CLIENTS = 4;
    const EVENTS = 400;
    const rand = numbers(11);
    const expected = new Map<string, bigint>(projectIds.map((id) => [id, 0n]));
    let batches = 0;
    let events = 0;
    const statuses: Record<string, number> = {};
    const unexpected: string[] = [];
    let answered503 = 0;
    let batchesRefusedOnce = 0;
    let replayed = 0;
    let missingRetryAfter = 0;
    let networkErrors = 0;
    let firstOkAfterStart: number | null = null;
    let postgresBackAt: number | null = null;
    let okAfterBack = 0;
    let done = false;

    const sendBatch = async (i: number) => {
      const list = Array.from({ length: EVENTS }, () => ({
        project_id: projectIds[Math.floor(rand() * projectIds.length)]!,
        bytes: Math.floor(rand() * 1_000_000),
      }));
      const body = JSON.stringify({ events: list });
      let refused = false;
      for (let attempt = 1; attempt <= 60; attempt++) {
        let res: Response;
        try {
          res = await fetch(`${baseURL}/api/usage/traffic`, { method: "POST", headers: { ...INGEST, "idempotency-key": `faults-${i}` }, body });
        } catch {
          networkErrors++;
          await sleep(250);
          continue;
        }
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const answer = (await res.json().catch(() => null)) as { accepted?: number; error?: { code?: string } } | null;
        if (res.ok) {
          if (answer?.accepted !== EVENTS) unexpected.push(`batch ${i}: ${res.status} accepted ${answer?.accepted}`);
          if (res.headers.get("idempotent-replayed") === "true") replayed++;
          // Counted once, whether the first try or a retry answered it.
          for (const e of list) expected.set(e.project_id, expected.get(e.project_id)! + BigInt(e.bytes));
          batches++;
          events += list.length;
          if (refused) batchesRefusedOnce++;
          if (postgresBackAt !== null) {
            firstOkAfterStart ??= Date.now();
            okAfterBack++;
          }
          return;
        }
        if (res.status === 503) {
          answered503++;
          refused = true;
          if (answer?.error?.code !== "database_unavailable") unexpected.push(`batch ${i}: 503 ${JSON.stringify(answer)}`);
          const wait = Number(res.headers.get("retry-after"));
          if (!(wait > 0)) missingRetryAfter++;
          await sleep((wait > 0 ? wait : 1) * 1000);
          continue;
        }
        unexpected.push(`batch ${i}: ${res.status} ${JSON.stringify(answer)}`);
        await sleep(500);
      }
      throw new Error(`batch ${i} was never counted`);
    };

    let next = 0;
    const load = Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (!done) {
          await sendBatch(next++);
          await sleep(20); // a steady load, not a flood, on a machine other runs share
        }
      }),
    );

    // The load runs a while, then Postgres stops (fast: connections closed, open transactions rolled back) and starts again.
    while (batches < 20) await sleep(100);
    const before = batches;
    const stopAt = Date.now();
    await pg.stop();
    const stoppedAt = Date.now();
    const readyWhileDown = await probe(`${baseURL}/api/health/ready`);
    const readyBody = await readyWhileDown.json();
    // Any other path that needs the database says the same: REST (the token is looked up) and tRPC (its context).
    const bearer = { authorization: "Bearer pat_faults_not_a_live_token_0123456789" };
    const restWhileDown = await probe(`${baseURL}/api/resources/faults/available`, { headers: bearer });
    const restBody = await restWhileDown.json();
    const trpcWhileDown = await probe(`${baseURL}/api/trpc/me`, { headers: bearer });
    await trpcWhileDown.arrayBuffer();
    await sleep(1_500);
    await pg.start();
    postgresBackAt = Date.now();
    // The load goes on until 20 batches are counted after Postgres is back.
    while (okAfterBack < 20 && Date.now() - postgresBackAt < 60_000) await sleep(100);
    done = true;
    await load;

    // Every batch answered 2xx counted exactly once, in the months and the days alike; none half-counted.
    handle = await openDatabase({ url: pg.url(), max: 2 });
    const monthly = rowsOf<{ project_id: string; bytes: string }>(
      await handle.db.execute(sql`select project_id, sum(traffic_bytes)::text as bytes from project_usage group by project_id`),
    );
    const daily = rowsOf<{ project_id: string; bytes: string; requests: string }>(
      await handle.db.execute(
        sql`select project_id, sum(traffic_bytes)::text as bytes, sum(requests)::text as requests from project_usage_daily group by project_id`,
      ),
    );
    const [keys] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from ingest_batch`));
    const want = Object.fromEntries([...expected].filter(([, b]) => b > 0n).map(([id, b]) => [id, b.toString()]));
    report("postgres restart under ingest", {
      clients: CLIENTS,
      events_per_batch: EVENTS,
      batches,
      events,
      batches_before_the_stop: before,
      answers: statuses,
      answers_503: answered503,
      batches_refused_then_counted: batchesRefusedOnce,
      replayed_on_retry: replayed,
      network_errors: networkErrors,
      rest_and_trpc_while_down: [restWhileDown.status, trpcWhileDown.status],
      postgres_stop_ms: stoppedAt - stopAt,
      postgres_down_ms: postgresBackAt - stoppedAt,
      first_2xx_after_postgres_back_ms: firstOkAfterStart! - postgresBackAt,
      totals_exact: [monthly, daily].every((rows) => rows.length === Object.keys(want).length && rows.every((r) => want[r.project_id] === r.bytes)),
      idempotency_keys: keys!.n,
    });
    expect(readyWhileDown.status, "readiness is 503 while the database is down").toBe(503);
    expect(readyBody.checks.database.ok).toBe(false);
    expect([restWhileDown.status, restWhileDown.headers.get("retry-after"), restBody.error?.code]).toEqual([503, "2", "database_unavailable"]);
    expect([trpcWhileDown.status, trpcWhileDown.headers.get("retry-after")]).toEqual([503, "2"]);
    expect(unexpected, "only 2xx and 503 database_unavailable answers").toEqual([]);
    expect(missingRetryAfter, "every 503 has Retry-After").toBe(0);
    expect(answered503, "some batches met the outage").toBeGreaterThan(0);
    expect(okAfterBack).toBeGreaterThanOrEqual(20);
    expect(app.exited(), "the server lives through the outage").toBe(false);
    expect((await fetch(`${baseURL}/api/health/ready`)).status).toBe(200);

    expect(Object.fromEntries(monthly.map((r) => [r.project_id, r.bytes]))).toEqual(want);
    expect(Object.fromEntries(daily.map((r) => [r.project_id, r.bytes]))).toEqual(want);
    expect(daily.reduce((s, r) => s + Number(r.requests), 0)).toBe(events);
    expect(keys!.n, "one idempotency key per batch").toBe(batches);
  } finally {
    await app?.stop();
    await handle?.close();
    await pg.cleanup();
  }
});

test("Redis stopped and started under load: ready stays 200 (checks.redis degraded), API reads go on, sign-in is refused, and limits hold again once it is back", async () => {
  test.setTimeout(180_000);
  const redis = await startOwnRedis();
  const db = await createFreshDatabase({ label: "faults_redis" });
  let app: TAppProcess | null = null;
  try {
    const LIMIT = 100;
    app = await startApp({
      name: "redis",
      env: { DATABASE_URL: db.url, REDIS_URL: redis.url, AUTH_RATE_LIMIT_MAX: "3", API_RATE_LIMIT_PER_MINUTE: String(LIMIT) },
    });
    const baseURL = app.baseURL;
    const token = (await run("npx", ["tsx", "scripts/token.ts", ALICE, "faults"], { env: { ...process.env, DATABASE_URL: db.url } })).stdout
      .trim()
      .split("\n")
      .at(-1)!
      .trim();
    const read = () => fetch(`${baseURL}/api/resources/acme/available`, { headers: { authorization: `Bearer ${token}` } });
    const signIn = () =>
      fetch(`${baseURL}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { origin: baseURL, "content-type": "application/json" },
        body: JSON.stringify({ email: ALICE, password: DEMO_PASSWORD }),
      });
    const ready = async () => {
      const res = await fetch(`${baseURL}/api/health/ready`);
      return { status: res.status, body: (await res.json()) as { checks: { redis?: { ok: boolean; mode: string } } } };
    };

    const up = await ready();
    expect(up.status).toBe(200);
    expect(up.body.checks.redis).toEqual({ ok: true, mode: "shared" });
    expect((await read()).status).toBe(200);

    // Reads under load through the whole outage: 4 clients, one after the other's answer.
    const seen: Record<string, number> = {};
    let stopLoad = false;
    const load = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!stopLoad) {
          const res = await read();
          await res.arrayBuffer();
          seen[res.status] = (seen[res.status] ?? 0) + 1;
          await sleep(20);
        }
      }),
    );
    await sleep(500);
    const stopAt = Date.now();
    await redis.stop();
    const downFrom = { ...seen };
    const whileDown = await ready();
    const refusedSignIn = await signIn();
    const refusedBody = await refusedSignIn.json();
    // More reads than the limit's minute allows, all answered: the limits fail open for reads.
    const readsBefore = Object.values(seen).reduce((a, b) => a + b, 0);
    while (Object.values(seen).reduce((a, b) => a + b, 0) - readsBefore < LIMIT + 20) await sleep(100);
    const readsDuringOutage = Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, v - (downFrom[k] ?? 0)]));
    await redis.start();
    const startedAt = Date.now();
    let back = await ready();
    while (back.body.checks.redis?.ok !== true && Date.now() - startedAt < 30_000) {
      await sleep(100);
      back = await ready();
    }
    const recoveredMs = Date.now() - startedAt;
    stopLoad = true;
    await load;

    // Back: sign-in works and its limit (3 per 10 s) holds again; so does the REST limit.
    const signIns: number[] = [];
    for (let i = 0; i < 4; i++) signIns.push((await signIn()).status);
    let allowed = 0;
    let limited: Response | null = null;
    for (let i = 0; i < LIMIT + 5 && !limited; i++) {
      const res = await read();
      await res.arrayBuffer();
      if (res.status === 429) limited = res;
      else if (res.status === 200) allowed++;
    }
    report("redis stop and start under read load", {
      reads_answered: seen,
      reads_during_outage: readsDuringOutage,
      rest_limit_per_minute: LIMIT,
      sign_in_while_down: refusedSignIn.status,
      redis_down_ms: startedAt - stopAt,
      ready_redis_ok_again_ms: recoveredMs,
      sign_ins_after: signIns,
      reads_allowed_after_before_429: allowed,
    });
    expect(whileDown.status, "Redis down leaves the instance ready").toBe(200);
    expect(whileDown.body.checks.redis).toMatchObject({ ok: false, mode: "degraded" });
    expect(refusedSignIn.status, "sign-in fails closed").toBe(429);
    expect(Number(refusedSignIn.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refusedBody).toMatchObject({
      code: "too_many_requests",
      message: expect.stringMatching(/^Too many attempts from this address\. Try again in \d+ s\.$/),
    });
    expect(readsDuringOutage, "every read answered during the outage, more than the limit allows").toEqual({ 200: expect.any(Number) });
    expect(readsDuringOutage[200]).toBeGreaterThan(LIMIT);
    expect(back.status).toBe(200);
    expect(back.body.checks.redis).toEqual({ ok: true, mode: "shared" });

    expect(signIns).toEqual([200, 200, 200, 429]);
    expect(limited, "the REST limit holds again").not.toBeNull();
    expect(allowed).toBeLessThanOrEqual(LIMIT);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
  } finally {
    await app?.stop();
    await redis.cleanup();
    await db.drop();
  }
});

test("a server killed with SIGKILL while receiving payment webhooks: re-sent deliveries apply once, every payment in one final state", async () => {
  test.setTimeout(180_000);
  const db = await createFreshDatabase({ label: "faults_webhook", seed: false });
  let handle: DbHandle | null = null;
  let app: TAppProcess | null = null;
  try {
    const N = 300;
    handle = await openDatabase({ url: db.url, max: 2 });
    const teams = await insertPendingProPayments(handle.db, N, "faults");
    const wh = new Webhook(E2E_WEBHOOK_SECRET);
    const deliveries = paymentDeliveries(teams);

    const env = { DATABASE_URL: db.url, REDIS_URL: undefined };
    app = await startApp({ name: "webhooks", env });
    const outcomes: Record<string, number> = {};
    const deliver = async (baseURL: string, d: TPaymentDelivery): Promise<number | string> => {
      try {
        const res = await fetch(`${baseURL}/api/payments/callback`, { method: "POST", headers: paymentWebhookHeaders(wh, d), body: d.body });
        const answer = (await res.json().catch(() => null)) as { outcome?: string } | null;
        if (res.status === 200) outcomes[answer?.outcome ?? "?"] = (outcomes[answer?.outcome ?? "?"] ?? 0) + 1;
        return res.status;
      } catch (err) {
        return ((err as { cause?: { code?: string } }).cause?.code ?? "network_error") as string;
      }
    };

    // A stream of deliveries through 8 workers (as a backend's queue); the process is killed once a
    // third of them have had their 200, with others in flight; the rest go to the dead port.
    const first: (number | string)[] = new Array(N);
    const killAfterOk = Math.floor(N / 3);
    let okSoFar = 0;
    let killedAt = 0;
    let sentAtKill = 0;
    let kill: Promise<unknown> | null = null;
    const firstApp = app;
    let cursor = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (cursor < N) {
          const i = cursor++;
          first[i] = await deliver(firstApp.baseURL, deliveries[i]!);
          if (first[i] === 200 && ++okSoFar >= killAfterOk && !kill) {
            killedAt = Date.now();
            sentAtKill = cursor;
            kill = firstApp.kill();
          }
        }
      }),
    );
    await kill;
    const firstRound = first.reduce<Record<string, number>>((m, st) => ({ ...m, [String(st)]: (m[String(st)] ?? 0) + 1 }), {});
    const okBeforeKill = first.filter((st) => st === 200).length;

    // Started again (on another port: the backend's retries go to wherever the console answers now).
    const restartAt = Date.now();
    app = await startApp({ name: "webhooks-again", env });
    const restartMs = Date.now() - restartAt;
    const firstRoundOutcomes = { ...outcomes };

    // The backend re-sends every delivery that had no 200, and (at least once) a few that had.
    const pending = new Set(deliveries.map((_, i) => i).filter((i) => first[i] !== 200));
    const resentNotOk = pending.size;
    const again = deliveries.filter((_, i) => first[i] === 200).slice(0, 30);
    let rounds = 0;
    for (; pending.size > 0 && rounds < 5; rounds++) {
      await Promise.all(
        [...pending].map(async (i) => {
          if ((await deliver(app!.baseURL, deliveries[i]!)) === 200) pending.delete(i);
        }),
      );
    }
    const duplicates = await Promise.all(again.map((d) => deliver(app!.baseURL, d)));
    const retryOutcomes = Object.fromEntries(Object.entries(outcomes).map(([k, v]) => [k, v - (firstRoundOutcomes[k] ?? 0)]));

    // What a double application would leave: Pro extended more than one period from the completion,
    // a second notice; and every payment in one final state, every plan matching it (as bench/webhook.ts checks).
    const check = await paymentOutcomes(handle.db);
    report("SIGKILL while receiving payment webhooks", {
      deliveries: N,
      killed_once_ok: killAfterOk,
      sent_when_killed: sentAtKill,
      first_round_answers: firstRound,
      first_round_outcomes: firstRoundOutcomes,
      restart_to_ready_ms: restartMs,
      down_ms: restartAt + restartMs - killedAt,
      resent_without_200: resentNotOk,
      resent_after_200: again.length,
      retry_rounds: rounds,
      retry_outcomes: retryOutcomes,
      completed: check.completed,
      failed: check.failed,
      effects_applied_once: check.extended_twice === 0 && check.notices_not_one === 0,
      still_without_200: pending.size,
    });
    expect(pending.size, "every delivery answered 200 in the end").toBe(0);
    expect(duplicates.every((s) => s === 200)).toBe(true);
    expect(check).toEqual({ not_final: 0, completed: N - N / 5, failed: N / 5, extended_twice: 0, notices_not_one: 0, pro_mismatch: 0 });
    expect(okBeforeKill, "the first process took deliveries before it was killed").toBeGreaterThan(0);
    expect(resentNotOk, "the kill left deliveries without a 200").toBeGreaterThan(0);
    expect(retryOutcomes.duplicate ?? 0, "the 30 re-sent after a 200 were duplicates").toBeGreaterThanOrEqual(30);
  } finally {
    await app?.stop();
    await handle?.close();
    await db.drop();
  }
});

// npm run bench -- ingest: events/s through POST /api/usage/traffic vs a naive one-UPDATE-per-event baseline.
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { newId } from "../src/lib/ids";
import { project, team, teamSubscription } from "../src/server/db/schema";
import { rowsOf } from "../src/server/db/client";
import { INGEST_TOKEN, benchDatabase, startServer } from "./server";

const PROJECTS = 200;
const BATCH = 10_000;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 120);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const NAIVE_EVENTS = Number(process.env.BENCH_NAIVE_EVENTS ?? 40_000);

export async function benchIngest() {
  const { handle, url } = await benchDatabase("servelink_bench_ingest", true);
  const teamId = newId("team");
  await handle.db.insert(team).values({ id: teamId, slug: "bench", name: "Bench" });
  await handle.db.insert(teamSubscription).values({ id: newId("sub"), teamId, planId: "pay_as_you_go" });
  const ids = Array.from({ length: PROJECTS }, () => newId("prj"));
  await handle.db.insert(project).values(ids.map((id, i) => ({ id, teamId, name: `p${i}`, slug: `p${i}` })));

  // A few distinct bodies, reused: the client must not be the bottleneck.
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const now = Date.now();
  const bodies = Array.from({ length: 8 }, () => {
    let sum = 0n;
    const events = Array.from({ length: BATCH }, () => {
      const bytes = Math.floor(rand() * 100_000);
      sum += BigInt(bytes);
      return { project_id: ids[Math.floor(rand() * PROJECTS)]!, bytes, at: new Date(now - Math.floor(rand() * 2 * 86_400_000)).toISOString() };
    });
    return { json: JSON.stringify({ events }), sum };
  });

  const server = await startServer(url, 3300);
  let expected = 0n;
  try {
    const send = async (i: number) => {
      const body = bodies[i % bodies.length]!;
      const res = await fetch(`${server.baseUrl}/api/usage/traffic`, {
        method: "POST",
        headers: { authorization: `Bearer ${INGEST_TOKEN}`, "content-type": "application/json", "idempotency-key": `bench-${i}` },
        body: body.json,
      });
      const answer = (await res.json()) as { accepted: number };
      if (res.status !== 200 || answer.accepted !== BATCH) throw new Error(`batch ${i}: ${res.status} ${JSON.stringify(answer)}`);
      expected += body.sum;
    };
    await send(BATCHES); // warm-up (JIT, connections), counted in the expected total too
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < BATCHES) await send(next++);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const fastRate = (BATCHES * BATCH) / seconds;

    const [totals] = rowsOf<{ monthly: string; daily: string }>(
      await handle.db.execute(
        sql`select (select sum(traffic_bytes)::text from project_usage) as monthly, (select sum(traffic_bytes)::text from project_usage_daily) as daily`,
      ),
    );
    const exact = BigInt(totals!.monthly) === expected && BigInt(totals!.daily) === expected;

    // The naive baseline: one UPDATE per event on pre-created monthly rows, same number of clients,
    // straight to Postgres (no HTTP, no JSON): generous to the baseline.
    await handle.db.execute(sql`truncate project_usage`);
    await handle.db.execute(sql`insert into project_usage (id, project_id, year, month) select 'use_' || id, id, 2026, 1 from project`);
    const pg = postgres(url, { max: CLIENTS, onnotice: () => {} });
    const events = JSON.parse(bodies[0]!.json)
      .events.concat(JSON.parse(bodies[1]!.json).events)
      .concat(JSON.parse(bodies[2]!.json).events)
      .concat(JSON.parse(bodies[3]!.json).events)
      .slice(0, NAIVE_EVENTS) as { project_id: string; bytes: number }[];
    let cursor = 0;
    const naiveStart = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (cursor < events.length) {
          const e = events[cursor++]!;
          await pg`update project_usage set traffic_bytes = traffic_bytes + ${e.bytes} where project_id = ${e.project_id} and year = 2026 and month = 1`;
        }
      }),
    );
    const naiveRate = events.length / ((performance.now() - naiveStart) / 1000);
    const naiveSum = events.reduce((s, e) => s + BigInt(e.bytes), 0n);
    const [naiveTotal] = await pg`select sum(traffic_bytes)::text as s from project_usage`;
    await pg.end();

    const report = {
      benchmark: "ingest",
      batches: BATCHES,
      events_per_batch: BATCH,
      clients: CLIENTS,
      projects: PROJECTS,
      seconds: Math.round(seconds * 100) / 100,
      events_per_second: Math.round(fastRate),
      naive_events: events.length,
      naive_events_per_second: Math.round(naiveRate),
      ratio: Math.round((fastRate / naiveRate) * 10) / 10,
      totals_exact: exact,
      naive_totals_exact: BigInt(naiveTotal!.s) === naiveSum,
      goals: { events_per_second: ">= 250000", ratio: ">= 25", totals_exact: true },
    };
    console.log(JSON.stringify(report, null, 2));
    return report;
  } finally {
    server.stop();
    await handle.close();
  }
}

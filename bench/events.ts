// npm run bench -- events: live updates (spec 20). 500 open `GET /api/events` streams, half on each of
// two `node server.mjs` processes on one database; changes committed by a third process (this one)
// at BENCH_RATE a second: latency from the commit to each stream that must get it, and memory per
// open stream.
import { request, type IncomingMessage } from "node:http";
import { readFileSync } from "node:fs";
import { newId } from "../src/lib/ids";
import { payment, team, teamMember, teamSubscription, user } from "../src/server/db/schema";
import { createApiToken } from "../src/server/services/tokens/api-tokens";
import { benchDatabase, percentile, processCpuSeconds, startServer } from "./server";

const STREAMS = Number(process.env.BENCH_STREAMS ?? 500);
const PER_TEAM = 10;
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const DATABASE = "servelink_bench_events";
const WARM_UP = 20;

/** Resident memory of a process, in bytes (Linux /proc). */
function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : NaN;
}

interface TStream {
  teamIndex: number;
  res: IncomingMessage;
  received: Map<string, number>;
}

export async function benchEvents() {
  const { handle, url } = await benchDatabase(DATABASE, true);
  const teamCount = Math.ceil(STREAMS / PER_TEAM);
  const teams = Array.from({ length: teamCount }, (_, i) => ({ id: newId("team"), slug: `live-${i}`, name: `Live ${i}` }));
  await handle.db.insert(team).values(teams);
  await handle.db.insert(teamSubscription).values(teams.map((t) => ({ id: newId("sub"), teamId: t.id, planId: "free" as const })));
  const users = Array.from({ length: STREAMS }, (_, i) => ({ id: newId("usr"), email: `live-${i}@bench.servelink.dev`, name: `Reader ${i}` }));
  await handle.db.insert(user).values(users);
  await handle.db
    .insert(teamMember)
    .values(
      users.map((u, i) => ({ teamId: teams[Math.floor(i / PER_TEAM)]!.id, userId: u.id, role: i % PER_TEAM === 0 ? ("owner" as const) : ("member" as const) })),
    );
  const tokens: string[] = [];
  for (const u of users) tokens.push((await createApiToken(handle.db, { userId: u.id, name: "bench" })).token);

  const servers = await Promise.all([3312, 3313].map((port) => startServer(url, port)));
  const sentAt = new Map<string, number>();
  const streams: TStream[] = [];
  try {
    // Each stream counts as open when its first line (": connected") arrives; opened 50 at a time.
    const open = (i: number) =>
      new Promise<TStream>((resolve, reject) => {
        const target = new URL(`${servers[i % 2]!.baseUrl}/api/events`);
        const req = request(
          { host: target.hostname, port: target.port, path: target.pathname, agent: false, headers: { authorization: `Bearer ${tokens[i]}` } },
          (res) => {
            if (res.statusCode !== 200) return reject(new Error(`stream ${i}: ${res.statusCode}`));
            const s: TStream = { teamIndex: Math.floor(i / PER_TEAM), res, received: new Map() };
            let buffer = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => {
              const now = performance.now();
              buffer += chunk;
              let end: number;
              while ((end = buffer.indexOf("\n\n")) >= 0) {
                const block = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                if (block.includes(": connected")) resolve(s);
                const data = /^data: (.*)$/m.exec(block)?.[1];
                if (data) s.received.set((JSON.parse(data) as { id: string }).id, now);
              }
            });
          },
        );
        req.on("error", reject);
        req.end();
      });
    // The first WARM_UP streams load the route's code and start each hub: memory is counted from after them.
    for (let i = 0; i < WARM_UP; i++) streams.push(await open(i));
    await new Promise((r) => setTimeout(r, 2000));
    const rssBefore = servers.map((s) => rssBytes(s.pid));
    const cpuBefore = servers.map((s) => processCpuSeconds(s.pid));
    const openStarted = performance.now();
    for (let i = WARM_UP; i < STREAMS; i += 50) streams.push(...(await Promise.all(Array.from({ length: Math.min(50, STREAMS - i) }, (_, k) => open(i + k)))));
    const openMs = performance.now() - openStarted;
    await new Promise((r) => setTimeout(r, 2000));
    const rssOpen = servers.map((s) => rssBytes(s.pid));

    // The load: one committed change a tick (a new pending payment of the next team), each due to reach its team's 10 streams.
    const expected = new Map<string, number>();
    const started = performance.now();
    const total = RATE * SECONDS;
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const id = newId("pay");
      const teamIndex = n % teamCount;
      await handle.db.insert(payment).values({ id, teamId: teams[teamIndex]!.id, purpose: "plan_upgrade", amountMinor: 300, paymentMethod: "mobile_money" });
      // The commit has returned: from here the event is on its way.
      sentAt.set(id, performance.now());
      expected.set(id, teamIndex);
    }
    // Let the last ones arrive.
    const deadline = performance.now() + 10_000;
    const deliveries = () => streams.reduce((a, s) => a + s.received.size, 0);
    const want = [...expected.values()].reduce((a, t) => a + streams.filter((s) => s.teamIndex === t).length, 0);
    while (deliveries() < want && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const cpu = servers.map((s, i) => processCpuSeconds(s.pid) - cpuBefore[i]!);

    const latencies: number[] = [];
    let wrongTeam = 0;
    let missing = 0;
    for (const s of streams) {
      for (const [id, at] of s.received) {
        if (expected.get(id) !== s.teamIndex) wrongTeam++;
        else latencies.push(Math.max(0, at - sentAt.get(id)!));
      }
      for (const [id, t] of expected) if (t === s.teamIndex && !s.received.has(id)) missing++;
    }
    latencies.sort((a, b) => a - b);
    const perStream = servers.map((_, i) => (rssOpen[i]! - rssBefore[i]!) / ((STREAMS - WARM_UP) / 2));
    const result = {
      streams: STREAMS,
      open_ms: Math.round(openMs),
      warm_up_streams: WARM_UP,
      events: total,
      rate_per_s: RATE,
      deliveries_expected: want,
      deliveries: latencies.length,
      missing,
      wrong_team: wrongTeam,
      latency_ms: {
        p50: +percentile(latencies, 50).toFixed(1),
        p99: +percentile(latencies, 99).toFixed(1),
        max: +(latencies.at(-1) ?? NaN).toFixed(1),
      },
      rss_mb_before: rssBefore.map((b) => +(b / 2 ** 20).toFixed(1)),
      rss_mb_open: rssOpen.map((b) => +(b / 2 ** 20).toFixed(1)),
      kb_per_open_stream: perStream.map((b) => +(b / 1024).toFixed(1)),
      server_cpu_s: cpu.map((c) => +c.toFixed(2)),
    };
    console.log(JSON.stringify(result, null, 2));
    if (missing > 0 || wrongTeam > 0) throw new Error(`events: ${missing} deliveries missing, ${wrongTeam} to the wrong team`);
    return result;
  } finally {
    for (const s of streams) s.res.destroy();
    for (const s of servers) s.stop();
    await Promise.all(servers.map((s) => s.exited));
    await handle.close();
  }
}

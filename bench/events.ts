// npm run bench -- events: live updates (spec 20). 500 open `GET /api/events` streams, half on each of
// two `node server.mjs` processes on one database; changes committed by a third process (this one)
// at BENCH_RATE a second: latency from the commit to each stream that must get it, and memory per
// open stream. Then the same from commit to browser: BENCH_BROWSERS Chromium pages (signed in, an
// EventSource each, alternately on each process) of one team, every commit reaching all of them.
import { request, type IncomingMessage } from "node:http";
import { readFileSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/fixtures/chromium";
import { newId } from "../src/lib/ids";
import { payment, team, teamMember, teamSubscription, user } from "../src/server/db/schema";
import { createApiToken } from "../src/server/services/tokens/api-tokens";
import { benchDatabase, cookiesOf, percentile, processCpuSeconds, startServer } from "./server";

const STREAMS = Number(process.env.BENCH_STREAMS ?? 500);
const PER_TEAM = 10;
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const DATABASE = "servelink_bench_events";
const WARM_UP = 20;
const BROWSERS = Number(process.env.BENCH_BROWSERS ?? 4);
const BROWSER_EVENTS = Number(process.env.BENCH_BROWSER_EVENTS ?? 200);

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
    for (const s of streams) s.res.destroy();
    const browsers =
      BROWSERS > 0
        ? await benchBrowsers(
            handle.db,
            servers.map((s) => s.baseUrl),
          )
        : null;
    console.log(JSON.stringify({ ...result, browsers }, null, 2));
    if (missing > 0 || wrongTeam > 0) throw new Error(`events: ${missing} deliveries missing, ${wrongTeam} to the wrong team`);
    if (browsers && browsers.missing > 0) throw new Error(`events: ${browsers.missing} browser deliveries missing`);
    return { ...result, browsers };
  } finally {
    for (const s of streams) s.res.destroy();
    for (const s of servers) s.stop();
    await Promise.all(servers.map((s) => s.exited));
    await handle.close();
  }
}

/** Epoch milliseconds with a fraction, the clock a browser page and this process share. */
const epochMs = () => performance.timeOrigin + performance.now();

/**
 * BROWSERS signed-in Chromium pages of one new team, each with the console's own EventSource on
 * `/api/events`, alternately on each process; BROWSER_EVENTS commits of that team by this process,
 * at RATE a second. Latency from the commit's return here to the page's `message` handler (both
 * clocks epoch-based on this machine).
 */
async function benchBrowsers(db: Parameters<typeof createApiToken>[0], baseUrls: string[]) {
  const t = { id: newId("team"), slug: "live-browsers", name: "Live browsers" };
  await db.insert(team).values(t);
  await db.insert(teamSubscription).values({ id: newId("sub"), teamId: t.id, planId: "free" });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const pages: Page[] = [];
    for (let i = 0; i < BROWSERS; i++) {
      const baseUrl = baseUrls[i % baseUrls.length]!;
      const email = `browser-${i}@bench.servelink.dev`;
      const signUp = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: baseUrl },
        body: JSON.stringify({ email, password: "a-long-password-1", name: `Browser ${i}` }),
      });
      if (!signUp.ok) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
      const [u] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
      await db.insert(teamMember).values({ teamId: t.id, userId: u!.id, role: i === 0 ? "owner" : "member" });
      const context = await browser.newContext();
      await context.addCookies(cookiesOf(signUp).map((c) => ({ ...c, url: baseUrl })));
      const page = await context.newPage();
      await page.goto(`${baseUrl}/api/health/live`);
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const got: Record<string, number> = {};
            const source = new EventSource("/api/events");
            source.addEventListener("payment.updated", (e) => {
              got[(JSON.parse((e as MessageEvent<string>).data) as { id: string }).id] = performance.timeOrigin + performance.now();
            });
            source.onopen = () => resolve();
            source.onerror = () => reject(new Error("the stream could not be opened"));
            Object.assign(window, { __got: got });
          }),
      );
      pages.push(page);
    }
    await new Promise((r) => setTimeout(r, 1000));
    const sentAt = new Map<string, number>();
    const started = performance.now();
    for (let n = 0; n < BROWSER_EVENTS; n++) {
      const wait = started + (n * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const id = newId("pay");
      await db.insert(payment).values({ id, teamId: t.id, purpose: "plan_upgrade", amountMinor: 300, paymentMethod: "mobile_money" });
      sentAt.set(id, epochMs());
    }
    await new Promise((r) => setTimeout(r, 3000));
    const latencies: number[] = [];
    let missing = 0;
    for (const page of pages) {
      const got = await page.evaluate(() => (window as unknown as { __got: Record<string, number> }).__got);
      for (const [id, at] of sentAt) {
        if (got[id] === undefined) missing++;
        else latencies.push(Math.max(0, got[id] - at));
      }
    }
    latencies.sort((a, b) => a - b);
    return {
      pages: BROWSERS,
      events: BROWSER_EVENTS,
      deliveries: latencies.length,
      missing,
      latency_ms: { p50: +percentile(latencies, 50).toFixed(1), p99: +percentile(latencies, 99).toFixed(1), max: +(latencies.at(-1) ?? NaN).toFixed(1) },
    };
  } finally {
    await browser.close();
  }
}

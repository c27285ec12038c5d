// npm run bench -- webhook: p50/p99 of signed payment webhooks at 200/s (10 % duplicates) against the real Postgres.
import { Agent, request } from "node:http";
import { Webhook } from "standardwebhooks";
import { insertPendingProPayments, paymentDeliveries, paymentOutcomes, paymentWebhookHeaders, type TPaymentDelivery } from "../test/pending-payments";
import { benchDatabase, cpuSince, machineCpuSeconds, percentile, postgresBackendsCpu, processCpuSeconds, startServer } from "./server";

// BENCH_RATE (default 200/s) and BENCH_SECONDS (default 20) set the load; BENCH_PROCESSES=2 starts two
// `node server.mjs` on one database and alternates the requests between them.
const RATE = Number(process.env.BENCH_RATE ?? 200);
const PROCESSES = Math.max(1, Math.floor(Number(process.env.BENCH_PROCESSES ?? 1)));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const DUPLICATES = 0.1;
const DATABASE = "servelink_bench_webhook";
const SECRET = "whsec_YmVuY2gtd2ViaG9vay1zZWNyZXQtMDEyMzQ1Njc4OQ==";

export async function benchWebhook() {
  const { handle, url } = await benchDatabase(DATABASE, true);
  const total = RATE * SECONDS;
  const uniqueCount = Math.round(total * (1 - DUPLICATES));
  // One team and one pending Pro payment per unique delivery.
  const teams = await insertPendingProPayments(handle.db, uniqueCount, "bench");
  const wh = new Webhook(SECRET);
  const deliveries = paymentDeliveries(teams);
  // 10 % of the requests re-send an earlier delivery (same webhook-id), as a backend retrying would.
  const schedule: TPaymentDelivery[] = [];
  let u = 0;
  for (let i = 0; i < total; i++) {
    const dup = i > 10 && (i % 10 === 9 || u >= deliveries.length);
    schedule.push(dup ? deliveries[Math.floor((i * 7919) % Math.max(u, 1))]! : deliveries[u++]!);
  }

  const env = { PAYMENT_WEBHOOK_SECRET: SECRET, PAYMENT_SANDBOX: "1" };
  const servers = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => startServer(url, 3302 + i, env)));
  // node:http with keep-alive connections (up to 128 per server, as a sender's pool): cheaper on
  // the shared cores than fetch, and no connection storm when a queue builds.
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  try {
    // Open loop: a delivery's latency runs from when it was due (its place in the 200/s schedule),
    // so time spent queueing behind a slow server counts, as it does for a real sender.
    const send = (d: TPaymentDelivery, n: number, due = performance.now()) => {
      const target = new URL(`${servers[n % servers.length]!.baseUrl}/api/payments/callback`);
      return new Promise<number>((resolve, reject) => {
        const req = request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: "POST",
            headers: { ...paymentWebhookHeaders(wh, d), "content-length": Buffer.byteLength(d.body) },
          },
          (res) => {
            let answer = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => void (answer += chunk));
            res.on("error", reject);
            res.on("end", () =>
              res.statusCode === 200 ? resolve(performance.now() - due) : reject(new Error(`delivery ${d.id}: ${res.statusCode} ${answer.slice(0, 300)}`)),
            );
          },
        );
        req.on("error", reject);
        req.end(d.body);
      });
    };
    for (let i = 0; i < 20 * servers.length; i++) await send(deliveries[deliveries.length - 1 - i]!, i); // warm-up (re-sent later as duplicates)
    // Where the CPU goes during the run: the servers, the Postgres backends serving them, this client, and the machine.
    const cpu0 = {
      servers: servers.map((x) => processCpuSeconds(x.pid)),
      postgres: postgresBackendsCpu(DATABASE),
      client: process.cpuUsage(),
      machine: machineCpuSeconds(),
    };
    const latencies: number[] = [];
    const started = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < schedule.length; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inflight.push(send(schedule[i]!, i, due).then((ms) => void latencies.push(ms)));
    }
    await Promise.all(inflight);
    const elapsed = (performance.now() - started) / 1000;
    const client = process.cpuUsage(cpu0.client);
    const machine = machineCpuSeconds();
    const share = (seconds: number) => Math.round((seconds / elapsed) * 100); // % of one core
    const serverCpu = servers.map((x, i) => processCpuSeconds(x.pid) - cpu0.servers[i]!);
    const postgresCpu = cpuSince(cpu0.postgres, postgresBackendsCpu(DATABASE));
    const clientCpu = (client.user + client.system) / 1e6;
    const busy = machine.busy - cpu0.machine.busy;
    const cpuPercentOfOneCore = {
      servers: serverCpu.map(share),
      postgres: share(postgresCpu),
      bench_client: share(clientCpu),
      everything_else: share(busy - postgresCpu - clientCpu - serverCpu.reduce((a, b) => a + b, 0)),
      machine_busy: share(busy),
      machine_capacity: share(machine.total - cpu0.machine.total),
    };
    latencies.sort((a, b) => a - b);

    // What a double application would leave behind (every payment final, applied once).
    const check = await paymentOutcomes(handle.db);
    const round = (x: number) => Math.round(x * 10) / 10;
    const report = {
      benchmark: "webhook",
      requests: schedule.length,
      unique_deliveries: deliveries.length,
      duplicate_share: DUPLICATES,
      processes: servers.length,
      target_rate_per_s: RATE,
      achieved_rate_per_s: Math.round(schedule.length / elapsed),
      latency_ms: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1)!) },
      every_payment_one_final_state: check.not_final === 0 && check.completed + check.failed === deliveries.length,
      effects_applied_once: check.extended_twice === 0 && check.notices_not_one === 0,
      latency_from: "scheduled send (open loop)",
      plans_match_payments: check.pro_mismatch === 0,
      cpu_percent_of_one_core: cpuPercentOfOneCore,
      // CPU per request: what the machine's load does not change much (unlike the latency when other work takes the cores).
      cpu_ms_per_request: {
        servers: round((serverCpu.reduce((a, b) => a + b, 0) * 1000) / schedule.length),
        postgres: round((postgresCpu * 1000) / schedule.length),
        bench_client: round((clientCpu * 1000) / schedule.length),
      },
      goal: "p99 <= 30 ms at 200/s",
    };
    console.log(JSON.stringify(report, null, 2));
    return report;
  } finally {
    agent.destroy();
    for (const x of servers) x.stop();
    await Promise.all(servers.map((x) => x.exited));
    await handle.close();
  }
}

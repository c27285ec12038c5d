// SERVELINK_TOKEN=pat_… npx tsx scripts/examples/read-usage.ts <team> – this month's usage and levels.
import { createServelinkClient, toServelinkError } from "../../src/client";

const api = createServelinkClient({ url: process.env.SERVELINK_URL ?? "http://localhost:3000", token: process.env.SERVELINK_TOKEN ?? "" });
const team = process.argv[2] ?? "acme";
try {
  const s = await api.usage.summary.query({ team });
  console.log(`${s.team.name} (${s.team.plan}) in ${s.period.month}:`);
  console.log(`  traffic ${s.totals.traffic.gb} GB of ${s.limits.traffic_gb} GB (${s.totals.traffic.percent}%, ${s.totals.traffic.level})`);
  console.log(`  storage ${s.totals.storage.mb} MB of ${s.limits.storage_mb} MB (${s.totals.storage.percent}%, ${s.totals.storage.level})`);
  for (const p of s.projects) console.log(`  - ${p.slug}: ${p.traffic.gb} GB, ${p.storage.mb} MB, ${p.status}`);
} catch (err) {
  const e = toServelinkError(err);
  console.error(`error ${e.code}: ${e.message}`);
  process.exit(1);
}

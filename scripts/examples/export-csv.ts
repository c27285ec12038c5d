// SERVELINK_TOKEN=pat_… npx tsx scripts/examples/export-csv.ts <team> [YYYY-MM] > usage.csv – a month's daily rows as CSV.
import { createServelinkClient, toServelinkError } from "../../src/client";

const api = createServelinkClient({ url: process.env.SERVELINK_URL ?? "http://localhost:3000", token: process.env.SERVELINK_TOKEN ?? "" });
const team = process.argv[2] ?? "acme";
const month = process.argv[3] ?? new Date().toISOString().slice(0, 7);
try {
  const { csv } = await api.usage.exportCsv.query({ team, month });
  process.stdout.write(csv);
} catch (err) {
  const e = toServelinkError(err);
  console.error(`error ${e.code}: ${e.message}`);
  process.exit(1);
}

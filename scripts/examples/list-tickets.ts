// SERVELINK_TOKEN=pat_… npx tsx scripts/examples/list-tickets.ts <team> [status] – the team's support tickets.
import { createServelinkClient, toServelinkError } from "../../src/client";

const api = createServelinkClient({ url: process.env.SERVELINK_URL ?? "http://localhost:3000", token: process.env.SERVELINK_TOKEN ?? "" });
const team = process.argv[2] ?? "acme";
const status = process.argv[3] as "open" | "in_progress" | "waiting" | "resolved" | "closed" | undefined;
try {
  const tickets = await api.tickets.list.query({ team, status });
  console.log(`${tickets.length} ticket(s) in ${team}${status ? ` with status ${status}` : ""}:`);
  for (const t of tickets) console.log(`- [${t.status}] [${t.priority}] ${t.subject} (SLA: ${t.sla.state})`);
} catch (err) {
  const e = toServelinkError(err);
  console.error(`error ${e.code}: ${e.message}`);
  process.exit(1);
}

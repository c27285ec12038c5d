// npx tsx scripts/example-client.ts – prints the teams of the token's user through the typed client.
//   SERVELINK_URL (default http://localhost:3000) and SERVELINK_TOKEN (from Settings or `npm run token`).
import { createServelinkClient } from "../src/client";

const url = process.env.SERVELINK_URL ?? "http://localhost:3000";
const token = process.env.SERVELINK_TOKEN;
if (!token) {
  console.error("Set SERVELINK_TOKEN to a personal API token (npm run token -- alice@demo.servelink.dev).");
  process.exit(1);
}

const api = createServelinkClient({ url, token });
try {
  const me = await api.me.query();
  const teams = await api.teams.list.query();
  console.log(`${me.email} belongs to ${teams.length} team(s):`);
  for (const t of teams) {
    const plan = t.plan === "pay_as_you_go" ? "Pro" : "Free";
    console.log(`- ${t.slug}\t${t.name}\t${t.role}\t${plan}`);
  }
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

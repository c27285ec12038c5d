// @ts-check
// SERVELINK_TOKEN=pat_… node scripts/examples/list-teams.mjs – the token user's teams and this month's
// traffic, from a plain Node script: no TypeScript runner, typed all the same in an editor (the
// package's `servelink-console/client` export points its types at the client's source).
import { createServelinkClient, toServelinkError } from "servelink-console/client";

const api = createServelinkClient({ url: process.env.SERVELINK_URL ?? "http://localhost:3000", token: process.env.SERVELINK_TOKEN ?? "" });
try {
  const teams = await api.teams.list.query();
  console.log(`${teams.length} team(s):`);
  for (const t of teams) {
    const usage = await api.usage.summary.query({ team: t.slug });
    console.log(
      `- ${t.slug} (${t.role}, ${t.plan === "pay_as_you_go" ? "Pro" : "Free"}): traffic at ${usage.totals.traffic.percent ?? 0}% of the month's limit (${usage.totals.traffic.level})`,
    );
  }
} catch (err) {
  const e = toServelinkError(err);
  console.error(`error ${e.code}: ${e.message}`);
  process.exit(1);
}

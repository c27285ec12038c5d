// npm run bench -- <ingest|summary|webhook|jobs|renewals|pages|cockpit|events>
import { benchIngest } from "./ingest";
import { benchSummary } from "./summary";
import { benchWebhook } from "./webhook";
import { benchJobs } from "./jobs";
import { benchRenewals } from "./renewals";
import { benchPages } from "./pages";
import { benchCockpit } from "./cockpit";
import { benchEvents } from "./events";

const BENCHES: Record<string, () => Promise<unknown>> = {
  ingest: benchIngest,
  summary: benchSummary,
  webhook: benchWebhook,
  jobs: benchJobs,
  renewals: benchRenewals,
  pages: benchPages,
  cockpit: benchCockpit,
  events: benchEvents,
};
const names = process.argv.slice(2);
if (names.length === 0 || names.some((n) => !BENCHES[n])) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join("|")}> [...]`);
  process.exit(1);
}
for (const name of names) await BENCHES[name]!();
process.exit(0);

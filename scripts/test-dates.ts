// npm run test:dates – the date-sensitive suites at the dates where a calendar bug shows (spec 13):
// the first hours of a month, 30 s before a new year, the new year's first instant, and a leap day.
// Each date runs the unit and integration tests with the clock started there, then the browser tests
// of usage, billing and the Overview against a server (and seed) started there. `next build` ran before.
import { spawnSync } from "node:child_process";

export const TEST_DATES = ["2026-12-01T08:00:00Z", "2026-12-31T23:59:30Z", "2027-01-01T00:00:00Z", "2028-02-29T12:00:00Z"];
const DATED_E2E = ["e2e/ui/usage.spec.ts", "e2e/ui/billing.spec.ts", "e2e/ui/foundation.spec.ts", "e2e/api/usage.spec.ts"];

const only = process.argv.slice(2);
const dates = only.length ? only : TEST_DATES;
const results: { date: string; suite: string; ok: boolean; seconds: number }[] = [];
for (const date of dates) {
  for (const [suite, cmd, args, env] of [
    ["unit + integration", "npx", ["vitest", "run"], { SERVELINK_FAKE_NOW: date }],
    ["browser (usage, billing, overview)", "npx", ["tsx", "e2e/run.ts", "--fake-now", date, ...DATED_E2E], {}],
  ] as const) {
    console.log(`\n== ${suite} at ${date}`);
    const started = Date.now();
    const run = spawnSync(cmd, [...args], { stdio: "inherit", env: { ...process.env, ...env } });
    results.push({ date, suite, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  }
}
console.log("\n== dated runs");
for (const r of results) console.log(`${r.ok ? "passed" : "FAILED"}  ${r.date}  ${r.suite} (${r.seconds} s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);

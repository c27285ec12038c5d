// npx tsx bench/profile-summary.ts <file.cpuprofile> [rows] [--per=<n deliveries>]: where a `node --cpu-prof` profile's
// time goes, as Markdown tables: by module (npm package, the app's source file, Node internals)
// and by function, self and total (total: the samples with the function anywhere on their stack).
// --last=<s> keeps the last s seconds only. Frames in the build's bundles are mapped back to their sources through the build's source maps.
import { existsSync, readFileSync } from "node:fs";
import { SourceMapConsumer } from "source-map-js";

interface TNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface TProfile {
  nodes: TNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, rowsArg, ...rest] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx bench/profile-summary.ts <file.cpuprofile> [rows] [--per=<count>]");
  process.exit(1);
}
const rows = Number(rowsArg ?? 25);
const per = Number(rest.find((a) => a.startsWith("--per="))?.slice(6) ?? 0);
// --last=<s>: only the profile's last s seconds (the bench's run, not the server's start).
const last = Number(rest.find((a) => a.startsWith("--last="))?.slice(7) ?? 0);
const profile = JSON.parse(readFileSync(file, "utf8")) as TProfile;
if (last > 0) {
  let at = profile.startTime;
  const from = profile.endTime - last * 1e6;
  const keep = profile.timeDeltas.map((d) => (at += d) >= from);
  profile.samples = profile.samples.filter((_, i) => keep[i]);
  profile.timeDeltas = profile.timeDeltas.filter((_, i) => keep[i]);
}

const maps = new Map<string, SourceMapConsumer | null>();
/** A bundle frame's original source file (and name), through the bundle's `.map` beside it. */
function original(path: string, line: number, column: number): { source: string; name: string | null } | null {
  if (!/\.next[^/]*\//.test(path)) return null;
  if (!maps.has(path)) {
    const file = `${decodeURIComponent(path)}.map`;
    maps.set(path, existsSync(file) ? new SourceMapConsumer(JSON.parse(readFileSync(file, "utf8"))) : null);
  }
  const found = maps.get(path)?.originalPositionFor({ line: line + 1, column });
  return found?.source ? { source: found.source.replace(/^(\.\.\/)+/, "").replace(/^\[project\]\//, ""), name: found.name ?? null } : null;
}

/** The module a frame belongs to: the npm package, the app's source file, Node's internals, or V8's pseudo-frames. */
function moduleOf(url: string, fn: string, line = 0, column = 0): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const mapped = original(url.replace(/^file:\/\//, ""), line, column);
  const path = mapped ? `/${mapped.source}` : url.replace(/^file:\/\//, "");
  const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) {
    // Next's own compiled copies of other packages are named as such.
    const compiled = path.match(/next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/);
    return compiled ? `next (compiled ${compiled[1]})` : pkg[1]!;
  }
  if (path.startsWith("node:")) return `node:${path.slice(5).split("/")[0]}`;
  const source = path.match(/\/((?:src|inngest)\/.*)$/);
  if (source) return source[1]!;
  const chunk = path.match(/\.next[^/]*\/(.*)$/);
  if (chunk) return `app bundle ${chunk[1]!.replace(/\[[^\]]*\]/g, "").slice(0, 60)}`;
  return path.split("/").slice(-2).join("/");
}
const frameModule = (n: TNode) => moduleOf(n.callFrame.url, n.callFrame.functionName, n.callFrame.lineNumber, n.callFrame.columnNumber);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfByNode = new Map<number, number>();
profile.samples.forEach((id, i) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = profile.timeDeltas.reduce((a, b) => a + b, 0);

const keys = new Map<number, string>();
/** A frame's function, named as in its source where the bundle's map knows it, with its module and line. */
function fnKey(n: TNode): string {
  let key = keys.get(n.id);
  if (key === undefined) {
    const { url, functionName, lineNumber, columnNumber } = n.callFrame;
    const mapped = url ? original(url.replace(/^file:\/\//, ""), lineNumber, columnNumber) : null;
    const name = (mapped?.name && functionName.length <= 2 ? mapped.name : functionName) || "(anonymous)";
    key = `${name} ${frameModule(n)}${mapped ? "" : `:${lineNumber + 1}`}`;
    keys.set(n.id, key);
  }
  return key;
}
const selfFn = new Map<string, number>();
const selfModule = new Map<string, number>();
const totalFn = new Map<string, number>();
const totalModule = new Map<string, number>();
for (const [id, us] of selfByNode) {
  const n = byId.get(id)!;
  selfFn.set(fnKey(n), (selfFn.get(fnKey(n)) ?? 0) + us);
  const m = frameModule(n);
  selfModule.set(m, (selfModule.get(m) ?? 0) + us);
  // Total: each function and module once per sample, however often it recurs on the stack.
  const fns = new Set<string>();
  const mods = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const f = byId.get(at)!;
    if (f.callFrame.functionName === "(root)") continue;
    fns.add(fnKey(f));
    mods.add(frameModule(f));
  }
  for (const f of fns) totalFn.set(f, (totalFn.get(f) ?? 0) + us);
  for (const m of mods) totalModule.set(m, (totalModule.get(m) ?? 0) + us);
}

// What a sample's time is for: the first frame from the leaf up whose module says it.
const CATEGORIES: [string, RegExp][] = [
  ["receipt PDFs (pdfkit, fontkit)", /^(pdfkit|fontkit|restructure|linebreak|tiny-inflate|unicode-|brotli|png-js|dfa)/],
  ["signature check (standardwebhooks)", /^(standardwebhooks|fast-sha256|%40stablelib|@stablelib)/],
  ["logging (pino)", /^(pino|sonic-boom|thread-stream|src\/server\/log)/],
  ["metrics (prom-client)", /^(prom-client|src\/server\/metrics)/],
  ["database client (postgres.js, Drizzle)", /^(postgres|drizzle-orm|src\/server\/db\/)/],
  ["notice and receipt text (Intl, use-intl)", /^(src\/lib\/(format|notification-text|money)|use-intl|%40formatjs|@formatjs)/],
  ["payment services (webhook, state machine, receipts)", /^src\/server\/services\//],
  ["request body, JSON, zod", /^(zod|next \(compiled zod\))/],
  ["Next request handling", /^(next|runtime\/|src\/app\/|src\/server\/api\/|app bundle)/],
  ["HTTP server (node:http, server.mjs)", /^(node:_http|.*server\.mjs$|src\/server\/http\/)/],
  ["garbage collector", /^\(garbage collector\)$/],
];
const byCategory = new Map<string, number>();
for (const [id, us] of selfByNode) {
  let category = "other (Node internals, promises, timers)";
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const m = frameModule(byId.get(at)!);
    const hit = CATEGORIES.find(([, re]) => re.test(m));
    if (hit) {
      category = hit[0];
      break;
    }
  }
  if (byId.get(id)!.callFrame.functionName === "(idle)") continue;
  byCategory.set(category, (byCategory.get(category) ?? 0) + us);
}

const idle = selfModule.get("(idle)") ?? 0;
const busyUs = totalUs - idle;
const pct = (us: number) => `${((us / busyUs) * 100).toFixed(1)} %`;
const ms = (us: number) => (per ? ` | ${(us / 1000 / per).toFixed(2)}` : "");
const perHead = per ? " | ms per delivery" : "";
const perSep = per ? "|---:" : "";

console.log(
  `Profile ${file}: ${(totalUs / 1e6).toFixed(1)} s sampled, ${(busyUs / 1e6).toFixed(1)} s busy (not idle)${per ? `, ${per} deliveries` : ""}; shares are of the busy time.\n`,
);
console.log(`| what the time is for | share${perHead} |\n|---|---:${perSep}|`);
for (const [c, us] of [...byCategory].sort((a, b) => b[1] - a[1])) console.log(`| ${c} | ${pct(us)}${ms(us)} |`);
console.log("");
console.log(`| module | self | total${perHead} (self) |\n|---|---:|---:${perSep}|`);
for (const [m, us] of [...selfModule]
  .filter(([m]) => m !== "(idle)")
  .sort((a, b) => b[1] - a[1])
  .slice(0, rows)) {
  console.log(`| ${m} | ${pct(us)} | ${pct(totalModule.get(m) ?? us)}${ms(us)} |`);
}
console.log(`\n| function (module:line) | self | total${perHead} (total) |\n|---|---:|---:${perSep}|`);
for (const [f, us] of [...totalFn]
  .filter(([f]) => !f.startsWith("(idle)"))
  .sort((a, b) => b[1] - a[1])
  .slice(0, rows)) {
  console.log(`| ${f.replace(/\|/g, "\\|")} | ${pct(selfFn.get(f) ?? 0)} | ${pct(us)}${ms(us)} |`);
}
console.log(`\n| function, by self time (module:line) | self | total |\n|---|---:|---:|`);
for (const [f, us] of [...selfFn]
  .filter(([f]) => !f.startsWith("(idle)"))
  .sort((a, b) => b[1] - a[1])
  .slice(0, rows)) {
  console.log(`| ${f.replace(/\|/g, "\\|")} | ${pct(us)} | ${pct(totalFn.get(f) ?? us)} |`);
}

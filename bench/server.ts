import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import postgres from "postgres";
import { openDatabase, type DbHandle } from "../src/server/db/client";
import { migrateDatabase } from "../src/server/db/migrate";

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const INGEST_TOKEN = "bench-ingest-token-0123456789";
/** The production server's AUTH_SECRET in every bench (a bench that signs users in needs it too). */
export const BENCH_AUTH_SECRET = "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz";

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A migrated database; `fresh` drops and recreates it first. */
export async function benchDatabase(name: string, fresh: boolean): Promise<{ handle: DbHandle; url: string; existed: boolean }> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const [row] = await admin`select exists(select 1 from pg_database where datname = ${name}) as exists`;
  const exists = Boolean(row?.exists);
  if (fresh || !exists) {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  }
  await admin.end();
  const url = databaseUrl(name);
  const handle = await openDatabase({ url, max: 8 });
  await migrateDatabase(handle);
  return { handle, url, existed: !!exists && !fresh };
}

/** The build directory `next build` writes and `node server.mjs` serves (next.config.mjs honours NEXT_DIST_DIR). */
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
const BUILD_STAMP = `${DIST_DIR}/servelink-build-stamp`;

/** What the build is not made of: the benchmarks, the tests and the documentation change without a rebuild. */
const NOT_BUILT = /^(bench|e2e|test|docs|ops)\/|\.md$|\.test\.ts$/;

/**
 * The state of the built source a build is of (the committed tree and the working tree's changes
 * to tracked files, but for NOT_BUILT): a build of anything else is not measured.
 */
function sourceStamp(): string {
  const git = (...args: string[]) => spawnSync("git", args, { encoding: "utf8", maxBuffer: 1 << 28 }).stdout;
  const built = (paths: string) =>
    paths
      .split("\n")
      .filter((p) => p && !NOT_BUILT.test(p))
      .sort();
  const changed = built(git("diff", "HEAD", "--name-only"));
  return createHash("sha256")
    .update(
      git("ls-tree", "-r", "HEAD", "--", ".")
        .split("\n")
        .filter((line) => !NOT_BUILT.test(line.split("\t")[1] ?? ""))
        .join("\n"),
    )
    .update(changed.length ? git("diff", "HEAD", "--", ...changed) : "")
    .digest("hex")
    .slice(0, 16);
}

/** Builds the app unless the existing build is of this very source. */
function ensureBuild(): void {
  const stamp = sourceStamp();
  if (existsSync(`${DIST_DIR}/BUILD_ID`) && existsSync(BUILD_STAMP) && readFileSync(BUILD_STAMP, "utf8") === stamp) return;
  console.log(`building the app for ${stamp.slice(0, 12)} (the existing build, if any, is of other source)…`);
  // next build rewrites tsconfig.json: it is put back as it was, so the source stays what was stamped.
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: DIST_DIR } });
  writeFileSync("tsconfig.json", tsconfig);
  if (build.status !== 0) throw new Error("next build failed");
  writeFileSync(BUILD_STAMP, stamp);
}

/** A server startServer started, and how to stop it. */
export interface TBenchServer {
  baseUrl: string;
  pid: number;
  /** SIGTERM to the server (it closes and exits: a CPU profile, if asked for, is written then). */
  stop: () => void;
  /** Settles when the process has exited. */
  exited: Promise<void>;
}

/**
 * The production server, started as `npm start` starts it (server.mjs), on `port`, against `url`.
 * `BENCH_CPU_PROF=<dir>`: the server runs under `node --cpu-prof`, its profile written to `<dir>` when it exits.
 */
export async function startServer(url: string, port: number, extraEnv: Record<string, string> = {}): Promise<TBenchServer> {
  ensureBuild();
  const baseUrl = `http://127.0.0.1:${port}`;
  const profDir = process.env.BENCH_CPU_PROF;
  const nodeArgs = profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [];
  const child: ChildProcess = spawn("node", [...nodeArgs, "server.mjs"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      BASE_URL: baseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      AUTH_SECRET: BENCH_AUTH_SECRET,
      INGEST_TOKEN,
      ...extraEnv,
    },
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  process.on("exit", stop);
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${baseUrl}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { baseUrl, pid: child.pid!, stop, exited };
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error("the server did not become ready within 60 s");
}

/** The cookies an auth answer sets (`Set-Cookie`), as a browser context takes them. */
export function cookiesOf(res: Response): { name: string; value: string }[] {
  return res.headers.getSetCookie().map((c) => {
    const [pair] = c.split(";");
    const at = pair!.indexOf("=");
    return { name: pair!.slice(0, at), value: pair!.slice(at + 1) };
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
export function processCpuSeconds(pid: number): number {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds used so far by each Postgres backend serving `database` (by pid, from /proc; a
 * backend's title names its database). Take two and diff them with `cpuSince`: backends of other
 * databases, and others' that end meanwhile, are not counted.
 */
export function postgresBackendsCpu(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
      if (!readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(` ${database} `)) continue;
      out.set(Number(entry), processCpuSeconds(Number(entry)) || 0);
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** The CPU seconds the processes of `now` used since `before` (a process new since then counts whole). */
export function cpuSince(before: Map<number, number>, now: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of now) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** The machine's busy and total CPU seconds so far, over all cores, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const n = ticks.map(Number);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

const CLOCK_TICKS = 100;

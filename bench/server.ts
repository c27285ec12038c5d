import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import postgres from "postgres";
import { openDatabase, type DbHandle } from "../src/server/db/client";
import { migrateDatabase } from "../src/server/db/migrate";

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const INGEST_TOKEN = "bench-ingest-token-0123456789";

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

/** The commit and working-tree state a build is of: a build of anything else is not measured. */
function sourceStamp(): string {
  const head = spawnSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).stdout.trim();
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).stdout.trim();
  return dirty
    ? `${head}+${createHash("sha256")
        .update(dirty + spawnSync("git", ["diff"], { encoding: "utf8" }).stdout)
        .digest("hex")
        .slice(0, 12)}`
    : head;
}

/** Builds the app unless the existing build is of this very source. */
export function ensureBuild(): void {
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

/** The production server, started as `npm start` starts it (server.mjs), on `port`, against `url`. */
export async function startServer(url: string, port: number, extraEnv: Record<string, string> = {}): Promise<{ baseUrl: string; stop: () => void }> {
  ensureBuild();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("node", ["server.mjs"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      BASE_URL: baseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      AUTH_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      INGEST_TOKEN,
      ...extraEnv,
    },
    detached: true,
  });
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
    if (ok) return { baseUrl, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error("the server did not become ready within 60 s");
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

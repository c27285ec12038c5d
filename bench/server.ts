import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
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

/** The production server (built first when there is no build) on `port`, against `url`. */
export async function startServer(url: string, port: number, extraEnv: Record<string, string> = {}): Promise<{ baseUrl: string; stop: () => void }> {
  if (!existsSync(".next/BUILD_ID")) {
    console.log("no production build: running next build…");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      BASE_URL: baseUrl,
      PORT: String(port),
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
    const ok = await fetch(`${baseUrl}/api/health/ready`).then((r) => r.ok, () => false);
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

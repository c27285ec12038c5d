import { openDatabase, type DbHandle } from "../src/server/db/client";
import { migrateDatabase } from "../src/server/db/migrate";

/** The database the operator commands use: `DATABASE_URL`, or the embedded PGlite under `PGLITE_DIR`. */
export async function openAppDatabase(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL || undefined;
  const handle = await openDatabase({ url, pgliteDir: process.env.PGLITE_DIR || ".data/pglite", max: 4 });
  await migrateDatabase(handle);
  return handle;
}

export function describeTarget(handle: DbHandle): string {
  if (handle.kind === "pglite") return `embedded PGlite (${process.env.PGLITE_DIR || ".data/pglite"})`;
  const u = new URL(handle.url!);
  return `Postgres ${u.host}${u.pathname}`;
}

/** Runs a command's body and exits non-zero with a readable message on failure. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
    process.exit(0);
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

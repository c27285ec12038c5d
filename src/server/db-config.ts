import "server-only";
import { env } from "@/env.js";
import { openDatabase, type Db, type DbHandle } from "./db/client";
import { migrateDatabase } from "./db/migrate";

// One handle per server process, kept on globalThis so hot reloads never open PGlite twice.
const store = globalThis as unknown as { __servelinkDb?: Promise<DbHandle> };

/** The app's database, migrated on first use (PGlite needs it; Postgres gets it idempotently). */
export function getDbHandle(): Promise<DbHandle> {
  store.__servelinkDb ??= (async () => {
    const handle = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
    await migrateDatabase(handle);
    return handle;
  })().catch((err) => {
    store.__servelinkDb = undefined;
    throw err;
  });
  return store.__servelinkDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export type { Db };

import { mkdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export { schema };

/** The database handle every service takes: a postgres.js or PGlite database, or a transaction of one. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  kind: "postgres" | "pglite";
  url?: string;
  close: () => Promise<void>;
  /**
   * LISTEN on `channel` (postgres.js: on a connection of its own, listening again after a
   * reconnect; PGlite: on its one connection). `onListen` runs each time listening (re)starts, so
   * the caller can catch up on what it missed meanwhile. Answers the unlisten.
   */
  listen?: (channel: string, onNotify: (payload: string) => void, onListen?: () => void) => Promise<() => Promise<void>>;
}

/**
 * Opens a database: postgres.js when `url` is given, otherwise PGlite stored in `pgliteDir`
 * (created if missing). Each call opens a new connection pool; the app keeps one (see `getDb`).
 */
export async function openDatabase(opts: { url?: string; pgliteDir?: string; max?: number }): Promise<DbHandle> {
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {} });
    const db = drizzle(client, { schema }) as unknown as Db;
    const listen: NonNullable<DbHandle["listen"]> = async (channel, onNotify, onListen) => {
      const { unlisten } = await client.listen(channel, onNotify, onListen);
      return unlisten;
    };
    return { db, kind: "postgres", url: opts.url, close: () => client.end({ timeout: 5 }), listen };
  }
  const dir = path.resolve(/*turbopackIgnore: true*/ opts.pgliteDir ?? ".data/pglite");
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
  const { drizzle } = await import("drizzle-orm/pglite");
  // unaccent: ticket search (migration 0001) folds accents, as on the Postgres server.
  const client = await PGlite.create(dir, { extensions: { unaccent } });
  const db = drizzle(client, { schema }) as unknown as Db;
  const listen: NonNullable<DbHandle["listen"]> = async (channel, onNotify, onListen) => {
    const unlisten = await client.listen(channel, onNotify);
    onListen?.();
    return unlisten;
  };
  return { db, kind: "pglite", close: () => client.close(), listen };
}

/** The rows of `db.execute(...)`: postgres.js answers an array, PGlite an object with `rows`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * A Postgres array literal (`{"a","b"}`) to bind as one text parameter and cast (`::text[]`),
 * so a multi-row write sends a few parameters whatever its size, on postgres.js and PGlite alike.
 */
export function pgArray(values: readonly (string | number | bigint)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
}

/**
 * A list of constant words (a status machine's `from`) as SQL: `('active', 'expired')`. For the
 * code's own constants only, never for input.
 */
export function sqlWords(values: readonly string[]) {
  return sql.raw(`(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`);
}

/** One constant word as SQL (a move's `to`). */
export function sqlWord(value: string) {
  return sql.raw(`'${value.replace(/'/g, "''")}'`);
}

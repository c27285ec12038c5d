import { type TGlobalRole } from "../src/lib/roles";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { newId } from "../src/lib/ids";
import { openDatabase, type DbHandle } from "../src/server/db/client";
import { user } from "../src/server/db/schema";
import type { TSessionUser } from "../src/server/api/context";

// Modules are isolated per test file: this promise, and so the database, belong to one file.
let fileDatabase: Promise<string> | undefined;

/**
 * This test file's own database: a copy of the run's migrated template (see
 * postgres-global-setup.ts), made on first use and dropped with the run.
 */
export function testDatabaseUrl(): Promise<string> {
  fileDatabase ??= (async () => {
    const template = new URL(inject("templateDatabaseUrl"));
    const name = `${template.pathname.slice(1)}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(inject("adminDatabaseUrl"), { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}" template "${template.pathname.slice(1)}"`);
    } finally {
      await admin.end();
    }
    const url = new URL(template);
    url.pathname = `/${name}`;
    return url.toString();
  })();
  return fileDatabase;
}

/** A connection to this file's test database. */
export async function openTestDb(max = 5): Promise<DbHandle> {
  return openDatabase({ url: await testDatabaseUrl(), max });
}

/** A user row with a unique e-mail; enough for services and routers, which never read passwords. */
export async function insertUser(handle: DbHandle, opts: { role?: TGlobalRole; name?: string } = {}): Promise<TSessionUser> {
  const id = newId("usr");
  const row = { id, email: `${id}@test.servelink.dev`, name: opts.name ?? "Test User", role: opts.role ?? "user" };
  await handle.db.insert(user).values(row);
  return row;
}

export function uniqueSlug(prefix = "t"): string {
  return `${prefix}-${newId("team").slice(5, 17)}`;
}

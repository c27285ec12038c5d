import { inject } from "vitest";
import { newId } from "../src/lib/ids";
import { openDatabase, type DbHandle } from "../src/server/db/client";
import { user, type TGlobalRole } from "../src/server/db/schema";
import type { TSessionUser } from "../src/server/api/context";

/** A connection to this run's test database (see postgres-global-setup.ts). */
export function openTestDb(max = 5): Promise<DbHandle> {
  return openDatabase({ url: inject("databaseUrl"), max });
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

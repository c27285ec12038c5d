import path from "node:path";
import { sql } from "drizzle-orm";
import { PLANS } from "@/lib/plans";
import type { DbHandle } from "./client";
import { subscriptionPlan } from "./schema";

export const MIGRATIONS_FOLDER = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "drizzle");

/** Applies pending migrations, then makes the plan rows match `lib/plans` (idempotent). */
export async function migrateDatabase(handle: DbHandle, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { default: postgres } = await import("postgres");
    // One connection holding an advisory lock: concurrent starts migrate one after the other.
    const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
    try {
      const db = drizzle(client);
      await db.execute(sql`select pg_advisory_lock(727274)`);
      await migrate(db, { migrationsFolder });
      await db.execute(sql`select pg_advisory_unlock(727274)`);
    } finally {
      await client.end({ timeout: 5 });
    }
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
  await syncPlans(handle);
}

async function syncPlans({ db }: DbHandle): Promise<void> {
  for (const plan of Object.values(PLANS)) {
    const row = {
      id: plan.id,
      name: plan.name,
      maxTeams: plan.maxTeams,
      maxMembers: plan.maxMembers,
      maxProjects: plan.maxProjects,
      maxCpu: plan.maxCpu,
      maxMemoryMb: plan.maxMemoryMb,
      maxTrafficGbPerMonth: plan.maxTrafficGbPerMonth,
      maxStorageMb: plan.maxStorageMb,
      customDomains: plan.customDomains,
      priceMinor: plan.priceMinor,
      currency: plan.currency,
    };
    await db.insert(subscriptionPlan).values(row).onConflictDoUpdate({ target: subscriptionPlan.id, set: row });
  }
}

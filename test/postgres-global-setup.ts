import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../src/server/db/client";
import { migrateDatabase } from "../src/server/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated template database of this run; each test file gets its own copy (test/db.ts). */
    templateDatabaseUrl: string;
    adminDatabaseUrl: string;
  }
}

/**
 * Integration tests run against the real Postgres server. Each run migrates a template database
 * once; each test file then works in its own copy of it (`create database … template …`, see
 * test/db.ts), so the jobs, which act on every row, only ever see their own file's rows, and two
 * runs on one machine never touch each other's data. Every database of the run is dropped at the
 * end. `TEST_DATABASE_ADMIN_URL` points at the server (default: the local one, user postgres).
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `servelink_test_${Date.now().toString(36)}_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), max: 1 });
  await migrateDatabase(handle);
  await handle.close();
  project.provide("templateDatabaseUrl", url.toString());
  project.provide("adminDatabaseUrl", adminUrl);
  return async () => {
    const copies = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${name}%`}`;
    for (const { datname } of copies) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}
